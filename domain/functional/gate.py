"""Whether a servant passes the promotion gate at a candidate TMT, as a bare bool.

``eligible(facts, tmt)`` is ``evaluate(facts, tmt).eligible`` (the rule set of the position
held) without the explanations and evidence: the span build asks it at every period date of
every servant, and only the verdict is stored there. Each rule table is walked as the full
evaluation walks it (the rules in force at the TMT), with one predicate per rule id, so a rule
added to a table without a predicate here fails loudly rather than passing silently.
``tests/unit/test_promotion_gate.py`` compares both over many careers and dates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from domain.discipline import add_months
from domain.functional.assess import LOWEST_STRUCTURAL_RANK, PromotionKind, default_kind, evaluate
from domain.functional.coefficients import TRACK_OF_LEVEL, credit_regime_at
from domain.functional.ruleset import (
    F2_REGULER_RULES,
    F3_MIN_MONTHS,
    KP_JF_RULES,
    MIN_MONTHS_IN_POSITION_STRUCTURAL,
    MIN_MONTHS_IN_RANK_PILIHAN,
    STRUCTURAL_RULES,
)
from domain.functional.verdict import Rule, full_months_between
from domain.promotion import ruleset
from domain.promotion.checks import R7_LEGAL_STATUSES
from domain.promotion.facts import PromotionFacts
from domain.rules.education import cap_rank, highest_recognised
from domain.rules.periods import regime_at
from domain.values import Rank

Predicate = Callable[[PromotionFacts, date], bool]


def _has_next_rank(facts: PromotionFacts, tmt: date) -> bool:
    return facts.rank.next() is not None


def _years_in_rank(facts: PromotionFacts, tmt: date) -> bool:
    return tmt >= add_months(facts.rank_tmt, ruleset.MINIMUM_MONTHS_IN_RANK)


def _good_appraisals(facts: PromotionFacts, tmt: date) -> bool:
    for year in (tmt.year - 1, tmt.year - 2):
        appraisal = facts.appraisal_for(year)
        if appraisal is None or appraisal.predikat not in ruleset.GOOD_PREDIKAT:
            return False
    return True


def _within_education_cap(facts: PromotionFacts, tmt: date) -> bool:
    level = highest_recognised(((e.level, e.recognised_on) for e in facts.education), tmt)
    following = facts.rank.next()
    if level is None or following is None:
        return False
    return following.ordinal <= cap_rank(level, tmt).ordinal


def _period_date(facts: PromotionFacts, tmt: date) -> bool:
    return regime_at(tmt).allows(tmt)


def _no_running_penalty(facts: PromotionFacts, tmt: date) -> bool:
    return not any(p.level in ruleset.BLOCKING_PENALTY_LEVELS and p.start <= tmt
                   and p.is_running_on(tmt) for p in facts.penalties)


def _no_open_investigation(facts: PromotionFacts, tmt: date) -> bool:
    return not any(i.is_open_on(tmt) for i in facts.open_investigations)


def _active(facts: PromotionFacts, tmt: date) -> bool:
    if facts.status not in ruleset.ELIGIBLE_STATUSES:
        return False
    legal = facts.legal_status_on(tmt)
    if legal is not None and legal.legal_status not in R7_LEGAL_STATUSES:
        return False
    return facts.retirement_tmt is None or tmt < facts.retirement_tmt


def _within_supervisor_rank(facts: PromotionFacts, tmt: date) -> bool:
    following = facts.rank.next()
    supervisor = facts.position.supervisor_rank if facts.position is not None else None
    return following is not None and supervisor is not None \
        and following.ordinal <= supervisor.ordinal


REGULER: Mapping[str, Predicate] = MappingProxyType({
    "R0": _has_next_rank, "R1": _years_in_rank, "R2": _good_appraisals,
    "R3": _within_education_cap, "R4": _period_date, "R5": _no_running_penalty,
    "R6": _no_open_investigation, "R7": _active, "R8": _within_supervisor_rank,
})


def _one_step_below(facts: PromotionFacts, tmt: date) -> bool:
    position = facts.position
    lowest = LOWEST_STRUCTURAL_RANK.get(position.level) if position is not None else None
    return facts.rank.next() is (lowest or Rank.IV_E)


def _pilihan_months_in_rank(facts: PromotionFacts, tmt: date) -> bool:
    return full_months_between(facts.rank_tmt, tmt) >= MIN_MONTHS_IN_RANK_PILIHAN


def _months_in_position(facts: PromotionFacts, tmt: date) -> bool:
    since = facts.position.tmt if facts.position is not None else facts.cpns_tmt
    return full_months_between(since, tmt) >= MIN_MONTHS_IN_POSITION_STRUCTURAL


def _good_last_two_years(facts: PromotionFacts, tmt: date) -> bool:
    latest = {a.year: a for a in facts.appraisals}  # a later record of a year supersedes
    for year in (tmt.year - 1, tmt.year - 2):
        found = latest.get(year)
        if found is None or not found.predikat.is_good:
            return False
    return True


STRUCTURAL: Mapping[str, Predicate] = MappingProxyType({
    "S1": _one_step_below, "S2": _pilihan_months_in_rank, "S3": _months_in_position,
    "S4": _good_last_two_years,
})


def _rank_in_level(facts: PromotionFacts, tmt: date) -> bool:
    following = facts.rank.next()
    level = facts.position.functional_level if facts.position is not None else None
    return following is not None and level is not None and level.admits(following)


def _credit_for_rank_step(facts: PromotionFacts, tmt: date) -> bool:
    regime = credit_regime_at(tmt)
    level = facts.position.functional_level if facts.position is not None else None
    if regime is None or level is None:
        return False
    required = regime.rank_step.get((TRACK_OF_LEVEL[level], facts.rank))
    if required is None:
        return False
    total = sum((c.amount for c in facts.credits if c.period_end >= facts.rank_tmt
                 and c.period_start <= tmt and c.level in (None, level)), Decimal(0))
    return total >= required


def _reguler_rules_pass(facts: PromotionFacts, tmt: date) -> bool:
    in_force = {rule.rule_id for rule in ruleset.rules_in_force(tmt)}
    return all(rid in in_force and REGULER[rid](facts, tmt) for rid in F2_REGULER_RULES)


def _two_years_in_rank(facts: PromotionFacts, tmt: date) -> bool:
    return full_months_between(facts.rank_tmt, tmt) >= F3_MIN_MONTHS


KP_JF: Mapping[str, Predicate] = MappingProxyType({
    "F0": _rank_in_level, "F1": _credit_for_rank_step, "F2": _reguler_rules_pass,
    "F3": _two_years_in_rank,
})


def _all_pass(predicates: Mapping[str, Predicate], rules: tuple[Rule, ...] | tuple[
        ruleset.RuleDefinition, ...], facts: PromotionFacts, tmt: date) -> bool:
    return all(predicates[rule.rule_id](facts, tmt) for rule in rules if rule.covers(tmt))


def eligible(facts: PromotionFacts, tmt: date) -> bool:
    """``evaluate(facts, tmt).eligible``: the verdict of the rule set of the position held."""
    kind = default_kind(facts)
    if kind is PromotionKind.REGULER:
        return _all_pass(REGULER, ruleset.KP_REGULER_RULES, facts, tmt)
    if kind is PromotionKind.PILIHAN_STRUKTURAL:
        return _all_pass(STRUCTURAL, STRUCTURAL_RULES, facts, tmt)
    if any(c.amount < 0 for c in facts.credits):
        # The full evaluation refuses negative credit: let it say so.
        return evaluate(facts, tmt).eligible
    return _all_pass(KP_JF, KP_JF_RULES, facts, tmt)
