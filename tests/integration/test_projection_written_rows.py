"""A runner writes only the rows that differ from those it wrote before, and the tables still
hold exactly the rows a rebuild makes: after live events, back-dated events, corrections and
retractions, across a rebuild, a restarted runner and a rolled-back batch. Both stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pytest

from domain.appraisal import Rating, predikat_for
from domain.envelope import Actor, Envelope
from domain.values import TrainingKind
from projections.engine import batch, postgres, sqlite
from projections.engine.runner import Runner
from projections.read_models import ReadModels
from projections.views.promotion import queries as promotion_queries
from service.application import Riwayat

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents, Seed

pytest_plugins = ["tests.integration.conftest_projections"]
WHEN = datetime(2026, 1, 5, tzinfo=UTC)
VIEWS = ["promotion"]


class SimulatedCrash(Exception):
    pass


def _envelope(tmt: date, number: str) -> Envelope:
    return Envelope(tmt, number, tmt, "Kepala BKN", Actor("hr-1", "hr"), WHEN)


def _train(app: Riwayat, nip: str, end: date, n: int) -> Any:
    return app.record(nip, lambda s: s.record_training(
        _envelope(end, f"SK-T{n}"), kind=TrainingKind.TEKNIS, program=None,
        name=f"Diklat {n}", organiser="LAN", hours=40, start_date=end, end_date=end,
        certificate_number=f"WR-{n}"))


def _edits(app: Riwayat, nip: str) -> list[Any]:
    """A live training, a back-dated one corrected, an appraisal corrected, one retracted."""
    _train(app, nip, date(2025, 11, 28), 1)
    early = _train(app, nip, date(2024, 2, 10), 2)
    app.record(nip, lambda s: s.correct_event(
        _envelope(date(2024, 2, 10), "SK-K1"), target_version=early.version,
        changes={"end_date": date(2024, 1, 20), "start_date": date(2024, 1, 20)},
        reason="tanggal salah"))
    appraisal = app.record(nip, lambda s: s.record_appraisal(
        _envelope(date(2025, 1, 15), "SK-A"), year=2024, work_result=Rating.ABOVE_EXPECTATION,
        work_behaviour=Rating.ABOVE_EXPECTATION,
        predikat=predikat_for(Rating.ABOVE_EXPECTATION, Rating.ABOVE_EXPECTATION),
        appraiser_nip="198505052010012002", appraiser_name="Siti Aminah"))
    low = Rating.BELOW_EXPECTATION
    app.record(nip, lambda s: s.correct_event(
        _envelope(date(2025, 1, 20), "SK-K2"), target_version=appraisal.version,
        changes={"work_result": low, "work_behaviour": low, "predikat": predikat_for(low, low)},
        reason="salah nilai"))
    late = _train(app, nip, date(2025, 12, 20), 3)
    return [app.record(nip, lambda s: s.retract_event(
        _envelope(date(2025, 12, 22), "SK-R"), target_version=late.version, reason="batal"))]


def _nips(read_models: ReadModels) -> list[str]:
    rows = read_models._query("promotion", lambda c, g: promotion_queries.promotion_rows(c, g))
    return sorted(nip for nip, *_ in rows)


@pytest.fixture
def deletes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every delete of whole servants' rows (table, servants) and of rows by key."""
    seen: list[tuple[str, int]] = []
    for conn in (postgres.PostgresConn, sqlite.SQLiteConn):
        for method in ("delete_where_in", "delete_keys"):
            original = getattr(conn, method)

            def counted(self: Any, table: str, column: Any, values: Sequence[Any],
                        original: Any = original, method: str = method) -> None:
                seen.append((f"{method}:{table}", len(values)))
                original(self, table, column, values)

            monkeypatch.setattr(conn, method, counted)
    return seen


def _step(app: Riwayat, runner: Runner, nip: str, n: int) -> None:
    _train(app, nip, date(2025, 11, 28), n)
    runner.catch_up()


def test_live_batches_write_the_difference_and_leave_the_rows_a_rebuild_makes(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    deletes: list[tuple[str, int]],
) -> None:
    seed(0, 6)
    read_models.catch_up()
    nip = _nips(read_models)[2]
    runner = read_models.runner()
    try:
        _step(app, runner, nip, 10)  # a new runner knows no rows: the servant's are replaced
        deletes.clear()
        _edits(app, nip)
        runner.catch_up()
        _step(app, runner, nip, 11)
        # Known rows: no servant's rows were replaced whole in the keyed tables.
        assert not [d for d in deletes if d[0].startswith("delete_where_in:promotion")]
        assert [d for d in deletes if d[0].startswith("delete_keys:promotion_span")]
        applied = contents()
        read_models.rebuild()
        assert contents() == applied
        # After the rebuild the runner follows the new generation, whose rows it never wrote.
        runner.refresh()
        _step(app, runner, nip, 12)
        applied = contents()
    finally:
        runner.close()
    read_models.rebuild()
    assert contents() == applied


def test_a_restarted_runner_and_a_rolled_back_batch_trust_no_kept_rows(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(0, 6)
    read_models.catch_up()
    # The promotion view alone: its span rows are the ones written by key, so a kept row the
    # tables do not hold would stay there.
    nip = _nips(read_models)[1]
    runner = read_models.runner(names=VIEWS)
    try:
        _step(app, runner, nip, 20)
        _step(app, runner, nip, 21)

        def crash(*args: Any) -> None:
            raise SimulatedCrash  # the rows are written, then the batch rolls back

        monkeypatch.setattr(batch, "record_batch", crash)
        _edits(app, nip)
        with pytest.raises(SimulatedCrash):
            runner.catch_up()
        monkeypatch.undo()
        runner.catch_up()
        _step(app, runner, nip, 22)
    finally:
        runner.close()
    applied = contents("promotion")
    read_models.rebuild(VIEWS)
    assert contents("promotion") == applied
    restarted = read_models.runner(names=VIEWS)
    try:
        _step(app, restarted, nip, 23)
        _train(app, nip, date(2024, 3, 1), 24)  # back-dated, after the restart
        restarted.catch_up()
    finally:
        restarted.close()
    applied = contents("promotion")
    read_models.rebuild(VIEWS)
    assert contents("promotion") == applied
