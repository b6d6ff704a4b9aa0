"""Three-valued rule outcomes and verdicts, and rules as versioned data (§7.0).

A rule whose evidence is missing is neither passed nor failed: it is UNKNOWN and names what
to record. A verdict is eligible only if every rule passes, not eligible if any fails, and
otherwise undetermined with the evidence still to record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from domain.rules.validity import InForce

C = TypeVar("C")  # a rule table's candidate


class Outcome(Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"


class Decision(Enum):
    ELIGIBLE = "ELIGIBLE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    UNDETERMINED = "UNDETERMINED"


@dataclass(frozen=True)
class Rule(InForce):
    rule_id: str
    valid_from: date
    valid_to: date | None  # inclusive
    source: str
    text: str
    verify: bool = False


@dataclass(frozen=True)
class RuleVerdict:
    """One rule's outcome: a one-line explanation, the inputs read and the evidence ids."""

    rule_id: str
    outcome: Outcome
    explanation: str
    inputs: tuple[tuple[str, str], ...]
    evidence: tuple[str, ...]
    source: str
    missing: tuple[str, ...] = ()  # for UNKNOWN: what to record to decide

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASS


@dataclass(frozen=True)
class Verdict:
    kind: str
    candidate_tmt: date
    rule_set_version: str
    outcomes: tuple[RuleVerdict, ...]

    @property
    def decision(self) -> Decision:
        return decide(self.outcomes)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(item for outcome in self.outcomes for item in outcome.missing)

    def outcome_of(self, rule_id: str) -> RuleVerdict:
        for outcome in self.outcomes:
            if outcome.rule_id == rule_id:
                return outcome
        raise KeyError(rule_id)


def decide(outcomes: Iterable[RuleVerdict]) -> Decision:
    seen = {outcome.outcome for outcome in outcomes}
    if Outcome.FAIL in seen:
        return Decision.NOT_ELIGIBLE
    if Outcome.UNKNOWN in seen:
        return Decision.UNDETERMINED
    return Decision.ELIGIBLE


@dataclass(frozen=True)
class RuleSetVersion(InForce):
    version: str
    valid_from: date
    valid_to: date | None


def version_at(versions: Iterable[RuleSetVersion], day: date) -> str:
    for span in versions:
        if span.covers(day):
            return span.version
    raise AssertionError(f"no rule set version covers {day}")


def verdict(
    rule: Rule,
    outcome: Outcome,
    explanation: str,
    inputs: dict[str, object],
    evidence: Iterable[str | None],
    missing: tuple[str, ...] = (),
) -> RuleVerdict:
    """Build a verdict citing ``rule``; None evidence ids (unrecorded facts) are dropped."""
    return RuleVerdict(
        rule.rule_id,
        outcome,
        f"{rule.rule_id}: {explanation}",
        tuple((name, str(value)) for name, value in inputs.items()),
        tuple(item for item in evidence if item is not None),
        rule.source,
        missing,
    )


def pass_or_fail(rule: Rule, passed: bool, explanation: str, inputs: dict[str, object],
                 evidence: Iterable[str | None]) -> RuleVerdict:
    """A rule whose facts are all recorded: PASS when ``passed``, else FAIL."""
    return verdict(rule, Outcome.PASS if passed else Outcome.FAIL, explanation, inputs, evidence)


def yes_no(rule: Rule, value: bool | None, evidence: str | None, what: str,
           no: str | None = None) -> RuleVerdict:
    """A rule on one recorded yes/no fact: UNKNOWN (naming it) when it is not recorded, else
    PASS or FAIL (with ``no`` as the explanation when given) citing ``evidence``."""
    inputs: dict[str, object] = {what: "not recorded" if value is None else value}
    if value is None:
        return verdict(rule, Outcome.UNKNOWN, f"no {what} is recorded.", inputs, (), (what,))
    if value:
        return verdict(rule, Outcome.PASS, f"{what}: yes.", inputs, (evidence,))
    return verdict(rule, Outcome.FAIL, no or f"{what}: no.", inputs, (evidence,))


def evaluate_table(kind: str, rules: Iterable[Rule],
                   checks: Mapping[str, Callable[[Rule, C, date], RuleVerdict]],
                   versions: Iterable[RuleSetVersion], candidate: C, tmt: date) -> Verdict:
    """The verdict of a table of rules: each rule in force at ``tmt``, judged by its check."""
    outcomes = tuple(checks[r.rule_id](r, candidate, tmt) for r in rules if r.covers(tmt))
    return Verdict(kind, tmt, version_at(versions, tmt), outcomes)


def full_months_between(start: date, end: date) -> int:
    """Completed calendar months from ``start`` to ``end`` (negative if ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months
