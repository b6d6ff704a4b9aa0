"""The web pages and report downloads over HTTP, on both stores: sign-in needs a valid token
and a matching CSRF token, the session cookie is HttpOnly, redirects stay on the site, a
viewer's pages and downloads hold no personal fields, and HR downloads only its units."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import httpx
import pytest

from service.settings import Settings
from tests.e2e.pages_site import BIRTH_DATE, CORRECTED_NIP, PagesServer


class Site(PagesServer):
    """The server, and browsers-without-a-browser (HTTP clients with their own cookies)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.clients: list[httpx.Client] = []

    def new_client(self) -> httpx.Client:
        self.clients.append(httpx.Client(base_url=self.url, timeout=30))
        return self.clients[-1]


@pytest.fixture
def site(settings: Settings) -> Iterator[Site]:
    with Site(settings) as server:
        server.seeded()
        try:
            yield server
        finally:
            for client in server.clients:
                client.close()


def csrf(client: httpx.Client) -> str:
    page = client.get("/app/signin")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def signed_in(site: Site, role: str, scopes: tuple[str, ...] = ("*",)) -> httpx.Client:
    client = site.new_client()
    answer = client.post("/app/signin", data={"csrf_token": csrf(client), "next": "/app/servants",
                                              "token": site.token(role, scopes)})
    assert answer.status_code == 303 and answer.headers["location"] == "/app/servants"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return client


def test_pages_need_a_signed_in_user(site: Site) -> None:
    answer = site.client.get(f"/app/servants/{CORRECTED_NIP}")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/app/signin?next=")


def test_a_sign_in_without_the_csrf_token_is_refused(site: Site) -> None:
    client = site.new_client()
    csrf(client)  # the cookie is there, but the form does not carry it
    answer = client.post("/app/signin", data={"token": site.token("hr")})
    assert answer.status_code == 403 and "CSRF_TOKEN_INVALID" in answer.text
    assert "riwayat_session" not in answer.headers.get("set-cookie", "")


def test_a_bad_token_is_refused_at_sign_in(site: Site) -> None:
    client = site.new_client()
    answer = client.post("/app/signin", data={"csrf_token": csrf(client), "token": "nonsense"})
    assert answer.status_code == 401 and "UNAUTHENTICATED" in answer.text


def test_sign_in_never_redirects_off_the_site(site: Site) -> None:
    client = site.new_client()
    answer = client.post("/app/signin", data={"csrf_token": csrf(client), "next": "//evil.test/x",
                                              "token": site.token("hr")})
    assert answer.headers["location"] == "/app/servants"


def test_a_viewer_sees_no_personal_field_on_the_page_or_in_a_download(site: Site) -> None:
    hr, viewer = signed_in(site, "hr"), signed_in(site, "viewer")
    assert BIRTH_DATE in hr.get(f"/app/servants/{CORRECTED_NIP}").text
    page = viewer.get(f"/app/servants/{CORRECTED_NIP}")
    assert page.status_code == 200 and "Andi Wijaya" in page.text
    assert BIRTH_DATE not in page.text and 'id="personal-hidden"' in page.text

    unit = site.unit_of(CORRECTED_NIP)
    for client, personal in ((hr, True), (viewer, False)):
        answer = client.get(f"/downloads/nominative?unit={unit}&format=csv")
        assert answer.status_code == 200, answer.text
        header = next(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
        assert ("Tanggal lahir" in header) is personal
        assert (BIRTH_DATE in answer.text) is personal


def test_downloads_follow_the_tokens_scope(site: Site) -> None:
    unit = site.unit_of(CORRECTED_NIP)
    assert site.client.get(f"/downloads/duk?unit={unit}").status_code == 401
    outsider = {"authorization": f"Bearer {site.token('hr', ('ELSEWHERE',))}"}
    refused = site.client.get(f"/downloads/duk?unit={unit}", headers=outsider)
    assert refused.status_code == 403 and refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    insider = {"authorization": f"Bearer {site.token('hr', (unit,))}"}
    sheet = site.client.get(f"/downloads/duk?unit={unit}&format=xlsx", headers=insider)
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats")
    bad = site.client.get("/downloads/duk?format=pdf&unit=X", headers=insider)
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["extensions"]["code"] == "INVALID_REPORT_PARAMETER"


def test_an_hr_token_finds_only_servants_of_its_units(site: Site) -> None:
    unit = site.unit_of(CORRECTED_NIP)
    everyone = signed_in(site, "hr").get("/app/servants").text
    scoped = signed_in(site, "hr", (unit,)).get("/app/servants").text
    nips = set(re.findall(r"/app/servants/(\d{18})", everyone))
    mine = set(re.findall(r"/app/servants/(\d{18})", scoped))
    assert CORRECTED_NIP in mine and mine < nips


def test_the_imports_page_is_for_auditors_and_hr_of_every_unit(site: Site) -> None:
    auditor = signed_in(site, "auditor", ())
    page = auditor.get("/app/imports")
    assert page.status_code == 200
    assert any(marker in page.text for marker in
               ('id="imports"', 'id="no-imports"', 'id="imports-unavailable"'))
    scoped = signed_in(site, "hr", (site.unit_of(CORRECTED_NIP),)).get("/app/imports")
    assert scoped.status_code == 403 and "FORBIDDEN" in scoped.text
    assert signed_in(site, "viewer").get("/app/imports").status_code == 403
    assert auditor.get("/app/imports/20260101T000000Z-abcdef").status_code == 404
