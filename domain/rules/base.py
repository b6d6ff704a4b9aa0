"""What a rule is: a check of one event kind, with the span of TMTs it is in force for and its
legal source as data (domain.md §7.0), run once, when a command is admitted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from domain.errors import DomainError, Warning
from domain.rules.validity import RECORD_START, in_force
from domain.servant_state import ServantState

__all__ = ["RECORD_START", "Context", "Rule", "caution", "ends_once", "fail", "need", "refusal"]

E = TypeVar("E")
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What a rule may read besides the event.

    ``before`` is the servant just before the event in TMT order (None for the appointment);
    ``latest`` is the whole stream as it stood before the command (None for the appointment and
    when the resulting stream is re-checked); ``recorded_on`` is the day the command arrives."""

    before: ServantState | None
    latest: ServantState | None
    recorded_on: date


@dataclass(frozen=True)
class Rule(Generic[E]):
    """One rule of domain.md §5 (or of our design), for events of ``event_class``.

    A rule raises DomainError for an event it refuses and returns the warnings it earns. A
    ``sequence`` rule depends on the events before it in TMT order: it is also re-checked for
    every later event when a back-dated event or a correction changes what comes before them.
    """

    rule_id: str
    event_class: type[E]
    check: Callable[[E, Context], list[Warning]]
    source: str
    valid_from: date = RECORD_START
    valid_to: date | None = None  # inclusive; None = still in force
    sequence: bool = False

    def in_force_at(self, day: date) -> bool:
        return in_force(self.valid_from, self.valid_to, day)

    def judge(self, event: Any, context: Context) -> list[Warning]:
        return self.check(event, context)


def refusal(rule_id: str, event_class: type[E], source: str, *,
            when: Callable[[E, Context], bool], code: str, field: str | None,
            says: Callable[[E, Context], str], valid_from: date = RECORD_START,
            valid_to: date | None = None, sequence: bool = False) -> Rule[E]:
    """A rule that refuses every event ``when`` holds for, with ``code`` on ``field`` and the
    message it ``says``, and earns no warnings: most rules of §5, written as one table row."""

    def check(event: E, context: Context) -> list[Warning]:
        if when(event, context):
            raise fail(code, says(event, context), field)
        return []

    return Rule(rule_id, event_class, check, source, valid_from, valid_to, sequence)


def caution(rule_id: str, event_class: type[E], source: str, *,
            when: Callable[[E, Context], bool], code: str, says: Callable[[E, Context], str],
            valid_from: date = RECORD_START, valid_to: date | None = None,
            sequence: bool = False) -> Rule[E]:
    """A rule that admits every event but warns, with ``code`` and the message it ``says``,
    for each one ``when`` holds for: the *warn* rules of §5, as one table row."""

    def check(event: E, context: Context) -> list[Warning]:
        return [Warning(code, says(event, context))] if when(event, context) else []

    return Rule(rule_id, event_class, check, source, valid_from, valid_to, sequence)


def fail(code: str, message: str, field: str | None = None) -> DomainError:
    return DomainError(code, message, field)


def ends_once(recorded: Mapping[int, T], ended_on: Callable[[T], date | None],
              state: ServantState, version: int, field: str, *,
              what: str, code: str, noun: str, verb: str) -> None:
    """Check an event that ends the entry of ``recorded`` it names by its version (a closing,
    an annulment): INVALID_TARGET, saying the version is not ``what``, when the state before
    the event has no such entry, and ``code`` when the entry was already ``verb``: an entry
    ends once."""
    found = recorded.get(version)
    if found is None:
        raise fail("INVALID_TARGET", f"Event {state.nip}:{version} is not {what}.", field)
    ended = ended_on(found)
    if ended is not None:
        raise fail(code, f"{noun} {state.nip}:{version} was already {verb} on {ended}.", field)


def need(state: ServantState | None) -> ServantState:
    """The state a rule needs; the appointment, which has none, has no such rule."""
    assert state is not None, "only the appointment is judged without a state"
    return state
