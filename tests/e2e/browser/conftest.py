"""Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, and a live
seeded server with the pages, on each store. Without the browser the tests skip, except in CI
(CI=true), where a missing browser fails them: .ci/run installs it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from service.settings import Settings
from tests.e2e.pages_site import CHROMEDRIVER, CHROMIUM, PagesServer, chromium


def _browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(path):
            return f"{path} is not installed (apt-get install -y chromium chromium-driver)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {missing}")
        pytest.skip(missing)
    driver = chromium(1280, "--lang=id")
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def site(settings: Settings, browser: object) -> Iterator[PagesServer]:
    with PagesServer(settings) as server:
        yield server.seeded()
    browser.delete_all_cookies()  # type: ignore[attr-defined]
