"""GraphiQL in development comes from files installed with the package: the page names only
same-origin assets, each is served with its type, and no asset reaches out to another host.

The page is the same whatever the store, so these run on SQLite only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests import support
from tests.support import LiveServer

TYPES_BY_SUFFIX = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
}


class _AssetLinks(HTMLParser):
    """The URLs a browser loads on its own while rendering the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href"):
            value = attributes.get(name)
            if (
                value
                and tag in ("script", "link", "img", "iframe")
                and not value.startswith("data:")
            ):
                self.urls.append(value)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("graphiql")
    with LiveServer(support.test_settings(f"sqlite:///{tmp / 'riwayat.db'}", tmp)) as server:
        yield server


def _page(api: LiveServer) -> tuple[str, list[str]]:
    response = api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    links = _AssetLinks()
    links.feed(response.text)
    page_url = f"{api.url}/graphql"
    return response.text, [urljoin(page_url, url) for url in links.urls]


def test_the_ide_page_refers_only_to_assets_on_its_own_origin(api: LiveServer) -> None:
    html, assets = _page(api)
    own = urlparse(api.url)
    assert len(assets) >= 4  # react, react-dom, graphiql (script and style), the token bar
    for url in assets:
        parsed = urlparse(url)
        assert (parsed.scheme, parsed.netloc) == (own.scheme, own.netloc), url
    # Nothing else in the page points at another host either (no CDN, no font service).
    assert re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE) is None


def test_every_asset_of_the_ide_page_is_served_with_its_content_type(api: LiveServer) -> None:
    _, assets = _page(api)
    for url in assets:
        response = api.client.get(url)
        assert response.status_code == 200, url
        suffix = Path(urlparse(url).path).suffix
        content_type = response.headers["content-type"].split(";")[0].strip()
        assert content_type in TYPES_BY_SUFFIX[suffix], (url, content_type)
        assert len(response.content) > 0, url


def test_the_ide_stylesheets_load_nothing_from_another_host(api: LiveServer) -> None:
    _, assets = _page(api)
    for url in (u for u in assets if u.endswith(".css")):
        css = api.client.get(url).text
        assert re.search(r"@import|url\(\s*['\"]?(https?:)?//", css) is None, url


def test_the_token_entered_in_the_page_is_sent_as_a_bearer_header(api: LiveServer) -> None:
    # Without a browser, check the page's own script wires the saved token into every request;
    # rendering in a real browser is the browser tests' job.
    _, assets = _page(api)
    script = next(u for u in assets if u.endswith("riwayat-ide.js"))
    source = api.client.get(script).text
    assert "localStorage" in source
    assert '"Bearer " + token' in source
    assert "fetch: fetchWithToken" in source


def test_the_vendored_assets_keep_their_licences() -> None:
    static = Path(__file__).parents[2] / "service" / "web" / "static" / "graphiql"
    for package in ("graphiql", "react", "react-dom"):
        licence = (static / package / "LICENSE").read_text(encoding="utf-8")
        assert "MIT License" in licence and "Permission is hereby granted" in licence
