"""KP reguler rules R0–R8 (domain.md §7.2) in each period regime of §7.1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from domain.discipline import DisciplineLevel, PenaltyType, add_months
from domain.promotion import (
    AppraisalFact,
    EducationFact,
    Eligibility,
    PenaltyFact,
    PositionFact,
    PromotionFacts,
    RuleOutcome,
    earliest_eligible_date,
    evaluate_reguler,
)
from domain.promotion.facts import InvestigationFact
from domain.values import (
    EducationLevel,
    PositionKind,
    PositionLevel,
    Predikat,
    Rank,
    ServantStatus,
)

NIP = "198503152010011001"

# One legal candidate TMT in each period-date regime.
REGIMES = {
    "until-2023": date(2023, 4, 1),
    "2024-to-sep-2025": date(2024, 6, 1),
    "from-oct-2025": date(2025, 11, 1),
}
ALL_REGIMES = pytest.mark.parametrize("tmt", list(REGIMES.values()), ids=list(REGIMES))
# R8 applies only to TMTs before 2025-05-20, i.e. in the first two regimes.
R8_REGIMES = pytest.mark.parametrize(
    "tmt", [REGIMES["until-2023"], REGIMES["2024-to-sep-2025"]], ids=list(REGIMES)[:2]
)


def eid(version: int) -> str:
    return f"{NIP}:{version}"


def facts_passing_at(tmt: date, **changes: Any) -> PromotionFacts:
    """A III/a pelaksana who meets every rule at ``tmt`` with exactly four years in rank."""
    facts = PromotionFacts(
        nip=NIP,
        status=ServantStatus.PNS,
        status_event_id=eid(2),
        cpns_tmt=date(2010, 1, 1),
        rank=Rank.III_A,
        rank_tmt=add_months(tmt, -48),
        rank_event_id=eid(10),
        appraisals=(
            AppraisalFact(tmt.year - 2, Predikat.BAIK, eid(20)),
            AppraisalFact(tmt.year - 1, Predikat.SANGAT_BAIK, eid(21)),
        ),
        education=(EducationFact(EducationLevel.S1, date(2009, 6, 1), eid(1)),),
        position=PositionFact(
            PositionLevel.PELAKSANA,
            PositionKind.PELAKSANA,
            None,
            date(2012, 1, 1),
            Rank.III_D,
            eid(30),
        ),
    )
    return replace(facts, **changes)


def outcome(result: Eligibility, rule_id: str) -> RuleOutcome:
    return next(o for o in result.outcomes if o.rule_id == rule_id)


def sedang(start: date, end: date, version: int, annulled_on: date | None = None) -> PenaltyFact:
    return PenaltyFact(
        DisciplineLevel.SEDANG,
        PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
        start,
        end,
        annulled_on,
        eid(version),
        eid(version + 1) if annulled_on else None,
    )


@ALL_REGIMES
def test_servant_meeting_every_rule_is_eligible(tmt: date) -> None:
    result = evaluate_reguler(facts_passing_at(tmt), tmt)
    assert result.eligible
    assert result.failed_rule_ids == ()
    assert result.next_rank is Rank.III_B
    assert all(o.explanation.startswith(f"{o.rule_id}: ") for o in result.outcomes)


def test_regime_and_rule_set_version_follow_the_candidate_tmt() -> None:
    versions = {
        tmt: (
            evaluate_reguler(facts_passing_at(tmt), tmt).period_regime_id,
            evaluate_reguler(facts_passing_at(tmt), tmt).rule_set_version,
        )
        for tmt in (date(2023, 4, 1), date(2025, 4, 1), date(2025, 6, 1), date(2025, 11, 1))
    }
    assert versions == {
        date(2023, 4, 1): ("PERIOD-2002", "KP-REGULER-2002.1"),
        date(2025, 4, 1): ("PERIOD-2024", "KP-REGULER-2024.1"),
        date(2025, 6, 1): ("PERIOD-2024", "KP-REGULER-2025.1"),
        date(2025, 11, 1): ("PERIOD-2025", "KP-REGULER-2025.2"),
    }


def test_r0_fails_at_iv_e_because_there_is_no_next_rank() -> None:
    tmt = REGIMES["from-oct-2025"]
    facts = facts_passing_at(tmt, rank=Rank.IV_E)
    result = evaluate_reguler(facts, tmt)
    assert not result.eligible
    assert result.next_rank is None
    r0 = outcome(result, "R0")
    assert not r0.passed
    assert "IV/e" in r0.explanation and "highest rank" in r0.explanation
    assert r0.evidence == (eid(10),)
    assert not outcome(result, "R3").passed


@ALL_REGIMES
def test_r1_passes_with_exactly_four_years_in_rank(tmt: date) -> None:
    r1 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R1")
    assert r1.passed
    assert "4 years 0 months" in r1.explanation
    assert r1.evidence == (eid(10),)


@ALL_REGIMES
def test_r1_fails_with_three_years_in_rank(tmt: date) -> None:
    facts = facts_passing_at(tmt, rank_tmt=add_months(tmt, -36))
    result = evaluate_reguler(facts, tmt)
    r1 = outcome(result, "R1")
    assert not r1.passed
    assert "3 years 0 months" in r1.explanation
    assert f"4 years on {add_months(tmt, 12)}" in r1.explanation
    assert r1.evidence == (eid(10),)
    assert result.failed_rule_ids == ("R1",)


@ALL_REGIMES
def test_r2_passes_with_baik_and_sangat_baik_in_the_two_previous_years(tmt: date) -> None:
    r2 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R2")
    assert r2.passed
    assert f"{tmt.year - 1} Sangat Baik, {tmt.year - 2} Baik" in r2.explanation
    assert r2.evidence == (eid(21), eid(20))


@ALL_REGIMES
def test_r2_fails_with_butuh_perbaikan_last_year(tmt: date) -> None:
    appraisals = (
        AppraisalFact(tmt.year - 2, Predikat.BAIK, eid(20)),
        AppraisalFact(tmt.year - 1, Predikat.BUTUH_PERBAIKAN, eid(21)),
    )
    result = evaluate_reguler(facts_passing_at(tmt, appraisals=appraisals), tmt)
    r2 = outcome(result, "R2")
    assert not r2.passed
    assert f"{tmt.year - 1} Butuh Perbaikan" in r2.explanation
    assert r2.evidence == (eid(21), eid(20))
    assert result.failed_rule_ids == ("R2",)


@ALL_REGIMES
def test_r2_fails_when_an_appraisal_year_is_missing(tmt: date) -> None:
    appraisals = (AppraisalFact(tmt.year - 1, Predikat.BAIK, eid(21)),)
    r2 = outcome(evaluate_reguler(facts_passing_at(tmt, appraisals=appraisals), tmt), "R2")
    assert not r2.passed
    assert f"{tmt.year - 2} not recorded" in r2.explanation
    assert r2.evidence == (eid(21),)


def test_r2_latest_recorded_appraisal_of_a_year_wins() -> None:
    tmt = REGIMES["2024-to-sep-2025"]
    appraisals = (
        AppraisalFact(2022, Predikat.BAIK, eid(20)),
        AppraisalFact(2023, Predikat.KURANG, eid(21)),
        AppraisalFact(2023, Predikat.BAIK, eid(22)),
    )
    r2 = outcome(evaluate_reguler(facts_passing_at(tmt, appraisals=appraisals), tmt), "R2")
    assert r2.passed
    assert r2.evidence == (eid(22), eid(20))


@ALL_REGIMES
def test_r3_passes_when_next_rank_is_within_the_ijazah_cap(tmt: date) -> None:
    r3 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R3")
    assert r3.passed
    assert "III/b is within the cap III/d" in r3.explanation
    assert r3.evidence == (eid(10), eid(1))


@ALL_REGIMES
def test_r3_fails_when_next_rank_exceeds_the_d3_cap(tmt: date) -> None:
    education = (EducationFact(EducationLevel.D3, date(2009, 6, 1), eid(1)),)
    facts = facts_passing_at(tmt, rank=Rank.III_C, education=education)
    result = evaluate_reguler(facts, tmt)
    r3 = outcome(result, "R3")
    assert not r3.passed
    assert "III/d exceeds the cap III/c" in r3.explanation
    assert r3.evidence == (eid(10), eid(1))
    assert result.failed_rule_ids == ("R3",)


def test_r3_uses_the_highest_ijazah_recognised_by_the_candidate_tmt() -> None:
    tmt = REGIMES["from-oct-2025"]
    d3 = EducationFact(EducationLevel.D3, date(2009, 6, 1), eid(1))
    facts = facts_passing_at(tmt, rank=Rank.III_C)
    late_s1 = replace(facts, education=(d3, EducationFact(EducationLevel.S1, tmt, eid(40))))
    later_s1 = replace(
        facts, education=(d3, EducationFact(EducationLevel.S1, date(2026, 1, 5), eid(40)))
    )
    assert outcome(evaluate_reguler(late_s1, tmt), "R3").evidence == (eid(10), eid(40))
    assert outcome(evaluate_reguler(late_s1, tmt), "R3").passed
    assert not outcome(evaluate_reguler(later_s1, tmt), "R3").passed


@ALL_REGIMES
def test_r4_passes_on_a_period_date(tmt: date) -> None:
    r4 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R4")
    assert r4.passed
    assert r4.evidence == ()


@pytest.mark.parametrize(
    ("tmt", "regime_id", "next_date"),
    [
        (date(2023, 6, 1), "PERIOD-2002", date(2023, 10, 1)),
        (date(2024, 5, 1), "PERIOD-2024", date(2024, 6, 1)),
        (date(2025, 11, 15), "PERIOD-2025", date(2025, 12, 1)),
    ],
    ids=list(REGIMES),
)
def test_r4_fails_off_the_regimes_period_dates(tmt: date, regime_id: str, next_date: date) -> None:
    result = evaluate_reguler(facts_passing_at(tmt), tmt)
    r4 = outcome(result, "R4")
    assert not r4.passed
    assert result.period_regime_id == regime_id
    assert regime_id in r4.explanation and str(next_date) in r4.explanation
    assert result.failed_rule_ids == ("R4",)


def test_r4_june_is_a_period_date_only_from_2024() -> None:
    assert not outcome(
        evaluate_reguler(facts_passing_at(date(2023, 6, 1)), date(2023, 6, 1)), "R4"
    ).passed
    assert outcome(
        evaluate_reguler(facts_passing_at(date(2024, 6, 1)), date(2024, 6, 1)), "R4"
    ).passed


@ALL_REGIMES
def test_r5_passes_once_a_sedang_penalty_has_ended(tmt: date) -> None:
    penalty = sedang(add_months(tmt, -14), add_months(tmt, -2), 50)
    r5 = outcome(evaluate_reguler(facts_passing_at(tmt, penalties=(penalty,)), tmt), "R5")
    assert r5.passed
    assert f"ended {add_months(tmt, -2)}" in r5.explanation
    assert r5.evidence == (eid(50),)


@ALL_REGIMES
def test_r5_fails_while_a_sedang_penalty_runs(tmt: date) -> None:
    penalty = sedang(add_months(tmt, -3), add_months(tmt, 3), 50)
    result = evaluate_reguler(facts_passing_at(tmt, penalties=(penalty,)), tmt)
    r5 = outcome(result, "R5")
    assert not r5.passed
    assert "POTONGAN_TUNJANGAN_KINERJA" in r5.explanation
    assert r5.evidence == (eid(50),)
    assert result.failed_rule_ids == ("R5",)


@ALL_REGIMES
def test_r5_ignores_a_penalty_annulled_before_the_tmt(tmt: date) -> None:
    penalty = sedang(add_months(tmt, -3), add_months(tmt, 3), 50, annulled_on=add_months(tmt, -1))
    r5 = outcome(evaluate_reguler(facts_passing_at(tmt, penalties=(penalty,)), tmt), "R5")
    assert r5.passed
    assert "annulled" in r5.explanation
    assert r5.evidence == (eid(50), eid(51))


def test_r5_still_blocks_a_tmt_before_the_annulment() -> None:
    tmt = REGIMES["from-oct-2025"]
    penalty = sedang(add_months(tmt, -3), add_months(tmt, 3), 50, annulled_on=add_months(tmt, 1))
    assert not outcome(
        evaluate_reguler(facts_passing_at(tmt, penalties=(penalty,)), tmt), "R5"
    ).passed


def test_r5_ignores_a_running_ringan_penalty() -> None:
    tmt = REGIMES["from-oct-2025"]
    ringan = PenaltyFact(
        DisciplineLevel.RINGAN,
        PenaltyType.TEGURAN_TERTULIS,
        add_months(tmt, -1),
        None,
        None,
        eid(50),
    )
    assert evaluate_reguler(facts_passing_at(tmt, penalties=(ringan,)), tmt).eligible


@ALL_REGIMES
def test_r6_passes_without_open_investigations(tmt: date) -> None:
    r6 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R6")
    assert r6.passed
    assert r6.evidence == ()


@ALL_REGIMES
def test_r6_fails_with_an_open_investigation(tmt: date) -> None:
    opened = InvestigationFact(add_months(tmt, -1), None, eid(60), None)
    result = evaluate_reguler(facts_passing_at(tmt, open_investigations=(opened,)), tmt)
    r6 = outcome(result, "R6")
    assert not r6.passed
    assert r6.evidence == (eid(60),)
    assert result.failed_rule_ids == ("R6",)


@ALL_REGIMES
def test_r7_passes_for_an_active_pns_before_retirement(tmt: date) -> None:
    facts = facts_passing_at(tmt, retirement_tmt=add_months(tmt, 1), retirement_event_id=eid(70))
    r7 = outcome(evaluate_reguler(facts, tmt), "R7")
    assert r7.passed
    assert r7.evidence == (eid(2), eid(70))


@ALL_REGIMES
def test_r7_fails_for_a_retired_servant(tmt: date) -> None:
    facts = facts_passing_at(
        tmt,
        status=ServantStatus.RETIRED,
        status_event_id=eid(70),
        retirement_tmt=add_months(tmt, -1),
        retirement_event_id=eid(70),
    )
    r7 = outcome(evaluate_reguler(facts, tmt), "R7")
    assert not r7.passed
    assert "RETIRED" in r7.explanation
    assert r7.evidence == (eid(70), eid(70))


@ALL_REGIMES
def test_r7_fails_when_the_tmt_is_on_the_retirement_tmt(tmt: date) -> None:
    facts = facts_passing_at(tmt, retirement_tmt=tmt, retirement_event_id=eid(70))
    result = evaluate_reguler(facts, tmt)
    r7 = outcome(result, "R7")
    assert not r7.passed
    assert f"retirement TMT {tmt}" in r7.explanation
    assert r7.evidence == (eid(2), eid(70))
    assert result.failed_rule_ids == ("R7",)


def test_r7_fails_for_a_cpns() -> None:
    tmt = REGIMES["from-oct-2025"]
    facts = facts_passing_at(tmt, status=ServantStatus.CPNS)
    assert evaluate_reguler(facts, tmt).failed_rule_ids == ("R7",)


@R8_REGIMES
def test_r8_passes_when_the_supervisor_outranks_the_next_rank(tmt: date) -> None:
    r8 = outcome(evaluate_reguler(facts_passing_at(tmt), tmt), "R8")
    assert r8.passed
    assert "supervisor's rank III/d" in r8.explanation
    assert r8.evidence == (eid(10), eid(30))


@R8_REGIMES
def test_r8_fails_when_the_next_rank_exceeds_the_supervisors(tmt: date) -> None:
    facts = facts_passing_at(tmt)
    assert facts.position is not None
    facts = replace(facts, position=replace(facts.position, supervisor_rank=Rank.III_A))
    result = evaluate_reguler(facts, tmt)
    r8 = outcome(result, "R8")
    assert not r8.passed
    assert "III/b exceeds the direct supervisor's rank III/a" in r8.explanation
    assert r8.evidence == (eid(10), eid(30))
    assert result.failed_rule_ids == ("R8",)


@R8_REGIMES
def test_r8_fails_when_the_supervisors_rank_is_unknown(tmt: date) -> None:
    r8 = outcome(evaluate_reguler(facts_passing_at(tmt, position=None), tmt), "R8")
    assert not r8.passed
    assert "not recorded" in r8.explanation
    assert r8.evidence == (eid(10),)


@pytest.mark.parametrize(
    ("tmt", "present"),
    [
        (date(2023, 4, 1), True),
        (date(2025, 4, 1), True),
        (date(2025, 5, 19), True),
        (date(2025, 5, 20), False),
        (date(2025, 6, 1), False),
        (date(2025, 11, 1), False),
    ],
)
def test_r8_is_in_force_only_before_2025_05_20(tmt: date, present: bool) -> None:
    facts = facts_passing_at(tmt, position=None)
    rule_ids = [o.rule_id for o in evaluate_reguler(facts, tmt).outcomes]
    assert ("R8" in rule_ids) is present
    assert rule_ids[:8] == ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7"]


def test_unknown_supervisor_no_longer_matters_after_r8_is_revoked() -> None:
    tmt = date(2025, 6, 1)
    assert evaluate_reguler(facts_passing_at(tmt, position=None), tmt).eligible


def three_years_of_baik(*years: int) -> tuple[AppraisalFact, ...]:
    return tuple(AppraisalFact(y, Predikat.BAIK, eid(y)) for y in years)


def test_earliest_eligible_date_in_the_two_period_regime() -> None:
    facts = facts_passing_at(
        date(2023, 10, 1), rank_tmt=date(2019, 10, 1), appraisals=three_years_of_baik(2021, 2022)
    )
    assert earliest_eligible_date(facts, date(2023, 1, 1)) == date(2023, 10, 1)


def test_earliest_eligible_date_crosses_into_the_2024_regime() -> None:
    # Four years fall on 2023-11-01: no period date is left in 2023, and 2024 allows February.
    facts = facts_passing_at(
        date(2024, 2, 1),
        rank_tmt=date(2019, 11, 1),
        appraisals=three_years_of_baik(2021, 2022, 2023),
    )
    assert earliest_eligible_date(facts, date(2023, 1, 1)) == date(2024, 2, 1)


def test_earliest_eligible_date_crosses_into_the_monthly_regime() -> None:
    # Under PERIOD-2024 the next date after 2025-10-15 would be 2025-12-01; monthly gives Nov.
    facts = facts_passing_at(
        date(2025, 11, 1), rank_tmt=date(2021, 10, 15), appraisals=three_years_of_baik(2023, 2024)
    )
    assert earliest_eligible_date(facts, date(2025, 1, 1)) == date(2025, 11, 1)


def test_earliest_eligible_date_waits_for_a_sedang_penalty_across_regimes() -> None:
    penalty = sedang(date(2023, 3, 10), date(2024, 3, 10), 50)
    facts = facts_passing_at(
        date(2023, 4, 1),
        rank_tmt=date(2019, 4, 1),
        penalties=(penalty,),
        appraisals=three_years_of_baik(2021, 2022, 2023),
    )
    assert earliest_eligible_date(facts, date(2023, 1, 1)) == date(2024, 4, 1)


def test_earliest_eligible_date_waits_for_r8_to_be_revoked() -> None:
    facts = facts_passing_at(
        date(2024, 6, 1),
        rank_tmt=date(2020, 6, 1),
        appraisals=three_years_of_baik(2022, 2023, 2024),
    )
    assert facts.position is not None
    facts = replace(facts, position=replace(facts.position, supervisor_rank=Rank.III_A))
    assert earliest_eligible_date(facts, date(2024, 1, 1)) == date(2025, 6, 1)


def test_earliest_eligible_date_starts_from_the_given_date() -> None:
    facts = facts_passing_at(
        date(2024, 4, 1), rank_tmt=date(2019, 4, 1), appraisals=three_years_of_baik(2022, 2023)
    )
    assert earliest_eligible_date(facts, date(2024, 3, 15)) == date(2024, 4, 1)


def test_earliest_eligible_date_is_none_when_future_appraisals_are_not_recorded() -> None:
    facts = facts_passing_at(
        date(2025, 2, 1), rank_tmt=date(2021, 2, 1), appraisals=three_years_of_baik(2022, 2023)
    )
    assert earliest_eligible_date(facts, date(2025, 1, 1)) is None


def test_earliest_eligible_date_is_none_beyond_the_horizon() -> None:
    facts = facts_passing_at(date(2027, 4, 1))
    assert earliest_eligible_date(facts, date(2025, 1, 1), horizon_years=1) is None
    assert earliest_eligible_date(facts, date(2025, 1, 1), horizon_years=3) == date(2027, 4, 1)


def test_earliest_eligible_date_is_none_at_iv_e_or_after_retirement() -> None:
    tmt = date(2025, 11, 1)
    assert earliest_eligible_date(facts_passing_at(tmt, rank=Rank.IV_E), tmt) is None
    retiring = facts_passing_at(tmt, retirement_tmt=tmt, retirement_event_id=eid(70))
    assert earliest_eligible_date(retiring, date(2025, 1, 1)) is None
