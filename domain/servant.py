"""The civil servant aggregate: one append-only stream of career events per NIP."""

from __future__ import annotations

import copy
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.envelope import Envelope
from domain.errors import Warning
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


def servant_id(nip: str) -> UUID:
    """Deterministic stream id, so a second appointment of one NIP collides in the store."""
    return uuid5(NAMESPACE_URL, f"https://riwayat.id/servants/{nip}")


class CivilServant(Aggregate):
    """State is never assigned by commands: it is derived by folding the effective events
    (corrections applied, retractions dropped), so a correction reaches every figure."""

    class Event(Aggregate.Event):
        tmt: date
        sk_number: str
        sk_date: date
        sk_official: str
        actor_id: str
        actor_role: str
        source: Source
        document_hash: str | None

        def apply(self, aggregate: Any) -> None:
            aggregate._remember(self)

    class CpnsAppointed(Event, Aggregate.Created):
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

    class PnsAppointed(Event):
        sttpl_number: str
        spmt_number: str | None

    class RankPromoted(Event):
        new_rank: Rank
        promotion_type: PromotionType
        pertek_number: str | None
        pertek_date: date | None
        service_years: int | None
        service_months: int | None
        credit_score: Decimal | None

    class PositionAssigned(Event):
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

    class InstitutionTransferred(Event):
        from_institution_id: str
        to_institution_id: str
        to_institution_name: str
        to_unit_id: str
        to_unit_name: str

    class AppraisalRecorded(Event):
        year: int
        work_result: Rating
        work_behaviour: Rating
        predikat: Predikat
        appraiser_nip: str
        appraiser_name: str

    class TrainingCompleted(Event):
        kind: TrainingKind
        program: LeadershipProgram | None
        name: str
        organiser: str
        hours: int
        start_date: date
        end_date: date
        certificate_number: str | None

    class EducationCompleted(Event):
        level: EducationLevel
        institution: str
        major: str | None
        graduation_date: date
        diploma_number: str | None

    class DisciplinePenaltyImposed(Event):
        penalty_type: PenaltyType
        level: DisciplineLevel
        regulation: Regulation
        duration_months: int | None
        end_date: date | None
        reason: str

    class DisciplinePenaltyAnnulled(Event):
        penalty_version: int
        reason: str

    class Retired(Event):
        reason: TerminationReason

    class Terminated(Event):
        reason: TerminationReason

    class EventCorrected(Event):
        target_version: int
        changes: dict[str, Any]
        reason: str

    class EventRetracted(Event):
        target_version: int
        reason: str

    def __init__(self) -> None:
        self._events: list[CivilServant.Event] = []

    def _remember(self, event: CivilServant.Event) -> None:
        self._events.append(event)

    def __deepcopy__(self, memo: dict[int, Any]) -> CivilServant:
        # The repository hands out copies of cached aggregates. Events are frozen, so copying
        # the lists is enough; a generic deep copy of every event dominated command time.
        clone = copy.copy(self)
        for name, value in vars(self).items():
            if type(value) is list:  # ours and the library's (its pending events)
                setattr(clone, name, list(value))
        return clone

    @property
    def events(self) -> tuple[CivilServant.Event, ...]:
        return tuple(self._events)

    @property
    def nip(self) -> str:
        first = self._events[0]
        assert isinstance(first, CivilServant.CpnsAppointed)
        return first.nip

    def event_id(self, version: int) -> str:
        return f"{self.nip}:{version}"

    def event_at(self, version: int) -> CivilServant.Event | None:
        if 1 <= version <= len(self._events):
            return self._events[version - 1]
        return None

    # Commands. Each checks its event against the rules before triggering it, so an
    # event that breaks a rule is never created; replay only re-runs ``apply``.

    @classmethod
    def appoint_cpns(cls, envelope: Envelope, **payload: Any) -> tuple[CivilServant, list[Warning]]:
        from domain.admission import admit_appointment

        kwargs = {**envelope.event_fields(), **payload}
        stream_id = servant_id(str(payload.get("nip")))
        warnings = admit_appointment(cls.CpnsAppointed(
            originator_id=stream_id, originator_version=cls.INITIAL_VERSION,
            originator_topic="", **kwargs,
        ))
        return cls._create(cls.CpnsAppointed, id=stream_id, **kwargs), warnings

    def appoint_pns(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.PnsAppointed, envelope, payload)

    def promote_rank(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.RankPromoted, envelope, payload)

    def assign_position(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.PositionAssigned, envelope, payload)

    def transfer_institution(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        # The origin is settled at admission from the state on the transfer's TMT.
        return self._admit(self.InstitutionTransferred, envelope, {**payload, "from_institution_id": ""})

    def record_appraisal(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.AppraisalRecorded, envelope, payload)

    def record_training(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.TrainingCompleted, envelope, payload)

    def record_education(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.EducationCompleted, envelope, payload)

    def impose_discipline(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.DisciplinePenaltyImposed, envelope, payload)

    def annul_discipline(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.DisciplinePenaltyAnnulled, envelope, payload)

    def retire(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.Retired, envelope, payload)

    def terminate(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.Terminated, envelope, payload)

    def correct_event(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.EventCorrected, envelope, payload)

    def retract_event(self, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self._admit(self.EventRetracted, envelope, payload)

    def _admit(self, event_class: type[Event], envelope: Envelope, payload: dict[str, Any]) -> list[Warning]:
        # Imported here: the rule modules need the event classes defined in this module.
        from domain.admission import admit

        kwargs = {**envelope.event_fields(), **payload}
        candidate = event_class(originator_id=self.id, originator_version=self.version + 1, **kwargs)
        candidate, warnings = admit(self, candidate, envelope.recorded_at.date())
        # Admission may settle fields (a correction's TMT and typed changes).
        kwargs = {name: getattr(candidate, name) for name in kwargs}
        self.trigger_event(event_class, **kwargs)
        return warnings


CORRECTION_KINDS = (CivilServant.EventCorrected, CivilServant.EventRetracted)


def payload_fields(event_class: type[CivilServant.Event]) -> dict[str, Any]:
    """The payload fields of an event class with their annotations (envelope excluded)."""
    base = {f.name for f in fields(CivilServant.Event)} | {"originator_topic"}
    return {f.name: f.type for f in fields(event_class) if f.name not in base}


def parse_event_id(event_id: str) -> tuple[str, int] | None:
    """``"<nip>:<version>"`` → (nip, version); None for anything else."""
    nip, _, version = event_id.partition(":")
    if not (version.isascii() and version.isdigit() and len(version) <= 9):
        return None
    return nip, int(version)
