"""The web pages and report downloads over HTTP, on both stores: sign-in needs a valid token
and a matching CSRF token, the session cookie is HttpOnly, redirects stay on the site, a
viewer's pages and downloads hold no personal fields, HR downloads only its units, the servant
search filters and pages through the directory, and the imports page lists real runs."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.importing import import_run_report, run_import
from service.importing.sample import write_sample
from service.pages import audit_routes, directory
from service.settings import Settings
from tests.e2e.pages_site import BIRTH_DATE, CORRECTED_NAME, CORRECTED_NIP, PagesServer

NIP_LINK = re.compile(r"/app/servants/(\d{18})\"")


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
    nips = set(NIP_LINK.findall(everyone))
    mine = set(NIP_LINK.findall(scoped))
    assert CORRECTED_NIP in mine and mine < nips


def directory_rows(site: Site, **filters: str) -> list[dict[str, str]]:
    """The servants the API's directory gives for a filter (every page), by name then NIP."""
    query = """query($filter: ServantFilter, $after: String) {
      servants(filter: $filter, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { nip name rank status unitId } } } }"""
    rows: list[dict[str, str]] = []
    after = None
    while True:
        page = site.gql(query, {"filter": filters, "after": after}, role="auditor")
        connection = page["data"]["servants"]
        rows += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return rows
        after = connection["pageInfo"]["endCursor"]


def found(client: httpx.Client, **params: str) -> list[str]:
    page = client.get("/app/servants", params=params)
    assert page.status_code == 200, page.text
    return NIP_LINK.findall(page.text)


def test_the_search_page_filters_as_the_directory_does(site: Site) -> None:
    hr = signed_in(site, "hr")
    assert CORRECTED_NIP in found(hr, q="ANDI wij")  # case does not matter
    assert found(hr, q="no such name anywhere") == []
    everyone = directory_rows(site)
    assert found(hr) == [row["nip"] for row in everyone]  # by name, then NIP
    some = everyone[len(everyone) // 2]
    rank, status, unit = some["rank"], some["status"], some["unitId"]
    for params, filters in (({"nip": some["nip"][:8]}, {"nipPrefix": some["nip"][:8]}),
                            ({"rank": rank}, {"rank": rank}), ({"status": status}, {"status": status}),
                            ({"unit": unit, "rank": rank}, {"unitId": unit, "rank": rank})):
        expected = [row["nip"] for row in directory_rows(site, **filters)]
        assert some["nip"] in expected and found(hr, **params) == expected, params
    assert len(found(hr, rank=rank)) < len(everyone) or len({r["rank"] for r in everyone}) == 1


def test_a_bad_filter_value_shows_the_apis_error_and_no_list(site: Site) -> None:
    page = signed_in(site, "hr").get("/app/servants", params={"rank": "IX_Z"})
    assert page.status_code == 200 and 'role="alert"' in page.text
    assert NIP_LINK.findall(page.text) == [] and 'id="no-servants"' not in page.text


def test_the_search_pages_forward_and_back_by_keyset_links(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(directory, "PAGE_SIZE", 5)
    hr = signed_in(site, "hr")
    everyone = [row["nip"] for row in directory_rows(site)]
    pages, link = [], "/app/servants"
    while link:
        page = hr.get(link.replace("&amp;", "&"))
        pages.append(NIP_LINK.findall(page.text))
        assert "offset" not in page.text
        following = re.search(r'id="next-page" href="([^"]+)"', page.text)
        link = "/app/servants" + following.group(1) if following else ""
        if len(pages) > 1:
            assert 'id="previous-page"' in page.text
    assert [len(p) for p in pages[:-1]] == [5] * (len(pages) - 1) and len(pages) >= 3
    assert [nip for p in pages for nip in p] == everyone
    back = re.search(r'id="previous-page" href="([^"]+)"', page.text)
    assert back
    previous = hr.get("/app/servants" + back.group(1).replace("&amp;", "&"))
    assert NIP_LINK.findall(previous.text) == pages[-2]
    filtered = hr.get("/app/servants", params={"status": "PNS"}).text
    following = re.search(r'id="next-page" href="([^"]+)"', filtered)
    assert following is None or "status=PNS" in following.group(1)


def test_the_findings_page_pages_forward_and_back_by_keyset_links(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_routes, "PAGE_SIZE", 2)
    auditor = signed_in(site, "auditor", ())
    rows = re.compile(r'<tr class="finding".*?</tr>', re.S)
    pages, link = [], "/app/audit/findings"
    while link and len(pages) < 50:
        page = auditor.get(link.replace("&amp;", "&")).text
        pages.append(rows.findall(page))
        following = re.search(r'id="next-page" href="([^"]+)"', page)
        link = "/app/audit/findings" + following.group(1) if following else ""
    assert len(pages) >= 2 and all(len(p) == 2 for p in pages[:-1]), [len(p) for p in pages]
    total = re.search(r"(\d+) temuan", auditor.get("/app/audit/findings").text)
    assert total and sum(len(p) for p in pages) == int(total.group(1))
    back = re.search(r'id="previous-page" href="([^"]+)"', page)
    assert back
    previous = auditor.get("/app/audit/findings" + back.group(1).replace("&amp;", "&")).text
    assert rows.findall(previous) == pages[-2]


def test_the_candidates_page_lists_the_unit_asked_for(site: Site) -> None:
    unit = site.unit_of(CORRECTED_NIP)
    page = signed_in(site, "hr").get("/app/candidates", params={"unit": unit})
    assert page.status_code == 200 and 'id="candidates"' in page.text, page.text
    assert CORRECTED_NAME in page.text and 'role="alert"' not in page.text
    listed = set(re.findall(r"<small>(\d{18})</small>", page.text))
    assert CORRECTED_NIP in listed
    assert all(site.unit_of(nip) == unit for nip in listed)


def test_the_imports_page_lists_runs_and_their_reports(site: Site, tmp_path: Path) -> None:
    auditor = signed_in(site, "auditor", ())
    assert 'id="no-imports"' in auditor.get("/app/imports").text
    write_sample(tmp_path / "dry", 4, seed=11)
    dry = run_import(site.settings, tmp_path / "dry", dry_run=True)
    real = site.imported(tmp_path / "siasn", 4)
    page = auditor.get("/app/imports")
    assert page.status_code == 200
    listed = re.findall(r'data-run="([^"]+)"', page.text)
    assert listed == [real.run_id, dry.run_id] or listed == [dry.run_id, real.run_id]
    shown = re.search(rf'data-run="{real.run_id}".*?</tr>', page.text, re.S)
    assert shown and f'data-outcome="IMPORTED"><em>diimpor</em> {real.counts["IMPORTED"]}<' \
        in shown.group(0)

    report = auditor.get(f"/app/imports/{real.run_id}")
    assert report.status_code == 200 and 'id="import-report"' in report.text
    imported = [row for row in real.rows if row.outcome == "IMPORTED"]
    assert imported and imported[0].event_id in report.text
    skipped = auditor.get(f"/app/imports/{real.run_id}", params={"outcome": "SKIPPED"}).text
    body = skipped[skipped.index('<tbody>'):skipped.index('</tbody>')]
    assert body.count("<tr>") == real.counts["SKIPPED"] > 0
    assert "SKIPPED" in body and "IMPORTED" not in body
    download = auditor.get(f"/app/imports/{real.run_id}/report.csv")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert download.text == import_run_report(site.settings, real.run_id).read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert len(rows) == len(real.rows) and {r["nip"] for r in rows} == {r.nip for r in real.rows}


def test_the_imports_page_is_for_auditors_and_hr_of_every_unit(site: Site) -> None:
    auditor = signed_in(site, "auditor", ())
    assert auditor.get("/app/imports").status_code == 200
    assert signed_in(site, "hr").get("/app/imports").status_code == 200
    scoped = signed_in(site, "hr", (site.unit_of(CORRECTED_NIP),)).get("/app/imports")
    assert scoped.status_code == 403 and "FORBIDDEN" in scoped.text
    assert signed_in(site, "viewer").get("/app/imports").status_code == 403
    assert auditor.get("/app/imports/20260101T000000Z-abcdef").status_code == 404
