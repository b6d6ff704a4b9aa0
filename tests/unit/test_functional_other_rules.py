"""Structural KP pilihan (S1-S4) and penyesuaian ijazah (P0-P4), domain.md §7.4."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from domain.functional.other_rules import (
    IjazahCandidate,
    StructuralCandidate,
    evaluate_ijazah,
    evaluate_structural,
)
from domain.functional.verdict import Decision, Outcome
from domain.promotion.facts import AppraisalFact
from domain.values import EducationLevel, Predikat, Rank

REGIMES = {
    "until-2023": date(2023, 4, 1),
    "2024-to-sep-2025": date(2024, 6, 1),
    "from-oct-2025": date(2025, 11, 1),
}
ALL = pytest.mark.parametrize("tmt", list(REGIMES.values()), ids=list(REGIMES))


def good_years(tmt: date, *years_back: int) -> tuple[AppraisalFact, ...]:
    return tuple(
        AppraisalFact(tmt.year - back, Predikat.BAIK, f"skp-{tmt.year - back}")
        for back in years_back
    )


def structural(tmt: date, **changes: Any) -> StructuralCandidate:
    """A III/b pengawas in a III/c-lowest position for exactly a year, Baik for two years."""
    base = StructuralCandidate(
        nip="199001012015011001",
        rank=Rank.III_B,
        rank_tmt=date(tmt.year - 1, tmt.month, 1),
        rank_evidence="rank-1",
        position_lowest_rank=Rank.III_C,
        position_tmt=date(tmt.year - 1, tmt.month, 1),
        position_evidence="pos-1",
        appraisals=good_years(tmt, 1, 2),
    )
    return replace(base, **changes)


def ijazah(tmt: date, **changes: Any) -> IjazahCandidate:
    """A II/c servant with a new S1 (entry III/a) meeting every condition."""
    base = IjazahCandidate(
        nip="199001012015011001",
        rank=Rank.II_C,
        rank_tmt=date(tmt.year - 1, tmt.month, 1),
        rank_evidence="rank-1",
        diploma=EducationLevel.S1,
        diploma_evidence="edu-1",
        duties_match=True,
        duties_evidence="uraian-tugas-1",
        appraisals=good_years(tmt, 1),
        ukppi_passed=True,
        ukppi_evidence="ukppi-1",
    )
    return replace(base, **changes)


@ALL
def test_structural_promotion_passes_every_rule_with_evidence(tmt: date) -> None:
    verdict = evaluate_structural(structural(tmt), tmt)
    assert verdict.decision is Decision.ELIGIBLE
    assert [o.rule_id for o in verdict.outcomes] == ["S1", "S2", "S3", "S4"]
    assert verdict.outcome_of("S1").evidence == ("rank-1", "pos-1")
    assert verdict.outcome_of("S3").evidence == ("pos-1",)
    assert verdict.outcome_of("S4").evidence == (f"skp-{tmt.year - 1}", f"skp-{tmt.year - 2}")
    assert verdict.rule_set_version == "KP-PILIHAN-2002.1"


@ALL
def test_structural_fails_rule_by_rule(tmt: date) -> None:
    assert evaluate_structural(structural(tmt, rank=Rank.III_C), tmt).outcome_of("S1").outcome is (
        Outcome.FAIL
    )
    a_day_short = date(tmt.year - 1, tmt.month, 2)
    s2 = evaluate_structural(structural(tmt, rank_tmt=a_day_short), tmt).outcome_of("S2")
    assert s2.outcome is Outcome.FAIL and "11 months" in s2.explanation
    s3 = evaluate_structural(structural(tmt, position_tmt=a_day_short), tmt).outcome_of("S3")
    assert s3.outcome is Outcome.FAIL
    weak = (AppraisalFact(tmt.year - 1, Predikat.BUTUH_PERBAIKAN, "skp-weak"),
            *good_years(tmt, 2))  # fmt: skip
    s4 = evaluate_structural(structural(tmt, appraisals=weak), tmt).outcome_of("S4")
    assert s4.outcome is Outcome.FAIL and "skp-weak" in s4.evidence


@ALL
def test_structural_missing_appraisal_is_unknown_and_names_the_year(tmt: date) -> None:
    verdict = evaluate_structural(structural(tmt, appraisals=good_years(tmt, 1)), tmt)
    s4 = verdict.outcome_of("S4")
    assert s4.outcome is Outcome.UNKNOWN and s4.missing == (f"annual appraisal {tmt.year - 2}",)
    assert verdict.decision is Decision.UNDETERMINED


@ALL
def test_ijazah_promotion_passes_every_rule_with_evidence(tmt: date) -> None:
    verdict = evaluate_ijazah(ijazah(tmt), tmt)
    assert verdict.decision is Decision.ELIGIBLE
    assert [o.rule_id for o in verdict.outcomes] == ["P0", "P1", "P2", "P3", "P4"]
    assert verdict.outcome_of("P0").evidence == ("rank-1", "edu-1")
    assert verdict.outcome_of("P2").evidence == ("uraian-tugas-1",)
    assert verdict.outcome_of("P3").evidence == (f"skp-{tmt.year - 1}",)
    assert verdict.outcome_of("P4").evidence == ("ukppi-1",)


@ALL
def test_ijazah_fails_rule_by_rule(tmt: date) -> None:
    p0 = evaluate_ijazah(ijazah(tmt, rank=Rank.III_A), tmt).outcome_of("P0")
    assert p0.outcome is Outcome.FAIL and "not above" in p0.explanation
    p1 = evaluate_ijazah(ijazah(tmt, rank_tmt=date(tmt.year - 1, tmt.month, 2)), tmt)
    assert p1.outcome_of("P1").outcome is Outcome.FAIL
    assert evaluate_ijazah(ijazah(tmt, duties_match=False), tmt).outcome_of("P2").outcome is (
        Outcome.FAIL
    )
    weak = (AppraisalFact(tmt.year - 1, Predikat.KURANG, "skp-k"),)
    assert evaluate_ijazah(ijazah(tmt, appraisals=weak), tmt).outcome_of("P3").outcome is (
        Outcome.FAIL
    )
    p4 = evaluate_ijazah(ijazah(tmt, ukppi_passed=False), tmt)
    assert p4.outcome_of("P4").outcome is Outcome.FAIL and p4.decision is Decision.NOT_ELIGIBLE


@ALL
def test_ijazah_unrecorded_exam_duties_or_appraisal_is_unknown(tmt: date) -> None:
    verdict = evaluate_ijazah(
        ijazah(tmt, ukppi_passed=None, ukppi_evidence=None, duties_match=None, appraisals=()), tmt
    )
    assert verdict.decision is Decision.UNDETERMINED
    assert verdict.missing == (
        "duties match the diploma", f"annual appraisal {tmt.year - 1}", "UKPPI passed",
    )  # fmt: skip


def test_a_later_appraisal_of_the_same_year_supersedes_the_earlier_one() -> None:
    tmt = REGIMES["from-oct-2025"]
    corrected = (AppraisalFact(2024, Predikat.BUTUH_PERBAIKAN, "skp-1"),
                 AppraisalFact(2024, Predikat.BAIK, "skp-2"))  # fmt: skip
    p3 = evaluate_ijazah(ijazah(tmt, appraisals=corrected), tmt).outcome_of("P3")
    assert p3.outcome is Outcome.PASS and p3.evidence == ("skp-2",)
