"""Admission at the end of a stream (domain.admission.admit_at_end) gives exactly the verdicts of
the full re-check of the resulting stream: the same refusals, warnings and settled events, on
generated careers and on the same careers disturbed so that many commands are refused or
back-dated (those take the full re-check)."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from typing import Any

import pytest

import domain.decide
import domain.servant
from domain.errors import DomainError
from domain.servant import CivilServant
from domain.state import effective_events, fold
from service.bulk_append import APPOINTMENT, BulkCommand
from service.sample.career_commands import career_commands
from tests.unit.given import a_pns, envelope, state_of, training

_EXITS = ("retire", "terminate")


def _disturbed(commands: list[BulkCommand], rng: random.Random) -> list[BulkCommand]:
    """The commands with some back-dated (by up to three years), some given twice and some
    moved ahead of the rest, so that both paths meet refusals and out-of-order events."""
    result: list[BulkCommand] = []
    for command in commands:
        roll = rng.random()
        if command.command == APPOINTMENT or roll > 0.3:
            result.append(command)
        elif roll < 0.1:
            earlier = command.envelope.tmt - timedelta(days=rng.randint(1, 3 * 365))
            result.append(dataclasses.replace(
                command, envelope=dataclasses.replace(command.envelope, tmt=earlier)))
        elif roll < 0.2:
            result += [command, command]
        else:
            result.insert(rng.randint(1, len(result)), command)
    return result


def _outcomes(commands: list[BulkCommand]) -> tuple[list[Any], CivilServant | None]:
    """Each command's verdict (refusal code and message, or the warnings and the recorded
    event's fields), checking on the way that a kept folded stream equals a fresh fold."""
    servant: CivilServant | None = None
    outcomes: list[Any] = []
    for command in commands:
        try:
            if command.command == APPOINTMENT:
                servant, warnings = CivilServant.appoint_cpns(command.envelope, **command.payload)
            else:
                assert servant is not None
                warnings = servant.record(command.command, command.envelope, **command.payload)
        except DomainError as error:
            outcomes.append(("refused", error.code, error.message, error.field))
            continue
        assert servant is not None
        event = servant.event_at(servant.version)
        assert event is not None
        outcomes.append(("admitted", [(w.code, w.message) for w in warnings],
                         {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}))
        kept = servant._folded
        if kept is not None:
            assert kept.state == fold(effective_events(servant.events))
    return outcomes, servant


def _careers(seed: int) -> list[list[BulkCommand]]:
    commands = career_commands(seed * 10, 6, seed=seed)
    careers: list[list[BulkCommand]] = []
    for command in commands:
        if command.command == APPOINTMENT:
            careers.append([])
        careers[-1].append(command)
    return careers


def _full_recheck_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def decide_without_folded(events: Any, candidate: Any, recorded_on: Any, folded: Any = None) -> Any:
        return domain.decide.decide(events, candidate, recorded_on)

    monkeypatch.setattr(domain.servant, "decide", decide_without_folded)


def _counting_admissions_at_end(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    admit = domain.decide.admit_at_end

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return admit(*args)

    monkeypatch.setattr(domain.decide, "admit_at_end", counted)
    return calls


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_admission_at_the_end_gives_the_verdicts_of_the_full_recheck_on_generated_careers(
    seed: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    careers = _careers(seed)
    at_end = _counting_admissions_at_end(monkeypatch)
    incremental = [_outcomes(career)[0] for career in careers]
    assert at_end[0] > sum(len(c) for c in careers) // 2  # the fast path was really taken
    with monkeypatch.context() as full:
        _full_recheck_only(full)
        before = at_end[0]
        rechecked = [_outcomes(career)[0] for career in careers]
        assert at_end[0] == before
    assert incremental == rechecked
    assert all(outcome[0] == "admitted" for career in incremental for outcome in career)


@pytest.mark.parametrize("seed", [4, 5, 6, 7, 8])
def test_admission_at_the_end_gives_the_verdicts_of_the_full_recheck_with_refusals_and_back_dates(
    seed: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(seed)
    careers = [_disturbed(career, rng) for career in _careers(seed)]
    at_end = _counting_admissions_at_end(monkeypatch)
    incremental = [_outcomes(career) for career in careers]
    assert at_end[0] > 0
    with monkeypatch.context() as full:
        _full_recheck_only(full)
        rechecked = [_outcomes(career) for career in careers]
    assert [o for o, _ in incremental] == [o for o, _ in rechecked]
    verdicts = [outcome[0] for outcomes, _ in incremental for outcome in outcomes]
    assert "refused" in verdicts and "admitted" in verdicts
    for (_, kept), (_, full_servant) in zip(incremental, rechecked, strict=True):
        assert kept is not None and full_servant is not None
        assert kept.events == full_servant.events


def test_a_back_dated_event_or_a_correction_drops_the_folded_stream_and_copies_never_share_it(
) -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 5, 1)), **training())
    assert servant._folded is not None
    assert servant.__deepcopy__({})._folded is None
    servant.record_training(envelope(date(2017, 5, 1)), **training())  # back-dated
    assert servant._folded is None
    servant.record_training(envelope(date(2020, 5, 1)), **training())
    assert servant._folded is not None
    servant.retract_event(envelope(date(2020, 6, 1)), target_version=servant.version,
                          reason="Entered twice")
    assert servant._folded is None
    assert state_of(servant) == fold(effective_events(servant.events))
