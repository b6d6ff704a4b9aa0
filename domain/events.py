"""The career events (domain.md §4): one frozen class per event kind, and nothing else.

Every class keeps the topic it was first stored under (``TOPIC``), when the classes were
nested in ``CivilServant``: the log, its hash chain and the views' topic filters name events by
topic, so moving a class must not rename what is already stored."""

from __future__ import annotations

import dataclasses
from dataclasses import field, fields
from datetime import date
from decimal import Decimal
from typing import Any, get_type_hints

from eventsourcing.domain import Aggregate

from domain.competence.assessment import AssessmentMethod
from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.values import (
    AssignmentKind,
    EducationLevel,
    FunctionalLevel,
    Gender,
    LeadershipProgram,
    MutationKind,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    Rating,
    Source,
    TerminationReason,
    TrainingKind,
)

_STORED_AS = "domain.servant:CivilServant."


class LegalAct(Aggregate.Event):
    """The envelope of every legally based act (domain.md §4): a servant's career event or a
    position standard's."""

    tmt: date
    sk_number: str
    sk_date: date
    sk_official: str
    actor_id: str
    actor_role: str
    source: Source
    document_hash: str | None

    def apply(self, aggregate: Any) -> None:
        # Applying only remembers the event: state is derived by ``domain.fold``.
        aggregate._remember(self)


class CareerEvent(LegalAct):
    """The envelope every career event carries."""

    # Provenance of imported history (keyword-only with defaults, so events stored before
    # these fields existed read the defaults): the source record the event came from
    # ("SYSTEM:kind:id", the key that makes a re-run import nothing twice), and whether it
    # was admitted without an SK number, as history older than today's SK discipline is.
    source_record_id: str | None = field(default=None, kw_only=True)
    legacy_without_sk: bool = field(default=False, kw_only=True)


class CpnsAppointed(CareerEvent, Aggregate.Created):
    TOPIC = _STORED_AS + "CpnsAppointed"
    nip: str
    name: str
    birth_date: date
    birth_place: str
    gender: Gender
    education_level: EducationLevel
    initial_rank: Rank
    position_name: str
    formation_year: int
    institution_id: str
    institution_name: str
    unit_id: str
    unit_name: str


class PnsAppointed(CareerEvent):
    TOPIC = _STORED_AS + "PnsAppointed"
    sttpl_number: str
    spmt_number: str | None


class RankPromoted(CareerEvent):
    TOPIC = _STORED_AS + "RankPromoted"
    new_rank: Rank
    promotion_type: PromotionType
    pertek_number: str | None
    pertek_date: date | None
    service_years: int | None
    service_months: int | None
    credit_score: Decimal | None


class PositionAssigned(CareerEvent):
    TOPIC = _STORED_AS + "PositionAssigned"
    position_kind: PositionKind
    position_level: PositionLevel
    position_name: str
    eselon: str | None
    functional_position_id: str | None
    general_position_id: str | None
    functional_level: FunctionalLevel | None
    unit_id: str
    unit_name: str
    assignment_kind: AssignmentKind
    mutation_kind: MutationKind | None
    inauguration_date: date | None
    supervisor_rank: Rank | None


class InstitutionTransferred(CareerEvent):
    TOPIC = _STORED_AS + "InstitutionTransferred"
    from_institution_id: str
    to_institution_id: str
    to_institution_name: str
    to_unit_id: str
    to_unit_name: str


class AppraisalRecorded(CareerEvent):
    TOPIC = _STORED_AS + "AppraisalRecorded"
    year: int
    work_result: Rating
    work_behaviour: Rating
    predikat: Predikat
    appraiser_nip: str
    appraiser_name: str


class TrainingCompleted(CareerEvent):
    TOPIC = _STORED_AS + "TrainingCompleted"
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
    TOPIC = _STORED_AS + "EducationCompleted"
    level: EducationLevel
    institution: str
    major: str | None
    graduation_date: date
    diploma_number: str | None


class DisciplinePenaltyImposed(CareerEvent):
    TOPIC = _STORED_AS + "DisciplinePenaltyImposed"
    penalty_type: PenaltyType
    level: DisciplineLevel
    regulation: Regulation
    duration_months: int | None
    end_date: date | None
    reason: str


class DisciplinePenaltyAnnulled(CareerEvent):
    TOPIC = _STORED_AS + "DisciplinePenaltyAnnulled"
    penalty_version: int
    reason: str


class Retired(CareerEvent):
    TOPIC = _STORED_AS + "Retired"
    reason: TerminationReason


class Terminated(CareerEvent):
    TOPIC = _STORED_AS + "Terminated"
    reason: TerminationReason


class CreditScoreDetermined(CareerEvent):
    """A PAK (penetapan angka kredit): credit determined for a period of a functional post."""

    TOPIC = _STORED_AS + "CreditScoreDetermined"
    period_start: date
    period_end: date
    credit_score: Decimal
    functional_level: FunctionalLevel | None


class PotentialAssessed(CareerEvent):
    """A potential assessment (§6.3): the category, the assessor body and its method."""

    TOPIC = _STORED_AS + "PotentialAssessed"
    potential: PotentialAxis
    assessor_body: str
    instrument: str


class TalentMapped(CareerEvent):
    """A nine-box mapping (§6.3): the box, both axes, their inputs and the period judged."""

    TOPIC = _STORED_AS + "TalentMapped"
    box: int
    performance: PerformanceAxis
    potential: PotentialAxis
    period_start: date
    period_end: date
    inputs: str
class CompetencyAssessed(CareerEvent):
    """Attained level per competency (§6.1); the TMT is the day of the assessment."""

    TOPIC = _STORED_AS + "CompetencyAssessed"
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

    TOPIC = _STORED_AS + "TrainingEvaluated"
    training_version: int
    evaluator: str
    reaction: int | None
    learning: int | None
    behaviour: int | None
    result: int | None


class EventCorrected(CareerEvent):
    TOPIC = _STORED_AS + "EventCorrected"
    target_version: int
    changes: dict[str, Any]
    reason: str


class EventRetracted(CareerEvent):
    TOPIC = _STORED_AS + "EventRetracted"
    target_version: int
    reason: str


CORRECTION_KINDS = (EventCorrected, EventRetracted)
EXIT_KINDS = (Retired, Terminated)

_ENVELOPE = {f.name for f in fields(CareerEvent)} | {"originator_topic"}


def payload_fields(event_class: type[CareerEvent]) -> dict[str, Any]:
    """The payload fields of an event class with their types (envelope excluded)."""
    hints = get_type_hints(event_class)
    return {f.name: hints[f.name] for f in fields(event_class) if f.name not in _ENVELOPE}


def with_fields(event: Any, **changes: Any) -> Any:
    """A copy of a frozen event with some fields replaced (the event classes are dataclasses,
    though their type stubs do not say so)."""
    return dataclasses.replace(event, **changes)


def parse_event_id(event_id: str) -> tuple[str, int] | None:
    """``"<nip>:<version>"`` → (nip, version); None for anything else."""
    nip, _, version = event_id.partition(":")
    if not (version.isascii() and version.isdigit() and len(version) <= 9):
        return None
    return nip, int(version)
