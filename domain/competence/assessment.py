"""Competency assessment results (CompetencyAssessed) and the attained level at a date (§6.1)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.competence import errors
from domain.competence.dictionary import CompetencyDictionary, check_some_levels
from domain.notes import noted


@noted(
    "How a competency assessment was made.",
    ASSESSMENT_CENTRE="An assessment centre with several tools and assessors.",
    UJI_KOMPETENSI="A competency test (uji kompetensi).",
    OTHER="Any other recognised assessment method.",
)
class AssessmentMethod(Enum):
    """How the levels were measured (PerBKN 26/2019 names the assessor bodies) [REG S24]."""

    ASSESSMENT_CENTRE = "ASSESSMENT_CENTRE"
    UJI_KOMPETENSI = "UJI_KOMPETENSI"
    OTHER = "OTHER"


@dataclass(frozen=True)
class CompetencyAssessment:
    """Attained level per competency; ``assessment_id`` is the evidence (event id)."""

    assessment_id: str
    assessed_on: date
    method: AssessmentMethod
    assessor_body: str
    levels: tuple[tuple[str, int], ...]
    document_hash: str = ""


@dataclass(frozen=True)
class AttainedLevel:
    competency: str
    level: int
    assessed_on: date
    assessment_id: str


def validate_assessment(
    assessment: CompetencyAssessment, dictionary: CompetencyDictionary
) -> CompetencyAssessment:
    """Reject an assessment without levels, of an unknown competency or with a level not 1-5."""
    check_some_levels(
        assessment.levels, dictionary, errors.EMPTY_ASSESSMENT,
        f"Assessment {assessment.assessment_id} records no competency level.", "levels")
    return assessment


def attained_levels(
    assessments: Iterable[CompetencyAssessment], as_of: date
) -> dict[str, AttainedLevel]:
    """The latest attained level per competency among assessments made on or before ``as_of``.

    Assessments may be partial (a uji kompetensi of two competencies after a full assessment
    centre), so the latest level is taken per competency, not per assessment. Of two on the
    same day, the one given later wins (log order is recording order).
    """
    latest: dict[str, AttainedLevel] = {}
    for assessment in assessments:
        if assessment.assessed_on > as_of:
            continue
        for code, level in assessment.levels:
            known = latest.get(code)
            if known is None or assessment.assessed_on >= known.assessed_on:
                latest[code] = AttainedLevel(
                    code, level, assessment.assessed_on, assessment.assessment_id
                )
    return latest
