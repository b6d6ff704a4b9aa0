"""Every way of admitting a bulk append gives the same answers and the same stored bytes: the
stream's kept state (admission at the end, and a back-dated event judged against the kept
latest state) against the full re-check of every command, and admission in worker processes
against admission in the appending process, on generated careers with refusals and
back-dated commands (both stores)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import domain.decide
import domain.servant
from service.application import Riwayat
from service.audit import verify
from service.bulk_append import BulkCommand, BulkResult, bulk_append
from service.sample.career_commands import career_commands
from service.settings import Settings
from tests.integration.test_bulk_append import stored_log
from tests.support import empty_store_settings
from tests.unit.test_incremental_admission import _disturbed


@pytest.fixture
def second_settings(store: str, tmp_path: Path) -> Iterator[Settings]:
    """A second, empty store of the same kind."""
    with empty_store_settings(store, tmp_path, "second") as settings:
        yield settings


def _commands(seed: int, servants: int) -> list[BulkCommand]:
    """Generated careers, disturbed so that commands are refused and back-dated, plus one
    servant with an invalid NIP and commands for a servant never appointed."""
    commands = _disturbed(career_commands(seed * 100, servants, seed=seed), random.Random(seed))
    first = commands[1]
    return [
        *commands,
        BulkCommand("12345", first.command, first.envelope, first.payload),
        BulkCommand("199001012015031999", first.command, first.envelope, first.payload),
    ]


def _appended(settings: Settings, commands: list[BulkCommand], **options: Any) -> tuple[
        list[BulkResult], list[tuple[Any, ...]], str]:
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        results = bulk_append(app, commands, events_per_transaction=60, **options)
        audit = verify(app)
        assert audit.ok
        return results, stored_log(app), audit.head_hash
    finally:
        app.close()


def _full_recheck_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def decide_without_folded(events: Any, candidate: Any, recorded_on: Any, folded: Any = None) -> Any:
        return domain.decide.decide(events, candidate, recorded_on)

    monkeypatch.setattr(domain.servant, "decide", decide_without_folded)


def _admitted_at_end_and_back_dated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts of admissions at the end and of back-dated events judged on the kept state."""
    calls = [0, 0]
    at_end, admit_event = domain.decide.admit_at_end, domain.decide.admit_event

    def counted_at_end(*args: Any) -> Any:
        calls[0] += 1
        return at_end(*args)

    def counted_event(*args: Any) -> Any:
        calls[1] += args[3] is not None
        return admit_event(*args)

    monkeypatch.setattr(domain.decide, "admit_at_end", counted_at_end)
    monkeypatch.setattr(domain.decide, "admit_event", counted_event)
    return calls


def test_the_kept_state_gives_the_answers_and_the_stored_bytes_of_the_full_recheck(
    settings: Settings, second_settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    commands = _commands(11, 12)
    calls = _admitted_at_end_and_back_dated(monkeypatch)
    kept = _appended(settings, commands, workers=1)
    assert calls[0] > len(commands) // 2 and calls[1] > 0  # both fast paths were taken
    with monkeypatch.context() as full:
        _full_recheck_only(full)
        rechecked = _appended(second_settings, commands, workers=1)
    assert kept[0] == rechecked[0]
    assert {r.code for r in kept[0] if not r.accepted} >= {"INVALID_NIP", "SERVANT_NOT_FOUND"}
    assert sum(r.accepted for r in kept[0]) == len(kept[1]) > len(commands) // 2
    assert kept[1] == rechecked[1] and kept[2] == rechecked[2]


@pytest.mark.parametrize("workers", [2, 3])
def test_admission_in_worker_processes_gives_the_answers_and_the_log_of_one_process(
    settings: Settings, second_settings: Settings, workers: int,
) -> None:
    commands = _commands(12, 14)
    here = _appended(settings, commands, workers=1)
    spread = _appended(second_settings, commands, workers=workers)
    assert spread[0] == here[0]
    assert {r.code for r in here[0] if not r.accepted} >= {"INVALID_NIP", "SERVANT_NOT_FOUND"}
    assert sorted(r.position for r in spread[0] if r.accepted) == list(range(1, len(here[1]) + 1))
    assert spread[1] == here[1] and spread[2] == here[2]


def test_a_call_without_commands_answers_nothing_with_workers_too(settings: Settings) -> None:
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        assert bulk_append(app, [], workers=2) == bulk_append(app, [], workers=1) == []
        assert not app.recorder.max_notification_id()
    finally:
        app.close()
