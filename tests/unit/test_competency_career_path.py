"""Gaps between a servant and a target position's standard (domain.md §6.4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.competence.assessment import AssessmentMethod, CompetencyAssessment
from domain.competence.career_path import (
    EducationRecord,
    Qualifications,
    career_gaps,
    requirement_checks,
)
from domain.competence.jpm import analyse_gap
from domain.competence.standards import LegalBasis, PositionRequirements, PositionStandard
from domain.functional.verdict import Outcome
from domain.values import EducationLevel, Rank

REQUIREMENTS = PositionRequirements(
    min_rank=Rank.III_D,
    min_education=EducationLevel.S1,
    education_fields=("Ilmu Administrasi Negara", "Ilmu Pemerintahan"),
    trainings=frozenset({"PKP"}),
    min_experience_months=36,
)
STANDARD = PositionStandard(
    "std-kasubbag", "KASUBBAG-UMUM", date(2020, 1, 1), None,
    LegalBasis("1/2020", date(2020, 1, 1), "Bupati"),
    (("INTEGRITAS", 2), ("PENGAMBILAN_KEPUTUSAN", 2), ("PEREKAT_BANGSA", 2)), REQUIREMENTS,
)  # fmt: skip
READY = Qualifications(
    rank=Rank.III_D,
    rank_evidence="rank-1",
    education=(EducationRecord(EducationLevel.S1, "ilmu pemerintahan", "edu-1"),),
    trainings=(("DIKLATPIM_IV", "tr-dpim"),),
    experience_months=36,
    experience_evidence=("pos-1", "pos-2"),
)


def by_requirement(servant: Qualifications) -> dict[str, tuple[Outcome, str]]:
    return {
        c.requirement: (c.outcome, c.to_close) for c in requirement_checks(REQUIREMENTS, servant)
    }


def test_a_servant_meeting_every_requirement_passes_with_evidence() -> None:
    checks = requirement_checks(REQUIREMENTS, READY)
    assert {c.requirement: c.outcome for c in checks} == {
        "RANK": Outcome.PASS, "EDUCATION": Outcome.PASS, "EDUCATION_FIELD": Outcome.PASS,
        "TRAINING": Outcome.PASS, "EXPERIENCE": Outcome.PASS,
    }  # fmt: skip
    training = next(c for c in checks if c.requirement == "TRAINING")
    assert training.actual == "DIKLATPIM_IV" and training.evidence == ("tr-dpim",)
    assert next(c for c in checks if c.requirement == "EXPERIENCE").evidence == ("pos-1", "pos-2")


def test_each_unmet_requirement_says_what_would_close_it() -> None:
    behind = Qualifications(
        rank=Rank.III_B,
        rank_evidence="rank-1",
        education=(EducationRecord(EducationLevel.D3, "Akuntansi", "edu-1"),),
        trainings=(("LATSAR_CPNS", "tr-1"),),
        experience_months=30,
    )
    assert by_requirement(behind) == {
        "RANK": (Outcome.FAIL, "2 rank steps to III/d"),
        "EDUCATION": (Outcome.FAIL, "obtain S1 or higher"),
        "EDUCATION_FIELD": (
            Outcome.FAIL, "a degree in Ilmu Administrasi Negara, Ilmu Pemerintahan",
        ),
        "TRAINING": (Outcome.FAIL, "complete PKP"),
        "EXPERIENCE": (Outcome.FAIL, "6 more months"),
    }  # fmt: skip
    one_step = by_requirement(replace(behind, rank=Rank.III_C))
    assert one_step["RANK"] == (Outcome.FAIL, "1 rank step to III/d")


def test_unrecorded_facts_are_unknown_not_failed() -> None:
    outcomes = {req: outcome for req, (outcome, _) in by_requirement(Qualifications()).items()}
    assert outcomes == {
        "RANK": Outcome.UNKNOWN, "EDUCATION": Outcome.UNKNOWN, "EDUCATION_FIELD": Outcome.UNKNOWN,
        "TRAINING": Outcome.FAIL, "EXPERIENCE": Outcome.UNKNOWN,
    }  # fmt: skip


def test_career_gaps_add_competency_shortfalls_and_unassessed_competencies() -> None:
    assessment = CompetencyAssessment(
        "as-1", date(2024, 3, 1), AssessmentMethod.ASSESSMENT_CENTRE, "BKD",
        (("INTEGRITAS", 3), ("PENGAMBILAN_KEPUTUSAN", 1)),
    )  # fmt: skip
    gaps = career_gaps(STANDARD, READY, analyse_gap(STANDARD, [assessment], date(2024, 6, 1)))
    assert [(s.competency, s.to_close) for s in gaps.competencies] == [
        ("PENGAMBILAN_KEPUTUSAN", "raise from level 1 to 2"),
        ("PEREKAT_BANGSA", "assess it"),
    ]
    assert not gaps.all_met
    met = CompetencyAssessment(
        "as-2", date(2024, 4, 1), AssessmentMethod.UJI_KOMPETENSI, "BKD",
        (("PENGAMBILAN_KEPUTUSAN", 2), ("PEREKAT_BANGSA", 2)),
    )  # fmt: skip
    analysis = analyse_gap(STANDARD, [assessment, met], date(2024, 6, 1))
    assert career_gaps(STANDARD, READY, analysis).all_met
