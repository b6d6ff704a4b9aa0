"""The database goes away under load: its connections are cut, or the whole PostgreSQL
cluster stops. Requests fail fast with DATABASE_UNAVAILABLE, /readyz says 503, and the same
server process recovers by itself when the database is back; retried writes land once."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from service.sample.load import Outcome, start_load
from tests.faults.server import Server
from tests.faults.test_faults_server_kill import audit_log, hr_token
from tests.support import POSTGRES_URL, _free_port

FAIL_FAST_SECONDS = 3.0  # a request during an outage must answer within this


def cut_connections(app_name: str) -> int:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            (app_name,),
        ).fetchall()
    return len(rows)



def test_cut_connections_under_load_recover_without_loss(
    server_env: dict[str, str], app_name: str, pg_url: str, tmp_path: Path
) -> None:
    outcome = Outcome()
    with Server(tmp_path, _free_port(), server_env) as server:
        load = start_load(
            server.url, hr_token(), outcome, clients=4, servants=5, per_servant=20, seconds=90
        )
        cuts = []
        for _ in range(3):
            time.sleep(1.0)
            cuts.append(cut_connections(app_name))
        load.join()
        ready = httpx.get(f"{server.url}/readyz", timeout=10)
    figures = audit_log(pg_url, outcome, clients=4, servants=5)
    print(f"\nconnections cut {cuts}: {figures}; retry causes {dict(outcome.failures)}")
    assert all(cuts), "the server held no connections to cut"
    assert not outcome.unexpected and not outcome.unacknowledged, outcome.unexpected[:3]
    assert set(outcome.failures) <= {"DATABASE_UNAVAILABLE"}, outcome.failures
    assert figures["acknowledged"] == 400 and figures["duplicates"] == 0 and figures["lost"] == 0, (
        figures
    )
    assert ready.status_code == 200, ready.text


def _cluster() -> list[str] | None:
    versions = os.listdir("/etc/postgresql") if os.path.isdir("/etc/postgresql") else []
    if (
        not shutil.which("pg_ctlcluster")
        or len(versions) != 1
        or os.environ.get("RIWAYAT_TEST_PG_RESTART") == "0"
    ):
        return None
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main"]


@pytest.mark.stops_postgres
def test_postgres_restart_fails_fast_then_recovers_without_a_server_restart(
    server_env: dict[str, str], pg_url: str, tmp_path: Path
) -> None:
    cluster = _cluster()
    if cluster is None:
        pytest.skip(
            "needs a local pg_ctlcluster (set RIWAYAT_TEST_PG_RESTART=0 to skip on purpose)"
        )
    outcome = Outcome()
    probes: list[tuple[str, float]] = []
    with Server(tmp_path, _free_port(), server_env) as server:
        load = start_load(
            server.url, hr_token(), outcome, clients=4, servants=3, per_servant=30, seconds=90
        )
        time.sleep(1.5)
        subprocess.run([*cluster, "stop", "-m", "fast"], check=True, capture_output=True)
        try:
            time.sleep(1.0)  # the gate's probe notices within half a second
            down_since = time.monotonic()
            while time.monotonic() - down_since < 3:
                probes.append(_probe(server.url, "/readyz"))
                probes.append(_probe(server.url, "/graphql"))
        finally:
            _start(cluster)
        recovered_after = _wait_ready(server.url)
        load.join()
    figures = audit_log(pg_url, outcome, clients=4, servants=3)
    slowest = max(seconds for _, seconds in probes)
    print(
        f"\npostgres stopped ~4 s: probes {len(probes)}, outcomes {sorted(set(p for p, _ in probes))}, "
        f"slowest {slowest:.2f}s, ready again {recovered_after:.1f}s after start; {figures}; "
        f"retry causes {dict(outcome.failures)}"
    )
    assert {p for p, _ in probes} <= {"readyz 503", "DATABASE_UNAVAILABLE"}, probes
    assert slowest < FAIL_FAST_SECONDS
    assert not outcome.unexpected and not outcome.unacknowledged, outcome.unexpected[:3]
    assert figures["acknowledged"] == 360 and figures["duplicates"] == 0 and figures["lost"] == 0, (
        figures
    )


def _start(cluster: list[str]) -> None:
    started = subprocess.run([*cluster, "start"], capture_output=True, text=True)
    status = subprocess.run([*cluster, "status"], capture_output=True, text=True)
    assert status.returncode == 0, f"PostgreSQL did not come back: {started.stderr} {status.stdout}"


def _probe(url: str, path: str) -> tuple[str, float]:
    started = time.monotonic()
    if path == "/readyz":
        response = httpx.get(url + path, timeout=30)
        return f"readyz {response.status_code}", time.monotonic() - started
    body = httpx.post(
        url + path,
        json={"query": '{ servant(nip: "199001012015031001") { nip } }'},
        headers={"authorization": f"Bearer {hr_token()}"},
        timeout=30,
    ).json()
    codes = [e["extensions"]["code"] for e in body.get("errors") or []]
    return (codes[0] if codes else "ok"), time.monotonic() - started


def _wait_ready(url: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < 30:
        if httpx.get(url + "/readyz", timeout=10).status_code == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError("the server did not become ready after PostgreSQL came back")
