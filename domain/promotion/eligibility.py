"""KP reguler eligibility (domain.md §7.2): every rule in force at the candidate TMT, explained.

The rules in force and the period regime are both chosen by the candidate TMT (§7.0), never by
today's date, so a past promotion is judged by the rules of its own time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain.discipline import add_months
from domain.promotion import ruleset
from domain.promotion.checks import CHECKS, Case, full_months_between, predikat_label
from domain.promotion.facts import PromotionFacts
from domain.rules.periods import next_period_date, regime_at
from domain.values import Rank

__all__ = [
    "Eligibility",
    "RuleOutcome",
    "earliest_eligible_date",
    "evaluate_reguler",
    "full_months_between",
    "predikat_label",
]


@dataclass(frozen=True)
class RuleOutcome:
    rule_id: str
    passed: bool
    explanation: str
    evidence: tuple[str, ...]
    source: str
    # The three-valued outcome of the functional-career rules (None: PASS/FAIL from ``passed``)
    # and, for UNKNOWN, what to record to decide.
    three_valued: str | None = None
    missing: tuple[str, ...] = ()

    @property
    def outcome(self) -> str:
        if self.three_valued is not None:
            return self.three_valued
        return "PASS" if self.passed else "FAIL"


@dataclass(frozen=True)
class Eligibility:
    nip: str
    candidate_tmt: date
    current_rank: Rank
    next_rank: Rank | None
    rule_set_version: str
    period_regime_id: str
    outcomes: tuple[RuleOutcome, ...]
    eligible: bool
    promotion_kind: str = "KP_REGULER"
    decision: str | None = None  # ELIGIBLE, NOT_ELIGIBLE or UNDETERMINED

    @property
    def verdict(self) -> str:
        if self.decision is not None:
            return self.decision
        return "ELIGIBLE" if self.eligible else "NOT_ELIGIBLE"

    @property
    def failed_rule_ids(self) -> tuple[str, ...]:
        return tuple(o.rule_id for o in self.outcomes if o.outcome == "FAIL")


def evaluate_reguler(facts: PromotionFacts, candidate_tmt: date) -> Eligibility:
    regime = regime_at(candidate_tmt)
    case = Case(facts, candidate_tmt, facts.rank.next(), regime)
    outcomes = []
    for rule in ruleset.rules_in_force(candidate_tmt):
        passed, explanation, evidence = CHECKS[rule.rule_id](case)
        # R4's legal source depends on the regime, so cite the regime's regulation as well.
        source = f"{rule.source}; {regime.source}" if rule.rule_id == "R4" else rule.source
        outcomes.append(
            RuleOutcome(rule.rule_id, passed, f"{rule.rule_id}: {explanation}", evidence, source)
        )
    return Eligibility(
        nip=facts.nip,
        candidate_tmt=candidate_tmt,
        current_rank=facts.rank,
        next_rank=case.next_rank,
        rule_set_version=ruleset.rule_set_version(candidate_tmt),
        period_regime_id=regime.rule_id,
        outcomes=tuple(outcomes),
        eligible=all(outcome.passed for outcome in outcomes),
    )


def earliest_eligible_date(
    facts: PromotionFacts, on_or_after: date, horizon_years: int = 10
) -> date | None:
    """The first period date on/after ``on_or_after`` at which every rule passes, or None.

    Only recorded facts count: an appraisal of a year not yet recorded is missing, so R2 fails
    for TMTs whose two previous years are not both on record. The answer is therefore "the
    earliest date the record already supports", not a forecast.
    """
    if facts.rank.next() is None or facts.status not in ruleset.ELIGIBLE_STATUSES:
        return None
    limit = add_months(on_or_after, 12 * horizon_years)
    # R1 only becomes true with time, so no earlier period date can pass: start there.
    earliest_r1 = add_months(facts.rank_tmt, ruleset.MINIMUM_MONTHS_IN_RANK)
    candidate = next_period_date(max(on_or_after, earliest_r1))
    while candidate <= limit:
        if facts.retirement_tmt is not None and candidate >= facts.retirement_tmt:
            return None
        if evaluate_reguler(facts, candidate).eligible:
            return candidate
        candidate = next_period_date(candidate + timedelta(days=1))
    return None


