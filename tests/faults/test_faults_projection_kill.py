"""kill -9 of `riwayat project` while events arrive: each restart resumes where the last one
stopped; every view applied every event exactly once (each servant's last applied position and
count of applied events equal the log's), and the views end equal to a clean rebuild."""

from __future__ import annotations

import time
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.application import Riwayat
from service.projection_wiring import open_read_models
from service.sample.load import Outcome, nip_for, start_load
from service.settings import Settings
from tests.exactly_once import assert_applied_exactly_once
from tests.faults.server import Process, Server
from tests.faults.test_faults_server_kill import hr_token
from tests.support import _free_port

CLIENTS, SERVANTS, PER_SERVANT = 4, 5, 20
KILLS = 3


def test_kill_9_of_the_projection_worker_resumes_without_lost_or_doubled_rows(
    pg_url: str, server_env: dict[str, str], tmp_path: Path
) -> None:
    outcome = Outcome()
    worker = Process(["project"], tmp_path, server_env, name="project")
    with Server(tmp_path, _free_port(), server_env, "--no-projections") as server:
        load = start_load(
            server.url, hr_token(), outcome, clients=CLIENTS, servants=SERVANTS,
            per_servant=PER_SERVANT, seconds=90,
        )
        worker.start()
        for _ in range(KILLS):
            time.sleep(1.2)
            worker.kill9()
            worker.start()
        load.join()
    settings = Settings(database_url=pg_url)
    app = Riwayat(env=settings.eventsourcing_env())
    read_models = open_read_models(settings, app)
    try:
        head = int(app.recorder.max_notification_id() or 0)
        caught_up = _wait_caught_up(read_models, head)
        worker.stop()
        assert_applied_exactly_once(read_models)
        projected = _snapshot(read_models)
        read_models.rebuild()
        rebuilt = _snapshot(read_models)
    finally:
        worker.stop()
        read_models.stop()
        app.close()
    rows = sum(len(entries) for entries in projected.values())
    differing = [nip for nip in rebuilt if projected.get(nip) != rebuilt[nip]]
    print(
        f"\nprojection worker killed {KILLS}x: events {head}, acknowledged {len(outcome.acknowledged)}, "
        f"caught up in {caught_up:.1f}s, view rows {rows}, rows after rebuild "
        f"{sum(len(e) for e in rebuilt.values())}, servants differing {len(differing)}"
    )
    assert len(outcome.acknowledged) == CLIENTS * SERVANTS * PER_SERVANT
    assert not differing, differing[:3]
    assert rows >= CLIENTS * SERVANTS * (PER_SERVANT + 1)


def _wait_caught_up(read_models: Any, head: int) -> float:
    started = time.monotonic()
    while time.monotonic() - started < 45:
        every = read_models.status(now=datetime.now(UTC))
        assert not [s for s in every if s.error], every
        # Every view, not only those already active: a view whose first build a kill
        # interrupted is active only once that build has caught up.
        active = {s.name: s for s in every if s.active}
        if set(active) == set(read_models.view_names) and all(
                s.position >= head for s in active.values()):
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"the restarted worker did not reach position {head}")


def _snapshot(read_models: Any) -> dict[str, list[Any]]:
    """Every servant's career history and 2016 training ledger, as plain data."""
    result = {}
    for nip in (nip_for(c, s) for c in range(CLIENTS) for s in range(SERVANTS)):
        history = read_models.career_history(nip)
        entries = history.entries if history is not None else []
        result[nip] = [_plain(e) for e in entries] + [
            _plain(read_models.training_ledger(nip, 2016))
        ]
    return result


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value
