"""Performance and development: appraisals, learning, education, competency and talent records
(domain.md §3.5-§3.8, §6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from domain.competence.assessment import AssessmentMethod
from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.events.base import STORED_AS, CareerEvent
from domain.notes import Note
from domain.values import (
    EducationLevel,
    FunctionalLevel,
    LeadershipProgram,
    Predikat,
    Rating,
    TrainingKind,
)

__all__ = [
    "AppraisalRecorded", "CompetencyAssessed", "CreditScoreDetermined", "EducationCompleted",
    "PotentialAssessed", "TalentMapped", "TrainingCompleted", "TrainingEvaluated",
]


class AppraisalRecorded(CareerEvent):
    TOPIC = STORED_AS + "AppraisalRecorded"
    year: int
    work_result: Rating
    work_behaviour: Rating
    predikat: Predikat
    appraiser_nip: str
    appraiser_name: str


class TrainingCompleted(CareerEvent):
    TOPIC = STORED_AS + "TrainingCompleted"
    kind: TrainingKind
    program: LeadershipProgram | None
    name: str
    organiser: str
    hours: int
    start_date: date
    end_date: date
    certificate_number: str | None
    # What the training develops: competency codes (or KINERJA), comma-separated. Events stored
    # before the field existed read the class default, so they address nothing.
    addresses: str | None = None


class EducationCompleted(CareerEvent):
    TOPIC = STORED_AS + "EducationCompleted"
    level: EducationLevel
    institution: str
    major: str | None
    graduation_date: date
    diploma_number: str | None


class CompetencyAssessed(CareerEvent):
    """Attained level per competency (§6.1); the TMT is the day of the assessment."""

    TOPIC = STORED_AS + "CompetencyAssessed"
    levels: dict[str, Any]  # competency code -> attained level 1-5
    method: AssessmentMethod
    assessor_body: str
    # Settled at admission: "<code>=<definition id>,..." for the agency technical competencies
    # assessed (domain.competence.agency_dictionary); empty for national ones only.
    technical_definitions: Annotated[str, Note(
        "Settled when recorded: the agency technical competency definitions the assessment was "
        "checked against, as <code>=<definition id> pairs separated by commas; empty when only "
        "national competencies were assessed.")]
    # Settled at admission: the standard in force for the position held on the TMT, as
    # "<standard id>;<code>=<level>,..." (domain.competence.records); empty when none was.
    standard_relied_on: Annotated[str, Note(
        "Settled when recorded: the competency standard in force for the position held on the "
        "assessment day, as <standard id>;<code>=<required level> pairs separated by commas; "
        "empty when no standard was in force.")]


class TrainingEvaluated(CareerEvent):
    """Kirkpatrick scores of one recorded training (§6.2); the TMT is the evaluation day."""

    TOPIC = STORED_AS + "TrainingEvaluated"
    training_version: int
    evaluator: str
    reaction: int | None
    learning: int | None
    behaviour: int | None
    result: int | None


class CreditScoreDetermined(CareerEvent):
    """A PAK (penetapan angka kredit): credit determined for a period of a functional post."""

    TOPIC = STORED_AS + "CreditScoreDetermined"
    period_start: Annotated[date, Note("First day of the period the credit is determined for.")]
    period_end: Annotated[date, Note("Last day of the period the credit is determined for.")]
    credit_score: Annotated[Decimal, Note(
        "The credit (angka kredit) the PAK determines, to three decimals.")]
    functional_level: Annotated[FunctionalLevel | None, Note(
        "The JF level held on the TMT (settled from the record).")]


class PotentialAssessed(CareerEvent):
    """A potential assessment (§6.3): the category, the assessor body and its method."""

    TOPIC = STORED_AS + "PotentialAssessed"
    potential: Annotated[PotentialAxis, Note("The potential category: HIGH, MEDIUM or LOW.")]
    assessor_body: Annotated[str, Note("The body that assessed (lembaga penilaian kompetensi).")]
    instrument: Annotated[str, Note("The instrument or method, e.g. ASSESSMENT_CENTER.")]


class TalentMapped(CareerEvent):
    """A nine-box mapping (§6.3): the box, both axes, their inputs and the period judged."""

    TOPIC = STORED_AS + "TalentMapped"
    box: Annotated[int, Note("The nine-box talent box, 1-9; it must be the one its two axes give.")]
    performance: Annotated[PerformanceAxis, Note(
        "The performance axis: ABOVE, MEETS or BELOW expectation.")]
    potential: Annotated[PotentialAxis, Note("The potential axis: HIGH, MEDIUM or LOW.")]
    period_start: Annotated[date, Note("First day of the period the mapping judges.")]
    period_end: Annotated[date, Note("Last day of the period the mapping judges.")]
    inputs: Annotated[str, Note(
        "The evidence the mapping rests on (event ids or documents), comma separated.")]
