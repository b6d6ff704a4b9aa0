"""`riwayat serve --workers 2`: one scrape of /metrics adds up the counters of both worker
processes (prometheus_client's multiprocess mode), whichever worker answers it."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.faults.server import Server
from tests.support import _free_port


def readyz_requests(text: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "riwayat_http_requests_total" and sample.labels["path"] == "/readyz"
    )


def test_one_scrape_covers_the_counters_of_every_worker(
    pg_url: str, server_env: dict[str, str], tmp_path: Path
) -> None:
    directory = tmp_path / "metrics"
    env = {**server_env, "PROMETHEUS_MULTIPROC_DIR": str(directory),
           "RIWAYAT_RUN_PROJECTIONS": "false"}
    with Server(tmp_path, _free_port(), env, "--workers", "2") as server:
        sent = 0
        deadline = time.monotonic() + 60
        # New connections until both workers have counted some of them: each worker keeps
        # its counters in files named after its pid.
        while len({p.stem.rpartition("_")[2] for p in directory.glob("counter_*.db")}) < 2:
            assert time.monotonic() < deadline, "the second worker never served a request"
            for _ in range(10):
                httpx.get(f"{server.url}/readyz", timeout=5)  # not a path the start-up polls
                sent += 1
        for _ in range(6):  # whichever worker answers the scrape
            scraped = httpx.get(f"{server.url}/metrics", timeout=5).text
            assert readyz_requests(scraped) == sent
