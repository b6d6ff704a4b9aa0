"""Batches reuse the histories earlier batches built: a servant touched again is not read from
the log again, and the rows stay those a rebuild makes. A runner told to stop stops between
batches. Both stores."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import pytest

from domain.envelope import Actor, Envelope
from domain.values import TrainingKind
from projections.engine.log import LogReader
from projections.read_models import ReadModels
from service.application import Riwayat

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents, Seed

pytest_plugins = ["tests.integration.conftest_projections"]


def _train(app: Riwayat, servant_id: UUID, n: int) -> None:
    servant = app.repository.get(servant_id)
    getattr(servant, "record_training")(  # noqa: B009 - made from the kinds table
        Envelope(date(2025, 11, 28), f"SK/known/{n}", date(2025, 12, 1), "Kepala BPSDM",
                 Actor("hr-test", "hr"), datetime(2026, 1, 5, tzinfo=UTC)),
        kind=TrainingKind.TEKNIS, program=None, name=f"Diklat {n}", organiser="BPSDM",
        hours=24, start_date=date(2025, 11, 25), end_date=date(2025, 11, 28),
        certificate_number=f"KNOWN-{n}")
    app.save(servant)


def test_a_servant_touched_again_is_not_read_from_the_log_and_its_rows_match_a_rebuild(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(0, 4)
    servant_id = app.recorder.select_notifications(0, 1)[0].originator_id
    runner = read_models.runner()
    asked: list[UUID] = []
    reads = LogReader.prior_events

    def counted(self: LogReader, conn: Any, servants: Any, *rest: Any) -> Any:
        asked.extend(servants)
        return reads(self, conn, servants, *rest)

    try:
        runner.catch_up()
        _train(app, servant_id, 1)
        runner.catch_up()  # the servant's history before this event is read from the log
        monkeypatch.setattr(LogReader, "prior_events", counted)
        for n in (2, 3, 4):
            _train(app, servant_id, n)
            runner.catch_up()
    finally:
        runner.close()
    assert asked == []
    applied = contents()
    monkeypatch.setattr(LogReader, "prior_events", reads)
    read_models.rebuild()
    assert contents() == applied
    assert any("KNOWN-4" in str(row) for row in applied["training_year"] + applied["career_entry"])


def test_a_runner_told_to_stop_leaves_the_backlog_between_batches(
    app: Riwayat, read_models: ReadModels, seed: Seed
) -> None:
    head = seed(0, 3)
    stop = threading.Event()
    runner = read_models.runner()
    try:
        runner.refresh()
        stop.set()
        runner.catch_up(max_batches=50, stop=stop)
        assert all(t.position < head for t in runner.targets.values())
        stop.clear()
        runner.catch_up(max_batches=50, stop=stop)
        assert all(t.position == head for t in runner.targets.values())
    finally:
        runner.close()
