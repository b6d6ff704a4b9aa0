"""Performance and development: appraisals, learning, education, competency and talent records
(domain.md §3.5-§3.8, §6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from domain.competence.assessment import AssessmentMethod
from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.events.base import STORED_AS, CareerEvent
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
    FIELD_NOTES = MappingProxyType({
        "technical_definitions": "Settled when recorded: the agency technical competency "
        "definitions the assessment was checked against, as <code>=<definition id> pairs "
        "separated by commas; empty when only national competencies were assessed.",
        "standard_relied_on": "Settled when recorded: the competency standard in force for the "
        "position held on the assessment day, as <standard id>;<code>=<required level> pairs "
        "separated by commas; empty when no standard was in force.",
    })
    levels: dict[str, Any]  # competency code -> attained level 1-5
    method: AssessmentMethod
    assessor_body: str
    # Settled at admission: "<code>=<definition id>,..." for the agency technical competencies
    # assessed (domain.competence.agency_dictionary); empty for national ones only.
    technical_definitions: str
    # Settled at admission: the standard in force for the position held on the TMT, as
    # "<standard id>;<code>=<level>,..." (domain.competence.records); empty when none was.
    standard_relied_on: str


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
    FIELD_NOTES = MappingProxyType({
        "period_start": "First day of the period the credit is determined for.",
        "period_end": "Last day of the period the credit is determined for.",
        "credit_score": "The credit (angka kredit) the PAK determines, to three decimals.",
        "functional_level": "The JF level held on the TMT (settled from the record).",
    })
    period_start: date
    period_end: date
    credit_score: Decimal
    functional_level: FunctionalLevel | None


class PotentialAssessed(CareerEvent):
    """A potential assessment (§6.3): the category, the assessor body and its method."""

    TOPIC = STORED_AS + "PotentialAssessed"
    FIELD_NOTES = MappingProxyType({
        "potential": "The potential category: HIGH, MEDIUM or LOW.",
        "assessor_body": "The body that assessed (lembaga penilaian kompetensi).",
        "instrument": "The instrument or method, e.g. ASSESSMENT_CENTER.",
    })
    potential: PotentialAxis
    assessor_body: str
    instrument: str


class TalentMapped(CareerEvent):
    """A nine-box mapping (§6.3): the box, both axes, their inputs and the period judged."""

    TOPIC = STORED_AS + "TalentMapped"
    FIELD_NOTES = MappingProxyType({
        "box": "The nine-box talent box, 1-9; it must be the one its two axes give.",
        "performance": "The performance axis: ABOVE, MEETS or BELOW expectation.",
        "potential": "The potential axis: HIGH, MEDIUM or LOW.",
        "period_start": "First day of the period the mapping judges.",
        "period_end": "Last day of the period the mapping judges.",
        "inputs": "The evidence the mapping rests on (event ids or documents), comma separated.",
    })
    box: int
    performance: PerformanceAxis
    potential: PotentialAxis
    period_start: date
    period_end: date
    inputs: str
