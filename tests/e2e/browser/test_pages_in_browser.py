"""The main journeys of the web pages in a real browser (headless Chromium), on both stores:
HR finds a servant and reads the riwayat with its correction, a viewer sees no personal fields,
HR filters the search and pages through it, a committee reads the candidates and one servant's
rules, an auditor walks from a finding to the promotion's audit to the integrity digest and
finds an import run and downloads its report, and the pages switch to English."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from service.importing import import_run_report
from service.pages import directory
from tests.e2e.pages_site import (
    BIRTH_DATE,
    CORRECTED_NAME,
    CORRECTED_NIP,
    CORRECTION_REASON,
    PagesServer,
)

# Chromium's driver may report an element of a page being replaced as an inspector error
# ("Node with given id does not belong to the document") instead of a stale element, when the
# question reaches it while the old document is torn down.
_DETACHED = "does not belong to the document"


def replaced(old: Any) -> Any:
    """A wait condition: ``old`` (an element of the page we left) is no longer in the page."""
    def gone(_browser: Any) -> bool:
        try:
            return bool(expected_conditions.staleness_of(old)(_browser))
        except WebDriverException as error:
            if _DETACHED in str(error):
                return True
            raise
    return gone


def follow(browser: Any, by: str, value: str) -> None:
    """Click a link or button and wait until the next page has replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    try:
        browser.find_element(by, value).click()
    except WebDriverException as error:
        if _DETACHED not in str(error):  # the click landed and the page is already leaving
            raise
    WebDriverWait(browser, 15).until(replaced(old))


def sign_in(browser: Any, site: PagesServer, role: str, scopes: tuple[str, ...] = ("*",)) -> None:
    browser.get(f"{site.url}/app/signin")
    browser.delete_all_cookies()  # cookies are per host, not per port: start clean
    browser.get(f"{site.url}/app/servants")  # sent to sign in, and back here afterwards
    assert "/app/signin" in browser.current_url
    browser.find_element(By.ID, "token").send_keys(site.token(role, scopes))
    follow(browser, By.ID, "signin")
    assert browser.current_url.endswith("/app/servants"), browser.current_url
    assert browser.find_element(By.ID, "who").text.startswith(f"test-{role}")


def text(browser: Any) -> str:
    return str(browser.find_element(By.TAG_NAME, "body").text)


def test_hr_finds_a_servant_and_reads_the_riwayat_with_provenance_and_correction(
        browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "hr")
    browser.find_element(By.ID, "q").send_keys("andi")
    follow(browser, By.ID, "search")
    rows = browser.find_elements(By.CSS_SELECTOR, "#servants tbody tr")
    assert [r.text for r in rows if CORRECTED_NAME in r.text], [r.text for r in rows]
    follow(browser, By.LINK_TEXT, CORRECTED_NIP)

    assert CORRECTED_NAME in browser.find_element(By.ID, "servant-name").text
    assert browser.find_element(By.ID, "birth-date").text == BIRTH_DATE
    appraisals = browser.find_element(By.ID, "section-appraisals").text
    assert "dikoreksi" in appraisals and CORRECTION_REASON in appraisals
    assert "SK " in appraisals and "Kepala" in text(browser)  # each row shows its SK


def listed_nips(browser: Any) -> list[str]:
    return [row.find_element(By.TAG_NAME, "a").text
            for row in browser.find_elements(By.CSS_SELECTOR, "#servants tbody tr")]


def test_hr_filters_the_search_and_pages_forward_and_back(
        browser: Any, site: PagesServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(directory, "PAGE_SIZE", 4)
    sign_in(browser, site, "hr")
    first = listed_nips(browser)
    assert len(first) == 4
    follow(browser, By.ID, "next-page")
    second = listed_nips(browser)
    assert second and not set(second) & set(first)
    follow(browser, By.ID, "previous-page")
    assert listed_nips(browser) == first

    status = site.gql("{ servants(first: 1) { edges { node { status } } } }",
                      role="auditor")["data"]["servants"]["edges"][0]["node"]["status"]
    browser.find_element(By.CSS_SELECTOR, f"#status option[value='{status}']").click()
    browser.find_element(By.ID, "nip").send_keys(CORRECTED_NIP[:6])
    follow(browser, By.ID, "search")
    assert f"status={status}" in browser.current_url
    shown = listed_nips(browser)
    assert shown and all(nip.startswith(CORRECTED_NIP[:6]) for nip in shown)
    statuses = {row.find_elements(By.TAG_NAME, "td")[-1].text
                for row in browser.find_elements(By.CSS_SELECTOR, "#servants tbody tr")}
    assert len(statuses) == 1, statuses


def test_a_viewer_never_sees_personal_fields(browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "viewer")
    browser.get(f"{site.url}/app/servants/{CORRECTED_NIP}")
    page = text(browser)
    assert CORRECTED_NAME in page
    assert BIRTH_DATE not in page, page[page.index(BIRTH_DATE) - 400:page.index(BIRTH_DATE) + 100]
    assert not browser.find_elements(By.ID, "birth-date")
    assert browser.find_element(By.ID, "personal-hidden").is_displayed()
    # The audit pages are the auditor's: the nav offers them not, and the API refuses them.
    assert not browser.find_elements(By.LINK_TEXT, "Temuan audit")
    browser.get(f"{site.url}/app/audit/findings")
    assert "FORBIDDEN" in text(browser)


def test_committee_reads_candidates_with_explanations_and_the_rules_of_one(
        browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "hr")
    follow(browser, By.LINK_TEXT, "Calon KP")
    browser.find_element(By.ID, "cand-unit").send_keys(site.unit_of(CORRECTED_NIP))
    follow(browser, By.ID, "show-candidates")
    rows = browser.find_elements(By.CSS_SELECTOR, "#candidates tbody tr")
    assert rows and any(CORRECTED_NAME in r.text for r in rows), text(browser)
    follow(browser, By.LINK_TEXT, CORRECTED_NAME)

    rules = browser.find_elements(By.CSS_SELECTOR, "tr.rule")
    # Andi holds a functional position, so the KP pilihan JF rules judge him (F0-F3).
    assert {r.get_attribute("data-rule") for r in rules} >= {"F1", "F2", "F3"}, [r.text for r in rules]
    assert all(("Memenuhi" in r.text) != ("Tidak memenuhi" in r.text)
               or "Belum diketahui" in r.text for r in rules), [r.text for r in rules]
    assert browser.find_element(By.ID, "verdict").text in {"Layak", "Belum layak",
                                                           "Belum dapat ditentukan"}


def test_auditor_walks_from_a_finding_to_the_promotion_audit_to_the_digest(
        browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "auditor", ())
    follow(browser, By.LINK_TEXT, "Temuan audit")
    findings = browser.find_elements(By.CSS_SELECTOR, "#findings tr.finding")
    assert findings, text(browser)
    links = browser.find_elements(By.CSS_SELECTOR, "a.audit-link")
    assert links, "no finding about a promotion in the seeded record"
    links[0].click()
    WebDriverWait(browser, 15).until(expected_conditions.url_contains("/audit/promotions/"))

    assert browser.find_element(By.ID, "judgement-then").is_displayed()
    assert browser.find_element(By.ID, "judgement-now").is_displayed()
    assert browser.find_element(By.ID, "verdict-now").text
    follow(browser, By.LINK_TEXT, "Integritas")

    assert browser.find_element(By.ID, "integrity-status").text == "OK"
    shown = browser.find_element(By.ID, "digest").text
    api = site.gql("{ integrity { digest } }", role="auditor")["data"]["integrity"]["digest"]
    assert shown == api and "@" in shown


def test_the_pages_switch_to_english_and_back(browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "hr")
    assert "Cari pegawai" in text(browser)
    follow(browser, By.ID, "lang-en")
    assert "Find a servant" in text(browser) and "Sign out" in text(browser)
    follow(browser, By.ID, "lang-id")
    assert "Cari pegawai" in text(browser)


def test_signing_out_ends_the_session(browser: Any, site: PagesServer) -> None:
    sign_in(browser, site, "hr")
    follow(browser, By.ID, "signout")
    browser.get(f"{site.url}/app/servants")
    assert "/app/signin" in browser.current_url


def test_auditor_finds_an_import_run_and_downloads_its_report(
        browser: Any, site: PagesServer, tmp_path: Path) -> None:
    run = site.imported(tmp_path / "siasn", 3)
    saved = tmp_path / "downloads"
    saved.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(saved)})
    sign_in(browser, site, "auditor", ())
    follow(browser, By.LINK_TEXT, "Impor")
    row = browser.find_element(By.CSS_SELECTOR, f"tr.import-run[data-run='{run.run_id}']")
    imported = row.find_element(By.CSS_SELECTOR, "[data-outcome='IMPORTED']").text
    assert imported == f"diimpor {run.counts['IMPORTED']}" and run.counts["IMPORTED"] > 0
    old = browser.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, "a.report-link").click()
    WebDriverWait(browser, 15).until(replaced(old))

    cells = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#import-report tbody tr")]
    assert len(cells) == len(run.rows) and all(r.nip in " ".join(cells) for r in run.rows)
    browser.find_element(By.ID, "report-csv").click()
    target = saved / f"import-{run.run_id}.csv"
    deadline = time.monotonic() + 15
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.read_text("utf-8") == import_run_report(site.settings, run.run_id).read_text("utf-8")
