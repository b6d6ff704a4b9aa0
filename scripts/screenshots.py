"""Screenshots of the main web pages, for the README and for reviewing the layout.

    .venv/bin/python scripts/screenshots.py --out screenshots/

Seeds a fresh SQLite record in a temporary folder, serves the app (API and pages) on a free
port, imports a small sample SIASN export (so the imports page has a run and the search has a
second page), and photographs each main page with Debian's headless Chromium (chromium and
chromium-driver), signed in with the role that uses it."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.pages_site import CORRECTED_NIP, PagesServer, chromium
from tests.support import test_settings


def _sign_in(driver: webdriver.Chrome, site: PagesServer, role: str) -> None:
    driver.get(f"{site.url}/app/signin")
    driver.delete_all_cookies()
    driver.get(f"{site.url}/app/signin")
    driver.find_element(By.ID, "token").send_keys(site.token(role, ("*",) if role == "hr" else ()))
    driver.find_element(By.ID, "signin").click()
    WebDriverWait(driver, 15).until(expected_conditions.url_contains("/app/servants"))


def _shoot(driver: webdriver.Chrome, url: str, path: Path, width: int) -> None:
    driver.get(url)
    height = driver.execute_script(
        "return document.querySelector('footer').getBoundingClientRect().bottom + scrollY + 8")
    height = int(height) + driver.execute_script("return outerHeight - innerHeight")
    driver.set_window_size(width, min(max(int(height), 700), 2400))
    driver.save_screenshot(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for the PNGs")
    parser.add_argument("--width", type=int, default=1280, help="browser width in pixels")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = test_settings(f"sqlite:///{folder}/riwayat.db", Path(folder))
        with PagesServer(settings) as server:
            site = server.seeded()
            run = site.imported(Path(folder) / "siasn", 20)
            unit = site.unit_of(CORRECTED_NIP)
            driver = chromium(args.width, "--hide-scrollbars")
            try:
                base = f"{site.url}/app"
                _shoot(driver, f"{base}/signin", args.out / "01-signin.png", args.width)
                _sign_in(driver, site, "hr")
                pages = [
                    ("02-servants.png", "/servants"),
                    ("03-riwayat.png", f"/servants/{CORRECTED_NIP}"),
                    ("04-eligibility.png", f"/servants/{CORRECTED_NIP}/eligibility"),
                    ("05-candidates.png", f"/candidates?unit={unit}"),
                    ("06-downloads.png", "/downloads"),
                ]
                for name, path in pages:
                    _shoot(driver, base + path, args.out / name, args.width)
                _sign_in(driver, site, "auditor")
                _shoot(driver, f"{base}/audit/findings", args.out / "07-findings.png", args.width)
                link = driver.find_elements(By.CSS_SELECTOR, "a.audit-link")
                if link:
                    _shoot(driver, str(link[0].get_attribute("href")),
                           args.out / "08-promotion-audit.png", args.width)
                _shoot(driver, f"{base}/integrity", args.out / "09-integrity.png", args.width)
                _shoot(driver, f"{base}/imports", args.out / "12-imports.png", args.width)
                _shoot(driver, f"{base}/imports/{run.run_id}", args.out / "13-import-report.png",
                       args.width)
                _sign_in(driver, site, "viewer")
                _shoot(driver, f"{base}/servants/{CORRECTED_NIP}",
                       args.out / "10-riwayat-viewer.png", args.width)
                driver.get(f"{base}/lang/en?next=/app/servants")
                _shoot(driver, f"{base}/servants", args.out / "11-servants-en.png", args.width)
            finally:
                driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
