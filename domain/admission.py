"""Deciding: a command's event is judged once, when it is admitted, by the rules in force at
its TMT (``domain.kinds``); what is admitted is recorded and never judged again.

A back-dated event or a correction changes what comes before later events, so admission
also re-checks the sequence rules of the resulting stream. It refuses only what the command
itself breaks: a violation the stream already had before the command (because a rule table
was corrected after those events were admitted) is not the command's doing, and refusing
every later command for it would make such a stream uncorrectable. Those show up in
eligibility and the audit findings, which judge by TMT under today's tables.

Most events join a stream at its end in TMT order (every import, most commands). Such an event
changes what comes before no other event, so re-checking the stream would only judge the new
event against the state of the whole stream: ``FoldedStream`` keeps that state as the stream
grows at its end, and ``admit_at_end`` judges the event against it alone, with the same verdicts
as the full re-check and without folding the stream again."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.effective import Effective, effective_events
from domain.errors import DomainError, Warning
from domain.events import CORRECTION_KINDS, CareerEvent, CpnsAppointed
from domain.fold import evolve, fold, in_fold_order, opened
from domain.kind import EventKind
from domain.kinds import kind_of
from domain.rules.base import Context, Rule
from domain.servant_state import ServantState


def judge(event: Any, context: Context, *, sequence: bool) -> list[Warning]:
    """Run the event kind's field rules (or its sequence rules) in force at its TMT."""
    warnings: list[Warning] = []
    for rule in rules_in_force(kind_of(type(event)), event.tmt, sequence=sequence):
        warnings += rule.judge(event, context)
    return warnings


# By event class: the kind's rules as last seen, the days on which one of them comes into or
# goes out of force, and the rules in force (by sequence) between two such days.
_IN_FORCE: dict[type[Any], tuple[tuple[Rule[Any], ...], list[date],
                                 dict[tuple[int, bool], tuple[Rule[Any], ...]]]] = {}


def rules_in_force(kind: EventKind[Any], day: date, *, sequence: bool) -> tuple[Rule[Any], ...]:
    """``kind.rules_at(day)``, chosen once per span of days over which no rule of the kind
    comes into or goes out of force: a bulk import judges every event, and the selection cost
    as much as many of the checks."""
    known = _IN_FORCE.get(kind.event_class)
    if known is None or known[0] is not kind.rules:
        changes = {rule.valid_from for rule in kind.rules}
        changes |= {rule.valid_to + timedelta(days=1) for rule in kind.rules
                    if rule.valid_to is not None and rule.valid_to < date.max}
        known = _IN_FORCE[kind.event_class] = (kind.rules, sorted(changes), {})
    span = (bisect_right(known[1], day), sequence)
    rules = known[2].get(span)
    if rules is None:
        rules = known[2][span] = kind.rules_at(day, sequence=sequence)
    return rules


def admit_appointment(candidate: CpnsAppointed, recorded_on: date) -> list[Warning]:
    return judge(candidate, Context(None, None, recorded_on), sequence=False)


def admit_event(
    effective: list[Effective], candidate: CareerEvent, recorded_on: date,
    latest: ServantState | None = None,
) -> tuple[CareerEvent, list[Warning]]:
    """Raise DomainError unless ``candidate`` (not a correction) may join the stream.
    ``latest`` is ``fold(effective)`` if the caller keeps it (``FoldedStream.state``)."""
    kind = kind_of(type(candidate))
    if kind.settle is not None:
        on_tmt = fold(effective, valid_at=candidate.tmt)
        if candidate.tmt < on_tmt.cpns_tmt:
            raise DomainError("NOT_YET_APPOINTED", "The servant was not appointed on that date.")
        candidate = kind.settle(candidate, on_tmt)
    if latest is None:
        latest = fold(effective)
    warnings = judge(candidate, Context(None, latest, recorded_on), sequence=False)
    warnings += refuse_new_breaks(
        effective, [*effective, Effective(candidate, candidate, ())], recorded_on,
        candidate.originator_version,
    )
    return candidate, warnings


@dataclass(frozen=True)
class FoldedStream:
    """A stream's state after all of its ``length`` events, and the event last in fold order.

    ``state`` is advanced in place as events join at the end (``advanced``): a holder that
    hands out copies of itself must not share it (the aggregate drops it on copy)."""

    length: int
    last: Effective
    state: ServantState


def folded_stream(events: Sequence[CareerEvent]) -> FoldedStream:
    ordered = in_fold_order(effective_events(events))
    # ``fold(ordered)``, without sorting the stream a second time.
    state: ServantState | None = None
    for item in ordered:
        if isinstance(item.event, CpnsAppointed):
            state = opened(item.event)
        elif state is not None:
            evolve(state, item)
    assert state is not None, "a servant's stream always holds its appointment (version 1)"
    return FoldedStream(len(events), ordered[-1], state)


def joins_at_end(folded: FoldedStream, event: CareerEvent) -> bool:
    """Whether ``event`` (the next version of the stream) is last in fold order and no
    correction: then it changes nothing before it."""
    if isinstance(event, CORRECTION_KINDS):
        return False
    item = Effective(event, event, ())
    return in_fold_order([folded.last, item])[-1] is item


def advanced(folded: FoldedStream | None, event: CareerEvent) -> FoldedStream | None:
    """The folded stream once ``event`` is recorded; None (fold again when needed) unless it
    joined at the end."""
    if folded is None or not joins_at_end(folded, event):
        return None
    item = Effective(event, event, ())
    evolve(folded.state, item)
    return FoldedStream(folded.length + 1, item, folded.state)


def admit_at_end(
    folded: FoldedStream, candidate: CareerEvent, recorded_on: date
) -> tuple[CareerEvent, list[Warning]]:
    """``admit_event`` for a candidate that ``joins_at_end``: the state on its TMT, the state
    before it in TMT order and the stream's latest state are all ``folded.state``, and the
    re-check of the resulting stream judges only the candidate."""
    kind = kind_of(type(candidate))
    state = folded.state
    if kind.settle is not None:
        if candidate.tmt < state.cpns_tmt:
            raise DomainError("NOT_YET_APPOINTED", "The servant was not appointed on that date.")
        candidate = kind.settle(candidate, state)
    warnings = judge(candidate, Context(None, state, recorded_on), sequence=False)
    warnings += judge(candidate, Context(state, None, recorded_on), sequence=True)
    return candidate, warnings


def sequence_judgements(
    effective: Sequence[Effective], recorded_on: date, judged_from: int = 0
) -> tuple[list[tuple[int, DomainError]], dict[int, list[Warning]]]:
    """The sequence rules of every event from position ``judged_from`` of the fold order on,
    against the state before it: the refusals (at most one per event, its first) and the
    warnings, by version. The walk folds on past a refusal."""
    return _judged_in_order(in_fold_order(effective), recorded_on, judged_from)


def _judged_in_order(
    ordered: Sequence[Effective], recorded_on: date, judged_from: int
) -> tuple[list[tuple[int, DomainError]], dict[int, list[Warning]]]:
    """``sequence_judgements`` of a stream already in fold order."""
    refused: list[tuple[int, DomainError]] = []
    warned: dict[int, list[Warning]] = {}
    state: ServantState | None = None
    for index, item in enumerate(ordered):
        if isinstance(item.event, CpnsAppointed):
            state = opened(item.event)
            continue
        if state is None:
            continue
        if index >= judged_from:
            try:
                warned[item.version] = judge(
                    item.event, Context(state, None, recorded_on), sequence=True
                )
            except DomainError as error:
                refused.append((item.version, error))
        evolve(state, item)
    return refused, warned


def refuse_new_breaks(
    before: Sequence[Effective], after: Sequence[Effective], recorded_on: date,
    version: int | None = None,
) -> list[Warning]:
    """Raise the first refusal (in TMT order) of the stream ``after`` a command that the
    stream ``before`` it did not already have; return the sequence warnings of ``version``.

    Events ahead of the first difference of the two fold orders meet the same state in both
    streams and so the same verdicts: only the rest is judged (usually just the new event)."""
    ordered_before, ordered_after = in_fold_order(before), in_fold_order(after)
    changed = _common_prefix(ordered_before, ordered_after)
    refused, warned = _judged_in_order(ordered_after, recorded_on, changed)
    if refused:
        already = {
            (v, error.code) for v, error in _judged_in_order(ordered_before, recorded_on, changed)[0]
        }
        for refused_version, error in refused:
            if (refused_version, error.code) not in already:
                raise error
    return warned.get(version, []) if version is not None else []


def _common_prefix(first: Sequence[Effective], second: Sequence[Effective]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a is not b:
            break
        length += 1
    return length
