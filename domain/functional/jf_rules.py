"""KP pilihan for functional positions (F0-F3) and the level step (J1-J3), domain.md §7.3.

Each rule is data with a validity period and a source; the rule set in force is chosen by
the candidate TMT. F2 reuses KP reguler's R2 and R4-R7: their outcomes, evaluated at the
same TMT, are an input here so that one implementation of them exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from domain.functional.coefficients import NEXT_LEVEL, TRACK_OF_LEVEL, credit_regime_at
from domain.functional.credit import CreditEntry, cumulative_credit
from domain.functional.rank_held import RankHeld
from domain.functional.ruleset import (
    F2_REGULER_RULES,
    F3_MIN_MONTHS,
    JF_VERSIONS,
    KP_JF_RULES,
    LEVEL_STEP_RULES,
)
from domain.functional.verdict import (
    Outcome,
    Rule,
    RuleVerdict,
    Verdict,
    evaluate_table,
    full_months_between,
    pass_or_fail,
    verdict,
    yes_no,
)
from domain.values import FunctionalLevel


@dataclass(frozen=True)
class JfCandidate(RankHeld):
    """What the JF rules read. ``level`` is the level held at the TMT (after a level step
    falling due together with the rank step, which goes first); ``credits`` are those since
    the last rank step, carried-over surplus and a degree bonus included."""

    level: FunctionalLevel
    level_evidence: str
    credits: tuple[CreditEntry, ...] = ()
    reguler_outcomes: tuple[RuleVerdict, ...] = ()
    competency_test_passed: bool | None = None
    competency_test_evidence: str | None = None
    competency_test_note: str = ""  # what the test showed (shortfalls, unmeasured competencies)
    vacancy_at_next_level: bool | None = None
    vacancy_evidence: str | None = None


_Check = Callable[[Rule, JfCandidate, date], RuleVerdict]


def _rank_in_level(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    nxt = c.rank.next()
    inputs: dict[str, object] = {"rank": c.rank.golongan, "level": c.level.code}
    evidence = (c.rank_evidence, c.level_evidence)
    if nxt is None:
        return verdict(rule, Outcome.FAIL, "IV/e is the highest rank.", inputs, evidence)
    inputs["next rank"] = nxt.golongan
    if not c.level.admits(nxt):
        text = f"{nxt.golongan} is beyond {c.level.code}'s ranks; a level step must come first."
        return verdict(rule, Outcome.FAIL, text, inputs, evidence)
    return verdict(
        rule, Outcome.PASS, f"{nxt.golongan} is within {c.level.code}.", inputs, evidence
    )


def _credit_against(
    rule: Rule, c: JfCandidate, tmt: date, required: int | None, what: str
) -> RuleVerdict:
    total = cumulative_credit(c.credits)
    regime = credit_regime_at(tmt)
    inputs: dict[str, object] = {
        "cumulative credit": total,
        "level": c.level.code,
        "rank": c.rank.golongan,
    }
    evidence = (c.rank_evidence, c.level_evidence, *(e.evidence_id for e in c.credits))
    if regime is None:
        text = f"no credit table for {tmt} (before PermenPANRB 1/2023) is modelled."
        return verdict(
            rule, Outcome.UNKNOWN, text, inputs, evidence, (f"credit needed for {what}",)
        )
    inputs["regime"] = regime.regime_id
    if required is None:
        text = (
            f"{regime.regime_id} tables no credit for {what} ({c.level.code}, {c.rank.golongan})."
        )
        return verdict(
            rule, Outcome.UNKNOWN, text, inputs, evidence, (f"credit needed for {what}",)
        )
    inputs["required"] = required
    passed = total >= required
    text = f"{total} credit {'>=' if passed else '<'} {required} needed for {what}."
    return pass_or_fail(rule, passed, text, inputs, evidence)


def _rank_credit(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    regime = credit_regime_at(tmt)
    required = None if regime is None else regime.rank_step.get((TRACK_OF_LEVEL[c.level], c.rank))
    return _credit_against(rule, c, tmt, required, f"the rank step from {c.rank.golongan}")


def _reguler_rules(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    given = {o.rule_id: o for o in c.reguler_outcomes}
    inputs: dict[str, object] = {
        rid: given[rid].outcome.value for rid in F2_REGULER_RULES if rid in given
    }
    evidence = [e for rid in F2_REGULER_RULES if rid in given for e in given[rid].evidence]
    absent = tuple(rid for rid in F2_REGULER_RULES if rid not in given)
    failed = [
        rid for rid in F2_REGULER_RULES if rid in given and given[rid].outcome is Outcome.FAIL
    ]
    unknown = [
        rid for rid in F2_REGULER_RULES if rid in given and given[rid].outcome is Outcome.UNKNOWN
    ]
    if failed:
        text = "failed: " + "; ".join(given[rid].explanation for rid in failed)
        return verdict(rule, Outcome.FAIL, text, inputs, evidence)
    if absent or unknown:
        missing = tuple(f"outcome of {rid}" for rid in absent)
        missing += tuple(item for rid in unknown for item in given[rid].missing)
        text = "undecided: " + ", ".join((*absent, *unknown))
        return verdict(rule, Outcome.UNKNOWN, text, inputs, evidence, missing)
    return verdict(rule, Outcome.PASS, "R2, R4, R5, R6 and R7 pass.", inputs, evidence)


def _two_years_in_rank(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    months = full_months_between(c.rank_tmt, tmt)
    inputs: dict[str, object] = {"rank TMT": c.rank_tmt, "months in rank": months}
    text = f"{months} months in {c.rank.golongan} at {tmt} ({F3_MIN_MONTHS} needed)."
    return pass_or_fail(rule, months >= F3_MIN_MONTHS, text, inputs, (c.rank_evidence,))


def _level_credit(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    nxt = NEXT_LEVEL[c.level]
    if nxt is None:
        text = f"{c.level.code} is the top of its track."
        return verdict(rule, Outcome.FAIL, text, {"level": c.level.code}, (c.level_evidence,))
    regime = credit_regime_at(tmt)
    required = None if regime is None else regime.level_step.get(c.level)
    return _credit_against(rule, c, tmt, required, f"the level step {c.level.code}→{nxt.code}")


def _competency_test(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    found = yes_no(
        rule,
        c.competency_test_passed,
        c.competency_test_evidence,
        "competency test result",
        "the competency test was not passed.",
    )
    if not c.competency_test_note:
        return found
    return replace(found, explanation=f"{found.explanation} {c.competency_test_note}")


def _vacancy(rule: Rule, c: JfCandidate, tmt: date) -> RuleVerdict:
    return yes_no(
        rule,
        c.vacancy_at_next_level,
        c.vacancy_evidence,
        "vacancy at the next level",
        "no vacancy at the next level; only the rank may be raised.",
    )


_CHECKS: dict[str, _Check] = {
    "F0": _rank_in_level,
    "F1": _rank_credit,
    "F2": _reguler_rules,
    "F3": _two_years_in_rank,
    "J1": _level_credit,
    "J2": _competency_test,
    "J3": _vacancy,
}


def _evaluate(kind: str, rules: tuple[Rule, ...], c: JfCandidate, tmt: date) -> Verdict:
    return evaluate_table(kind, rules, _CHECKS, JF_VERSIONS, c, tmt)


def evaluate_kp_jf(candidate: JfCandidate, candidate_tmt: date) -> Verdict:
    """KP pilihan JF (jenis 202) at ``candidate_tmt``: F0-F3, each explained with evidence."""
    return _evaluate("KP_PILIHAN_JF", KP_JF_RULES, candidate, candidate_tmt)


def evaluate_level_step(candidate: JfCandidate, candidate_tmt: date) -> Verdict:
    """Kenaikan jenjang at ``candidate_tmt``: J1-J3."""
    return _evaluate("KENAIKAN_JENJANG", LEVEL_STEP_RULES, candidate, candidate_tmt)
