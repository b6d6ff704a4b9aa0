"""Writers of one servant spread over two `riwayat serve` processes (so the in-process turn
taking cannot help): every write without an expected version still gets through, because the
retries back off with jitter and their bound is not reached."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from tests.e2e.career import NIP, cpns_input, default_input, mutation
from tests.faults.server import Server
from tests.faults.test_faults_server_kill import hr_token
from tests.support import _free_port

WRITERS, ROUNDS = 20, 3


def test_twenty_writers_of_one_servant_across_two_processes_all_succeed(
    pg_url: str, server_env: dict[str, str], tmp_path: Path
) -> None:
    headers = {"authorization": f"Bearer {hr_token()}"}
    # Each process logs to serve.log in its own directory.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with Server(tmp_path / "a", _free_port(), server_env) as first, \
            Server(tmp_path / "b", _free_port(), server_env) as second:
        urls = [first.url, second.url]

        def post(url: str, act: str, values: dict[str, Any]) -> dict[str, Any]:
            response = httpx.post(
                f"{url}/graphql", json={"query": mutation(act), "variables": {"input": values}},
                headers=headers, timeout=60,
            )
            assert response.status_code == 200, response.text
            body: dict[str, Any] = response.json()
            return body

        for act, values in (("appointCpns", cpns_input()), ("appointPns", default_input("appointPns"))):
            assert not post(first.url, act, values).get("errors")

        def train(n: int) -> dict[str, Any]:
            values = {**default_input("recordTraining"), "name": f"Kursus {n}", "certificateNumber": f"C-{n}"}
            return post(urls[n % 2], "recordTraining", values)

        for round_ in range(ROUNDS):
            with ThreadPoolExecutor(WRITERS) as pool:
                bodies = list(pool.map(train, range(round_ * WRITERS, (round_ + 1) * WRITERS)))
            assert [b.get("errors") for b in bodies] == [None] * WRITERS, [
                b["errors"] for b in bodies if b.get("errors")
            ]
        versions = sorted(b["data"]["recordTraining"]["version"] for b in bodies)
        assert versions[-1] == 2 + ROUNDS * WRITERS, (NIP, versions)

