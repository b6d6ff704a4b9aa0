"""A live server with the web pages mounted, over a seeded record (shared by the pages' HTTP
tests and the real-browser tests)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import uvicorn

from service.importing import ImportReport, run_import
from service.importing.sample import write_sample
from service.pages import mount_pages
from service.seed import seed
from tests.support import LiveServer

SEEDED_SERVANTS = 12
CORRECTED_NIP = "198203152008031001"  # Andi Wijaya: a 2019 appraisal corrected on objection
CORRECTED_NAME = "Andi Wijaya"
CORRECTION_REASON = "Hasil keberatan penilaian kinerja"
BIRTH_DATE = "1982-03-15"


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def chromium(width: int = 1280, *extra: str) -> Any:
    """Debian's headless Chromium under Selenium (never a downloaded browser)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", f"--window-size={width},900", *extra):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


class PagesServer(LiveServer):
    """``LiveServer`` serving the app as ``riwayat serve`` builds it: API, pages, downloads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        app = self.server.config.app
        config = uvicorn.Config(mount_pages(app, self.settings), host="127.0.0.1",
                                port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def seeded(self) -> PagesServer:
        seed(self.services.app, servants=SEEDED_SERVANTS, random_seed=7)
        head = self.log_head()
        self.services.read_models.wait_for(head, self.services.read_models.view_names, 60)
        return self

    def unit_of(self, nip: str) -> str:
        history = self.services.read_models.career_history(nip)
        assert history is not None
        return str(history.summary["unit_id"])

    def imported(self, folder: Path, servants: int) -> ImportReport:
        """A sample SIASN export of ``servants`` written to ``folder`` and imported (seed 11:
        not the seeded record's generated careers), the views caught up."""
        write_sample(folder, servants, seed=11)
        report = run_import(self.settings, folder)
        self.services.read_models.wait_for(self.log_head(), self.services.read_models.view_names,
                                           60)
        return report
