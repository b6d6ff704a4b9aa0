"""Group commit: commands committed in one group each get their own right answer (event id,
version, position, or their own error), idempotent replays and expected-version conflicts
inside one group are decided as if the commands had come one after another, and the log keeps
its hash chain. Groups are built by hand (``GroupWriter.commit``) so the grouping is certain;
the last test goes through the writer thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from domain.errors import DomainError
from domain.servant import CivilServant
from service import group_commit
from service.application import Idempotency, Recorded, Riwayat
from service.audit import verify
from service.group_commit import Pending
from service.settings import Settings
from tests.unit.given import PNS_TMT, appointment, envelope, training

NIPS = [f"199001012015031{n:03d}" for n in range(1, 7)]


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


def appoint(app: Riwayat, nip: str, key: str | None = None) -> Pending:
    future = app.submit_appointment(envelope(date(2015, 3, 1)), appointment(nip=nip), _key(key))
    return _unqueued(app, future)


def train(app: Riwayat, nip: str, n: int, *, key: str | None = None, request: str = "",
          expected_version: int | None = None, hours: int = 20) -> Pending:
    def command(servant: CivilServant) -> Any:
        return servant.record_training(
            envelope(date(2019, 5, 3)), **training(name=f"Kursus {n}", hours=hours)
        )

    future = app.submit_record(
        nip, command, expected_version=expected_version, idempotency=_key(key, request)
    )
    return _unqueued(app, future)


def pns(app: Riwayat, nip: str) -> Pending:
    def command(servant: CivilServant) -> Any:
        return servant.appoint_pns(envelope(PNS_TMT), sttpl_number="STTPL/1", spmt_number=None)

    return _unqueued(app, app.submit_record(nip, command))


def _key(key: str | None, request: str = "") -> Idempotency | None:
    return Idempotency(key, request or key, "alice") if key is not None else None


def _unqueued(app: Riwayat, future: Future[Recorded]) -> Pending:
    """The command just submitted, taken back off the queue so a test can group it."""
    writer: Any = app.group_writer
    pending: Pending = writer._queue.get_nowait()
    assert pending.future is future
    return pending


@pytest.fixture(autouse=True)
def no_writer_thread(app: Riwayat) -> None:
    # Submitting starts the writer thread unless one is there; these tests commit their
    # groups themselves, so a finished thread stands in for it.
    finished = threading.Thread(target=lambda: None)
    finished.start()
    finished.join()
    app.group_writer._thread = finished


def outcome(pending: Pending) -> Recorded | str:
    error = pending.future.exception(timeout=30)
    if error is not None:
        assert isinstance(error, DomainError), error
        return error.code
    return pending.future.result()


def test_each_command_of_a_group_gets_its_own_answer_and_a_rule_breach_fails_alone(
    app: Riwayat,
) -> None:
    head = app.recorder.max_notification_id() or 0
    group = [
        appoint(app, NIPS[0]), pns(app, NIPS[0]), train(app, NIPS[0], 1),
        appoint(app, NIPS[1]),
        appoint(app, NIPS[0]),  # already appointed earlier in this group
        train(app, NIPS[1], 2, hours=0),  # breaks a rule: hours must be positive
        train(app, NIPS[2], 3),  # no such servant
        pns(app, NIPS[1]), train(app, NIPS[1], 4),
    ]
    app.group_writer.commit(group)
    answers = [outcome(p) for p in group]
    refused = [a for a in answers if isinstance(a, str)]
    assert refused == ["DUPLICATE_APPOINTMENT", "INVALID_HOURS", "SERVANT_NOT_FOUND"], answers
    accepted = [a for a in answers if not isinstance(a, str)]
    assert [(a.nip, a.version) for a in accepted] == [
        (NIPS[0], 1), (NIPS[0], 2), (NIPS[0], 3), (NIPS[1], 1), (NIPS[1], 2), (NIPS[1], 3)
    ]
    assert [a.event_id for a in accepted] == [f"{a.nip}:{a.version}" for a in accepted]
    positions = [a.position for a in accepted]
    assert positions == list(range(head + 1, head + 7))
    assert app.recorder.max_notification_id() == head + 6
    for a in accepted:
        assert app.positions_of(a.nip)[a.version] == a.position
    assert app.servant(NIPS[1]).version == 3
    assert verify(app).ok


def test_identical_keyed_commands_in_one_group_write_once_and_the_second_replays(
    app: Riwayat,
) -> None:
    app.group_writer.commit([appoint(app, NIPS[0]), pns(app, NIPS[0])])
    head = app.recorder.max_notification_id()
    group = [
        train(app, NIPS[0], 1, key="k1"), train(app, NIPS[0], 1, key="k1"),
        train(app, NIPS[0], 1, key="k1", request="other input"),
    ]
    app.group_writer.commit(group)
    first, second, third = (outcome(p) for p in group)
    assert isinstance(first, Recorded) and isinstance(second, Recorded)
    assert (first.replayed, second.replayed) == (False, True)
    assert (second.event_id, second.position) == (first.event_id, first.position)
    assert third == "IDEMPOTENCY_KEY_REUSED"
    assert app.recorder.max_notification_id() == head + 1
    # The key was stored with the event: a later group replays it from the store.
    later = train(app, NIPS[0], 1, key="k1")
    app.group_writer.commit([later])
    replay = outcome(later)
    assert isinstance(replay, Recorded) and replay.replayed and replay.position == first.position


def test_expected_versions_inside_one_group_see_the_earlier_commands(app: Riwayat) -> None:
    app.group_writer.commit([appoint(app, NIPS[0]), pns(app, NIPS[0])])
    group = [
        train(app, NIPS[0], 1, expected_version=2),
        train(app, NIPS[0], 2, expected_version=2),  # the first one moved the servant to 3
        train(app, NIPS[0], 3, expected_version=3),
    ]
    app.group_writer.commit(group)
    answers = [outcome(p) for p in group]
    assert answers[1] == "VERSION_CONFLICT"
    assert [a.version for a in answers if isinstance(a, Recorded)] == [3, 4]


def test_a_conflicting_write_from_elsewhere_retries_just_that_command(
    app: Riwayat, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.group_writer.commit([appoint(app, NIPS[0]), pns(app, NIPS[0]), appoint(app, NIPS[1])])
    group = [train(app, NIPS[0], 1), train(app, NIPS[1], 2, expected_version=1)]
    # Another process writes servant 1 after the group loaded it: the save must collide.
    original = group_commit.existing_servants

    def load_then_collide(loading: Riwayat, nips: list[str]) -> dict[str, CivilServant | None]:
        found = original(loading, nips)
        if NIPS[1] in nips:
            other = Riwayat(env=app.env)
            other.record(NIPS[1], lambda s: s.appoint_pns(
                envelope(PNS_TMT), sttpl_number="STTPL/2", spmt_number=None))
            other.close()
        return found

    monkeypatch.setattr(group_commit, "existing_servants", load_then_collide)
    app.group_writer.commit(group)
    monkeypatch.undo()
    trained, conflicted = outcome(group[0]), outcome(group[1])
    assert isinstance(trained, Recorded) and trained.version == 3
    assert conflicted == "VERSION_CONFLICT"
    assert app.servant(NIPS[1]).version == 2
    assert verify(app).ok


def test_concurrent_commands_through_the_writer_thread_get_distinct_increasing_positions(
    settings: Settings,
) -> None:
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        for nip in NIPS:
            app.submit_appointment(envelope(date(2015, 3, 1)), appointment(nip=nip)).result(30)
        head = app.recorder.max_notification_id()

        def submit(n: int) -> Recorded:
            nip = NIPS[n % len(NIPS)]
            return app.submit_record(nip, lambda s: s.appoint_pns(
                envelope(PNS_TMT), sttpl_number=f"S/{n}", spmt_number=None) if s.version == 1
                else s.record_training(envelope(date(2019, 5, 3)), **training(name=f"K {n}"))
            ).result(60)

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(submit, range(96)))
        positions = [a.position for a in answers]
        assert sorted(positions) == list(range(head + 1, head + 97))
        for nip in NIPS:
            mine = sorted((a.version, a.position) for a in answers if a.nip == nip)
            assert [v for v, _ in mine] == list(range(2, 18))
            assert [p for _, p in mine] == sorted(p for _, p in mine)
            assert all(app.positions_of(nip)[v] == p for v, p in mine)
        assert verify(app).ok
    finally:
        app.close()
