"""The projection engine on both stores: exactly once, crash recovery, rebuild, leadership,
poison events and read-your-writes. Events are written through the real application."""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from domain.values import TrainingKind
from projections.engine import batch, registry
from projections.engine.view import View
from projections.read_models import ReadModels
from projections.views.training_ledger.rows import TrainingLedgerView
from service.application import Riwayat

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents, Seed

pytest_plugins = ["tests.integration.conftest_projections"]
# The views of issue 3; other views registered beside them are not under test here.
MY_VIEWS = ["career_history", "promotion", "training_ledger"]


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the runner catches it."""


def test_catch_up_applies_every_event_to_every_view(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    head = seed(0, 12)
    read_models.catch_up()
    statuses = read_models.status(MY_VIEWS)
    assert {s.name for s in statuses} == set(MY_VIEWS)
    assert all(s.position == head and s.lag_events == 0 and s.active for s in statuses)
    assert len(contents()["career_servant"]) == 12


def test_the_same_events_fed_twice_change_nothing(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    seed(0, 10)
    read_models.catch_up()
    before = contents()
    read_models.catch_up()
    # A stale worker that believes it is still at position 0 replays the same events.
    stale = read_models.runner()
    try:
        stale.refresh()
        for target in stale.targets.values():
            target.position = 0
        with pytest.raises(registry.TrackingConflict):
            stale.step()
    finally:
        stale.close()
    assert contents() == before
    assert {s.position for s in read_models.status()} == {app.recorder.max_notification_id()}


def test_a_runner_crashing_mid_batch_resumes_to_exactly_the_rebuilt_rows(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(0, 15)
    original = View.write_rows
    calls = {"n": 0}

    def crash_on_third_batch(self: View, conn: Any, *args: Any) -> None:
        calls["n"] += 1
        original(self, conn, *args)  # rows are written ...
        if calls["n"] == 3:
            raise SimulatedCrash  # ... and the process dies before the commit

    monkeypatch.setattr(View, "write_rows", crash_on_third_batch)
    runner = read_models.runner()
    runner.batch_size = 50
    with pytest.raises(SimulatedCrash):
        runner.catch_up()
    runner.close()
    monkeypatch.setattr(View, "write_rows", original)
    crashed_at = {s.name: s.position for s in read_models.status()}
    assert min(crashed_at.values()) < app.recorder.max_notification_id()

    read_models.catch_up()
    resumed = contents()
    read_models.rebuild()
    assert contents() == resumed
    assert all(s.generation == 2 for s in read_models.status())


def test_a_rebuild_while_queries_run_never_shows_a_partial_view(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    seed(0, 25)
    read_models.catch_up()
    nip = contents()["career_servant"][0][1]
    expected_history = read_models.career_history(nip)
    as_of = date(2026, 1, 1)
    expected_order = [c.nip for c in read_models.promotion_candidates(as_of)]
    assert len(expected_order) == 25
    done = threading.Event()
    errors: list[BaseException] = []

    def rebuild_twice() -> None:
        try:
            read_models.rebuild(MY_VIEWS)
            read_models.rebuild(["career_history"])
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=rebuild_twice)
    thread.start()
    reads = 0
    while not done.is_set() or reads < 5:
        assert [c.nip for c in read_models.promotion_candidates(as_of)] == expected_order
        assert read_models.career_history(nip) == expected_history
        reads += 1
    thread.join()
    assert not errors
    generations = {s.name: s.generation for s in read_models.status(MY_VIEWS)}
    assert generations == {"career_history": 3, "promotion": 2, "training_ledger": 2}


def test_two_workers_never_both_apply_a_batch(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(0, 10)
    first, second = read_models.runner(), read_models.runner()
    try:
        first.refresh()
        second.refresh()
        held = [t.lock.try_acquire() for t in second.targets.values()]
        assert not any(held)  # the second one stands by
        assert second.step() is False

        # Even if both believed they led, the tracked position admits one of them per batch.
        applied: list[tuple[str, int, int]] = []
        original = batch.apply_batch

        def recording(conn: Any, view: View, generation: int, status: str, position: int,
                      notes: Any, decoded: Any) -> int:
            new = original(conn, view, generation, status, position, notes, decoded)
            if new != position:
                applied.append((view.name, position, new))
            return new

        monkeypatch.setattr("projections.engine.runner.apply_batch", recording)
        for target in second.targets.values():
            monkeypatch.setattr(target.lock, "try_acquire", lambda: True)
        first.batch_size = second.batch_size = 40
        first.step()
        with pytest.raises(registry.TrackingConflict):
            second.step()  # it still thinks the views are at 0
        first.catch_up()
        second.catch_up()
    finally:
        first.close()
        second.close()
    starts = sorted(applied)
    assert len(starts) == len(set(starts))
    conn = read_models.store.connect()
    try:
        for name in ("career_history", "promotion", "training_ledger"):
            assert conn.execute("SELECT position FROM projection_tracking WHERE name = ?", (name,))[0][0] == app.recorder.max_notification_id()
    finally:
        conn.close()


def test_a_poison_event_stops_its_view_at_the_position_before_it(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed(0, 8)
    read_models.catch_up()
    poisoned_nip = contents()["training_servant"][3][1]
    original = TrainingLedgerView.rows

    def rows(self: TrainingLedgerView, history: Any) -> Any:
        if history.nip == poisoned_nip:
            raise ValueError("cannot apply this servant")
        return original(self, history)

    monkeypatch.setattr(TrainingLedgerView, "rows", rows)
    # A new event for that servant arrives; the ledger cannot apply it.
    recorded = app.record(poisoned_nip, lambda s: s.record_training(
        _envelope(date(2025, 8, 1)), kind=TrainingKind.KURSUS, program=None, name="Kursus",
        organiser="LAN", hours=8, start_date=date(2025, 7, 30), end_date=date(2025, 8, 1),
        certificate_number="C-1"))
    head = seed(100, 2)
    read_models.catch_up()
    status = {s.name: s for s in read_models.status()}
    ledger = status["training_ledger"]
    assert ledger.status == "FAILED"
    assert ledger.position == recorded.position - 1
    assert ledger.error_position == recorded.position
    assert ledger.error is not None and "cannot apply this servant" in ledger.error
    assert status["career_history"].position == status["promotion"].position == head

    monkeypatch.setattr(TrainingLedgerView, "rows", original)  # the code is fixed
    read_models.catch_up()  # a restarted worker retries once
    ledger = next(s for s in read_models.status() if s.name == "training_ledger")
    assert (ledger.status, ledger.position, ledger.error) == ("ACTIVE", head, None)


def test_read_your_writes_waits_for_the_background_runner(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    read_models.start()
    position = seed(0, 3)
    read_models.wait_for(position, ["career_history", "training_ledger"], timeout=10)
    assert all(s.position >= position
               for s in read_models.status(["career_history", "training_ledger"]))
    from domain.errors import DomainError

    with pytest.raises(DomainError) as raised:
        read_models.wait_for(position + 1000, ["promotion"], timeout=0.2)
    assert raised.value.code == "PROJECTION_BEHIND"


def test_the_live_runner_follows_a_rebuild_to_the_new_generation(
    app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    seed(0, 6)
    read_models.start()
    read_models.wait_for(app.recorder.max_notification_id(), ["promotion"], timeout=10)
    read_models.rebuild(["promotion"])
    position = seed(50, 3)
    read_models.wait_for(position, ["promotion"], timeout=10)
    live = contents("promotion")
    assert len(live["promotion_servant"]) == 9
    read_models.rebuild(["promotion"])
    assert contents("promotion") == live


def _envelope(tmt: date) -> Any:
    from datetime import UTC, datetime

    from domain.envelope import Actor, Envelope

    return Envelope(tmt, "SK-T", tmt, "Kepala BKN", Actor("u1", "hr"),
                    datetime(2025, 9, 1, tzinfo=UTC))



def test_runner_survives_a_database_that_stays_down_while_it_reconnects(
    app: Riwayat, read_models: ReadModels, seed: Seed
) -> None:
    seed(0, 3)
    runner = read_models.runner(names=MY_VIEWS)
    runner.poll_seconds = 0.05
    refusals = {"left": 3}

    class StoreWhileDown:
        """The runner's store refusing its first reconnections, as during a cluster restart."""

        def __init__(self, store: Any) -> None:
            self.store = store

        def __getattr__(self, name: str) -> Any:
            return getattr(self.store, name)

        def connect(self) -> Any:
            if refusals["left"] > 0:
                refusals["left"] -= 1
                raise ConnectionError("database is shutting down")
            return self.store.connect()

    runner.store = StoreWhileDown(runner.store)
    runner.conn.close()  # the connection is cut under the runner
    stop = threading.Event()
    worker = threading.Thread(target=runner.run_forever, args=(stop,), daemon=True)
    worker.start()
    try:
        head = seed(3, 2)
        for _ in range(600):
            statuses = read_models.status(MY_VIEWS)
            if refusals["left"] == 0 and all(s.position == head for s in statuses):
                break
            stop.wait(0.05)
        assert refusals["left"] == 0
        assert worker.is_alive(), "the runner's thread ended on a failed reconnection"
        assert all(s.position == head for s in read_models.status(MY_VIEWS))
    finally:
        stop.set()
        worker.join(timeout=10)
        runner.close()
