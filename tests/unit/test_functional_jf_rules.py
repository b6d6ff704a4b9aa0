"""KP pilihan JF (F0-F3) and kenaikan jenjang (J1-J3), domain.md §7.3, in each regime."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.functional.credit import CreditEntry, CreditKind
from domain.functional.jf_rules import JfCandidate, evaluate_kp_jf, evaluate_level_step
from domain.functional.verdict import Decision, Outcome, RuleVerdict
from domain.values import FunctionalLevel, Rank

L = FunctionalLevel
# One legal candidate TMT in each promotion-period regime of §7.1; the first one also predates
# PermenPANRB 1/2023's credit tables.
REGIMES = {
    "until-2022": date(2022, 10, 1),
    "2024-to-sep-2025": date(2024, 6, 1),
    "from-oct-2025": date(2025, 11, 1),
}
ALL = pytest.mark.parametrize("tmt", list(REGIMES.values()), ids=list(REGIMES))
CREDIT_ERA = pytest.mark.parametrize("tmt", list(REGIMES.values())[1:], ids=list(REGIMES)[1:])


def passing_reguler(*failing: str, unknown: str = "") -> tuple[RuleVerdict, ...]:
    verdicts = []
    for rid in ("R2", "R4", "R5", "R6", "R7"):
        outcome = Outcome.FAIL if rid in failing else Outcome.PASS
        missing: tuple[str, ...] = ()
        if rid == unknown:
            outcome, missing = Outcome.UNKNOWN, ("annual appraisal 2024",)
        verdicts.append(
            RuleVerdict(rid, outcome, f"{rid}: text", (), (f"ev-{rid}",), "src", missing)
        )
    return tuple(verdicts)


def credits(*amounts: str) -> tuple[CreditEntry, ...]:
    return tuple(
        CreditEntry(f"pak-{i}", Decimal(a), CreditKind.DETERMINED) for i, a in enumerate(amounts)
    )


def candidate(tmt: date, **changes: Any) -> JfCandidate:
    """An Ahli Pertama III/a who meets every KP JF rule at ``tmt`` with exactly 50 credit."""
    base = JfCandidate(
        nip="199001012015011001",
        level=L.AHLI_PERTAMA,
        level_evidence="pos-1",
        rank=Rank.III_A,
        rank_tmt=date(tmt.year - 2, tmt.month, 1),
        rank_evidence="rank-1",
        credits=credits("25.000", "25.000"),
        reguler_outcomes=passing_reguler(),
        competency_test_passed=True,
        competency_test_evidence="ujikom-1",
        vacancy_at_next_level=True,
        vacancy_evidence="formasi-1",
    )
    return replace(base, **changes)


@CREDIT_ERA
def test_kp_jf_passes_every_rule_with_evidence(tmt: date) -> None:
    verdict = evaluate_kp_jf(candidate(tmt), tmt)
    assert verdict.decision is Decision.ELIGIBLE
    assert [o.rule_id for o in verdict.outcomes] == ["F0", "F1", "F2", "F3"]
    assert verdict.rule_set_version == "KP-JF-2023.1"
    f1 = verdict.outcome_of("F1")
    assert f1.evidence == ("rank-1", "pos-1", "pak-0", "pak-1")
    assert dict(f1.inputs)["required"] == "50" and dict(f1.inputs)["cumulative credit"] == "50.000"
    assert verdict.outcome_of("F2").evidence == ("ev-R2", "ev-R4", "ev-R5", "ev-R6", "ev-R7")


@CREDIT_ERA
def test_f1_fails_a_thousandth_short_of_akk(tmt: date) -> None:
    verdict = evaluate_kp_jf(candidate(tmt, credits=credits("25.000", "24.999")), tmt)
    f1 = verdict.outcome_of("F1")
    assert f1.outcome is Outcome.FAIL and "49.999 credit < 50" in f1.explanation
    assert verdict.decision is Decision.NOT_ELIGIBLE


def test_f1_is_unknown_before_permenpanrb_1_2023_and_names_what_is_missing() -> None:
    tmt = REGIMES["until-2022"]
    verdict = evaluate_kp_jf(candidate(tmt), tmt)
    f1 = verdict.outcome_of("F1")
    assert f1.outcome is Outcome.UNKNOWN and f1.missing == (
        "credit needed for the rank step from III/a",
    )
    assert verdict.rule_set_version == "KP-JF-2002.1"
    assert verdict.decision is Decision.UNDETERMINED
    assert verdict.missing == ("credit needed for the rank step from III/a",)
    # The other rules are decided as in any regime, with their evidence.
    assert [verdict.outcome_of(r).outcome for r in ("F0", "F2", "F3")] == [Outcome.PASS] * 3
    assert verdict.outcome_of("F2").evidence == ("ev-R2", "ev-R4", "ev-R5", "ev-R6", "ev-R7")
    assert verdict.outcome_of("F3").evidence == ("rank-1",)


@CREDIT_ERA
def test_f1_counts_a_carried_over_surplus_and_a_degree_bonus(tmt: date) -> None:
    entries = (
        CreditEntry("pak-1", Decimal("30"), CreditKind.DETERMINED),
        CreditEntry("carry", Decimal("7.5"), CreditKind.CARRIED_OVER),
        CreditEntry("s2", Decimal("12.5"), CreditKind.DEGREE_BONUS),
    )
    f1 = evaluate_kp_jf(candidate(tmt, credits=entries), tmt).outcome_of("F1")
    assert f1.outcome is Outcome.PASS and f1.evidence[-2:] == ("carry", "s2")


@ALL
def test_f0_fails_when_the_next_rank_is_beyond_the_level_and_at_the_top(tmt: date) -> None:
    beyond = evaluate_kp_jf(candidate(tmt, rank=Rank.III_B), tmt).outcome_of("F0")
    assert beyond.outcome is Outcome.FAIL and "level step must come first" in beyond.explanation
    assert beyond.evidence == ("rank-1", "pos-1")
    top = evaluate_kp_jf(candidate(tmt, level=L.AHLI_UTAMA, rank=Rank.IV_E), tmt).outcome_of("F0")
    assert top.outcome is Outcome.FAIL
    assert evaluate_kp_jf(candidate(tmt), tmt).outcome_of("F0").outcome is Outcome.PASS


@ALL
def test_f2_fails_with_the_failed_reguler_rule_explained(tmt: date) -> None:
    f2 = evaluate_kp_jf(candidate(tmt, reguler_outcomes=passing_reguler("R5")), tmt).outcome_of(
        "F2"
    )
    assert f2.outcome is Outcome.FAIL and "R5: text" in f2.explanation
    assert "ev-R5" in f2.evidence


@ALL
def test_f2_is_unknown_when_a_reguler_rule_is_absent_or_undecided(tmt: date) -> None:
    absent = passing_reguler()[:3]  # R6 and R7 not evaluated
    f2 = evaluate_kp_jf(candidate(tmt, reguler_outcomes=absent), tmt).outcome_of("F2")
    assert f2.outcome is Outcome.UNKNOWN and f2.missing == ("outcome of R6", "outcome of R7")
    undecided = passing_reguler(unknown="R2")
    f2 = evaluate_kp_jf(candidate(tmt, reguler_outcomes=undecided), tmt).outcome_of("F2")
    assert f2.outcome is Outcome.UNKNOWN and f2.missing == ("annual appraisal 2024",)
    # A failure decides even when another rule is undecided.
    mixed = passing_reguler("R4", unknown="R2")
    f2 = evaluate_kp_jf(candidate(tmt, reguler_outcomes=mixed), tmt).outcome_of("F2")
    assert f2.outcome is Outcome.FAIL


@ALL
def test_f3_needs_two_full_years_in_rank(tmt: date) -> None:
    exactly = evaluate_kp_jf(candidate(tmt), tmt).outcome_of("F3")
    assert exactly.outcome is Outcome.PASS and dict(exactly.inputs)["months in rank"] == "24"
    short = candidate(tmt, rank_tmt=date(tmt.year - 2, tmt.month, 2))
    f3 = evaluate_kp_jf(short, tmt).outcome_of("F3")
    assert f3.outcome is Outcome.FAIL and f3.evidence == ("rank-1",)
    assert "VERIFY" in f3.source


@CREDIT_ERA
def test_level_step_passes_with_credit_test_and_vacancy(tmt: date) -> None:
    ready = candidate(tmt, credits=credits("60", "40"))
    verdict = evaluate_level_step(ready, tmt)
    assert verdict.decision is Decision.ELIGIBLE
    assert [o.rule_id for o in verdict.outcomes] == ["J1", "J2", "J3"]
    assert verdict.outcome_of("J2").evidence == ("ujikom-1",)
    assert verdict.outcome_of("J3").evidence == ("formasi-1",)
    short = evaluate_level_step(candidate(tmt, credits=credits("60", "39.999")), tmt)
    assert short.outcome_of("J1").outcome is Outcome.FAIL


@ALL
def test_level_step_competency_test_and_vacancy_fail_or_stay_unknown(tmt: date) -> None:
    failed = candidate(tmt, credits=credits("100"), competency_test_passed=False,
                       vacancy_at_next_level=False)  # fmt: skip
    verdict = evaluate_level_step(failed, tmt)
    assert verdict.outcome_of("J2").outcome is Outcome.FAIL
    j3 = verdict.outcome_of("J3")
    assert j3.outcome is Outcome.FAIL and "only the rank may be raised" in j3.explanation
    unrecorded = candidate(tmt, credits=credits("100"), competency_test_passed=None,
                           competency_test_evidence=None, vacancy_at_next_level=None)  # fmt: skip
    verdict = evaluate_level_step(unrecorded, tmt)
    assert verdict.outcome_of("J2").missing == ("competency test result",)
    assert verdict.outcome_of("J3").outcome is Outcome.UNKNOWN
    assert verdict.decision is Decision.UNDETERMINED


def test_level_step_before_the_credit_tables_is_unknown_and_at_the_top_fails() -> None:
    early = evaluate_level_step(candidate(REGIMES["until-2022"], credits=credits("100")),
                                REGIMES["until-2022"])  # fmt: skip
    assert early.outcome_of("J1").outcome is Outcome.UNKNOWN
    assert early.outcome_of("J2").outcome is Outcome.PASS
    assert early.outcome_of("J3").evidence == ("formasi-1",)
    assert early.outcome_of("J3").outcome is Outcome.PASS
    tmt = REGIMES["from-oct-2025"]
    top = evaluate_level_step(candidate(tmt, level=L.AHLI_UTAMA, rank=Rank.IV_D), tmt)
    assert top.outcome_of("J1").outcome is Outcome.FAIL
    skilled = evaluate_level_step(candidate(tmt, level=L.TERAMPIL, rank=Rank.II_D), tmt)
    assert skilled.outcome_of("J1").outcome is Outcome.UNKNOWN


@CREDIT_ERA
def test_level_step_goes_first_and_the_rank_step_reuses_the_same_credit(tmt: date) -> None:
    # Ahli Muda III/d with 200 credit: the step to Ahli Madya needs 200; IV/a is only within
    # Ahli Madya, and the rank step from III/d (100) is judged on the same 200.
    same = credits("120", "80")
    muda = candidate(tmt, level=L.AHLI_MUDA, rank=Rank.III_D, credits=same)
    assert evaluate_level_step(muda, tmt).decision is Decision.ELIGIBLE
    assert evaluate_kp_jf(muda, tmt).outcome_of("F0").outcome is Outcome.FAIL
    madya = replace(muda, level=L.AHLI_MADYA, level_evidence="pos-2")
    verdict = evaluate_kp_jf(madya, tmt)
    assert verdict.decision is Decision.ELIGIBLE
    assert dict(verdict.outcome_of("F1").inputs)["required"] == "100"
