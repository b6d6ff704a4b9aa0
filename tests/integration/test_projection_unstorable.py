"""A view that cannot store an event's rows (a NUL in text or an integer beyond its column on
PostgreSQL, an integer beyond 64 bits on SQLite) goes FAILED visibly: its status says so with
the position and error, /readyz is not ready, the failure metric is 1, and the runner logs it
once and moves on instead of retrying the same batch for ever.

The events are appended through the application, past the API's input policy, as a legacy
event written before the policy existed would be."""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from domain.servant import CivilServant as CS
from domain.values import Source, TrainingKind
from tests.e2e.career import NIP, Career
from tests.support import LiveServer

STATUS = "{ projections { name status active position error errorPosition } }"
# Each fits 64 bits (so the log decodes it), neither fits PostgreSQL's integer, and their sum
# does not fit SQLite's: the training ledger cannot hold them on either store.
HUGE_HOURS = 2**62


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _append_legacy_training(api: LiveServer, name: str) -> int:
    app: Any = api.services.app
    servant = app.servant(NIP)
    servant.trigger_event(
        CS.TrainingCompleted, tmt=date(2016, 6, 30), sk_number="SK/LEGACY",
        sk_date=date(2016, 7, 5), sk_official="Kepala BKN", actor_id="legacy-import",
        actor_role="hr", source=Source.MANUAL, document_hash=None, kind=TrainingKind.TEKNIS,
        program=None, name=name, organiser="BPSDM", hours=HUGE_HOURS,
        start_date=date(2016, 5, 1), end_date=date(2016, 6, 30), certificate_number=None,
    )
    app.save(servant)
    return api.log_head()


def _failed(api: LiveServer) -> list[dict[str, Any]]:
    body = api.gql(STATUS, role="auditor")
    return [s for s in body["data"]["projections"] if s["active"] and s["status"] == "FAILED"]


def _settled(api: LiveServer) -> bool:
    """Every active view has either stopped FAILED or applied the whole log: on a loaded
    machine one view may stop well before another."""
    head = api.log_head()
    views = [v for v in api.gql(STATUS, role="auditor")["data"]["projections"] if v["active"]]
    return any(v["status"] == "FAILED" for v in views) and all(
        v["status"] == "FAILED" or v["position"] == head for v in views
    )


def _wait_until_active(api: LiveServer) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        views = api.gql(STATUS, role="auditor")["data"]["projections"]
        if views and all(v["active"] and v["position"] == api.log_head() for v in views):
            return
        time.sleep(0.05)
    raise AssertionError("the views did not catch up")


def test_view_that_cannot_store_an_event_goes_failed_once_and_visibly(api: LiveServer) -> None:
    lines = Lines()
    projection_log = logging.getLogger("riwayat.projections")
    projection_log.addHandler(lines)
    try:
        Career(api).appoint_pns()
        _wait_until_active(api)
        first = _append_legacy_training(api, "a\u0000b")
        second = _append_legacy_training(api, "Pelatihan teknis")
        deadline = time.monotonic() + 30
        while not _settled(api) and time.monotonic() < deadline:
            time.sleep(0.1)
        failed = _failed(api)
        assert failed, api.gql(STATUS, role="auditor")
        # Many poll cycles (0.05 s each) later, still stopped, still one line per view.
        time.sleep(1.5)
        failed_later = _failed(api)
    finally:
        projection_log.removeHandler(lines)

    assert [(s["name"], s["position"]) for s in failed_later] == [
        (s["name"], s["position"]) for s in failed
    ]
    for view in failed_later:
        assert view["errorPosition"] in (first, second)
        assert view["position"] == view["errorPosition"] - 1 or view["position"] < view["errorPosition"]
        assert view["error"]
    stopped = [r for r in lines.records if "stopped" in r.getMessage()]
    assert len(stopped) == len(failed_later), [r.getMessage() for r in lines.records]
    assert not [r for r in lines.records if "retrying" in r.getMessage()]

    ready = api.client.get("/readyz")
    assert ready.status_code == 503
    assert any("stopped at position" in p for p in ready.json()["problems"])
    metrics = api.client.get("/metrics").text
    for view in failed_later:
        # Label order carries no meaning; prometheus_client writes them sorted.
        lines_of_view = [
            m for m in metrics.splitlines()
            if m.startswith("riwayat_projection_failed{") and f'view="{view["name"]}"' in m
        ]
        assert lines_of_view, metrics
        line = next(m for m in lines_of_view if 'active="true"' in m)
        assert float(line.rsplit(" ", 1)[1]) == 1
