"""Entering, moving through and leaving the service: appointments, rank, position, institution
and exits (domain.md §4)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from eventsourcing.domain import Aggregate

from domain import values
from domain.events.base import STORED_AS, CareerEvent
from domain.notes import Note, NotedEnum, noted

__all__ = [
    "CpnsAppointed", "EXIT_KINDS", "InstitutionTransferred", "LegalStatus", "LegalStatusChanged",
    "PnsAppointed", "PositionAssigned", "RankDemoted", "RankPromoted", "Retired", "Terminated",
]


class CpnsAppointed(CareerEvent, Aggregate.Created):
    TOPIC = STORED_AS + "CpnsAppointed"
    nip: str
    name: str
    birth_date: date
    birth_place: str
    gender: values.Gender
    education_level: values.EducationLevel
    initial_rank: values.Rank
    position_name: str
    formation_year: int
    institution_id: str
    institution_name: str
    unit_id: str
    unit_name: str


class PnsAppointed(CareerEvent):
    TOPIC = STORED_AS + "PnsAppointed"
    sttpl_number: str
    spmt_number: str | None


class RankPromoted(CareerEvent):
    TOPIC = STORED_AS + "RankPromoted"
    new_rank: values.Rank
    promotion_type: values.PromotionType
    pertek_number: str | None
    pertek_date: date | None
    service_years: int | None
    service_months: int | None
    credit_score: Decimal | None


class RankDemoted(CareerEvent):
    """Penurunan pangkat imposed as a discipline outcome: the rank held from the TMT."""

    TOPIC = STORED_AS + "RankDemoted"
    new_rank: Annotated[values.Rank, Note(
        "The rank held from the TMT; it must be lower than the rank held before.")]
    reason: Annotated[str, Note(
        "Why the rank is lowered, e.g. the discipline decision it carries out.")]


class PositionAssigned(CareerEvent):
    TOPIC = STORED_AS + "PositionAssigned"
    position_kind: values.PositionKind
    position_level: values.PositionLevel
    position_name: str
    eselon: str | None
    functional_position_id: str | None
    general_position_id: str | None
    functional_level: values.FunctionalLevel | None
    unit_id: str
    unit_name: str
    assignment_kind: values.AssignmentKind
    mutation_kind: values.MutationKind | None
    inauguration_date: date | None
    supervisor_rank: values.Rank | None


class InstitutionTransferred(CareerEvent):
    TOPIC = STORED_AS + "InstitutionTransferred"
    from_institution_id: str
    to_institution_id: str
    to_institution_name: str
    to_unit_id: str
    to_unit_name: str


class Retired(CareerEvent):
    TOPIC = STORED_AS + "Retired"
    reason: values.TerminationReason


class Terminated(CareerEvent):
    TOPIC = STORED_AS + "Terminated"
    reason: values.TerminationReason


EXIT_KINDS = (Retired, Terminated)


@noted("A servant's legal status (kedudukan hukum) in the service.")
class LegalStatus(NotedEnum):
    """Kedudukan hukum (domain.md §3.9), SIASN's codes."""

    ACTIVE = "01", "Active (aktif): the servant serves normally."
    CLTN = "02", "Cuti di luar tanggungan negara: unpaid leave outside the state's budget."
    TUGAS_BELAJAR = "03", "Tugas belajar: study assignment; it does not stop a promotion."
    TEMPORARY_SUSPENSION = "04", "Pemberhentian sementara: temporarily suspended from service."
    UNDER_DISCIPLINARY_PENALTY = "15", "Serving a discipline penalty."
    PRE_RETIREMENT = "20", "Masa persiapan pensiun: the period before retirement."


class LegalStatusChanged(CareerEvent):
    """A change of kedudukan hukum from the TMT, until a known end if it has one."""

    TOPIC = STORED_AS + "LegalStatusChanged"
    legal_status: Annotated[LegalStatus, Note("The kedudukan hukum held from the TMT.")]
    until: Annotated[date | None, Note(
        "The day the status ends (exclusive), when known; empty while open.")]
    reason: Annotated[str, Note("Why the status changes, in plain words.")]
