"""A position's competency standard (standar kompetensi jabatan) as its own stream (§6.1).

One stream per position (or position class) id, not the servant's: a standard is an act of
the agency about a position, revised by later SKs, and many servants are judged against it.
Each version carries the envelope every legally based act carries (TMT = the day it takes
effect, SK, actor), so an audit can tell which standard was in force on a date. A revision is
a new version with a later start; a retirement ends the version in force on a day."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.act_stream import ActStream
from domain.competence.dictionary import NATIONAL_DICTIONARY, CompetencyDictionary
from domain.competence.errors import INVALID_VALIDITY, CompetenceError
from domain.competence.standards import (
    LegalBasis,
    PositionRequirements,
    PositionStandard,
    check_no_conflict,
    standard_in_force,
    validate_standard,
)
from domain.envelope import Envelope
from domain.errors import DomainError, Warning
from domain.events import LegalAct
from domain.rules.base import Context
from domain.rules.envelope import ENVELOPE_RULES
from domain.values import EducationLevel, Rank

_STORED_AS = "domain.position_standard:PositionStandardStream."


def standard_stream_id(position_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"https://riwayat.id/position-standards/{position_id}")


class StandardEvent(LegalAct):
    """A standard's act, with the same envelope as a career event's."""


class StandardPayload(StandardEvent):
    position_id: str
    required: dict[str, Any]  # competency code -> required level 1-5
    valid_to: date | None
    min_rank: Rank | None
    min_education: EducationLevel | None
    trainings: str | None  # programme codes (PKP, PKA, ...), comma-separated
    min_experience_months: int | None


class PositionStandardSet(StandardPayload, Aggregate.Created):
    """The first standard of a position; valid from its TMT."""

    TOPIC = _STORED_AS + "PositionStandardSet"


class PositionStandardRevised(StandardPayload):
    """A later standard of the position, superseding the open-ended one from its TMT."""

    TOPIC = _STORED_AS + "PositionStandardRevised"


class PositionStandardRetired(StandardEvent):
    """Ends the version given by ``standard_version`` on ``valid_to``."""

    TOPIC = _STORED_AS + "PositionStandardRetired"
    standard_version: int
    valid_to: date


SET_FIELDS = (
    "required", "valid_to", "min_rank", "min_education", "trainings", "min_experience_months",
)


class PositionStandardStream(ActStream[StandardEvent]):
    @property
    def position_id(self) -> str:
        return self.opening(PositionStandardSet).position_id

    @property
    def standards(self) -> tuple[PositionStandard, ...]:
        return standards_of(self._events)

    @classmethod
    def set_first(
        cls, position_id: str, envelope: Envelope,
        dictionary: CompetencyDictionary = NATIONAL_DICTIONARY, **payload: Any
    ) -> tuple[PositionStandardStream, list[Warning]]:
        stream_id = standard_stream_id(position_id)
        kwargs = {**envelope.event_fields(), "position_id": position_id, **payload}
        candidate = PositionStandardSet(
            originator_id=stream_id, originator_version=1, originator_topic="", **kwargs
        )
        warnings = _admit(candidate, (), envelope.recorded_at.date(), dictionary)
        return cls._create(PositionStandardSet, id=stream_id, **kwargs), warnings

    def revise(self, envelope: Envelope,
               dictionary: CompetencyDictionary = NATIONAL_DICTIONARY,
               **payload: Any) -> list[Warning]:
        kwargs = {**envelope.event_fields(), "position_id": self.position_id, **payload}
        candidate = PositionStandardRevised(
            originator_id=self.id, originator_version=self.version + 1, **kwargs
        )
        warnings = _admit(candidate, self.standards, envelope.recorded_at.date(), dictionary)
        self.trigger_event(PositionStandardRevised, **kwargs)
        return warnings

    def retire(self, envelope: Envelope, standard_version: int) -> list[Warning]:
        kwargs = {**envelope.event_fields(), "standard_version": standard_version,
                  "valid_to": envelope.tmt}
        candidate = PositionStandardRetired(
            originator_id=self.id, originator_version=self.version + 1, **kwargs
        )
        warnings = judge_envelope(candidate, envelope.recorded_at.date())
        target = next((s for s in self.standards if s.standard_id.endswith(
            f":{standard_version}")), None)
        if target is None:
            raise DomainError("INVALID_TARGET", f"Version {standard_version} is not a standard "
                              f"of position {self.position_id}.", "standardEventId")
        if envelope.tmt < target.valid_from:
            raise CompetenceError(INVALID_VALIDITY, f"A standard valid from {target.valid_from} "
                                  f"cannot end on {envelope.tmt}.", "tmt")
        self.trigger_event(PositionStandardRetired, **kwargs)
        return warnings


# The topics name each event as an attribute of the stream's class: reachable so, a process
# that only reads (no event of the kind was written in it) resolves them too.
for _event in (PositionStandardSet, PositionStandardRevised, PositionStandardRetired):
    setattr(PositionStandardStream, _event.__name__, _event)


def standards_of(events: tuple[StandardEvent, ...] | list[StandardEvent]) -> tuple[
        PositionStandard, ...]:
    """Every version of the standard with its validity as the stream now gives it."""
    found: dict[int, PositionStandard] = {}
    for version, e in enumerate(events, start=1):
        if isinstance(e, StandardPayload):
            found[version] = _standard(e, version)
        elif isinstance(e, PositionStandardRetired) and e.standard_version in found:
            retired = found[e.standard_version]
            found[e.standard_version] = PositionStandard(
                retired.standard_id, retired.position, retired.valid_from, e.valid_to,
                retired.legal_basis, retired.required, retired.requirements,
            )
    return tuple(found.values())


def in_force(events: tuple[StandardEvent, ...], day: date) -> PositionStandard | None:
    standards = standards_of(events)
    return standard_in_force(standards, standards[0].position, day) if standards else None


def _standard(e: StandardPayload, version: int) -> PositionStandard:
    trainings = frozenset(p.strip() for p in (e.trainings or "").split(",") if p.strip())
    return PositionStandard(
        standard_id=f"{e.position_id}:{version}",
        position=e.position_id,
        valid_from=e.tmt,
        valid_to=e.valid_to,
        legal_basis=LegalBasis(e.sk_number, e.sk_date, e.sk_official),
        required=tuple((str(code), level) for code, level in e.required.items()),
        requirements=PositionRequirements(
            min_rank=e.min_rank, min_education=e.min_education, trainings=trainings,
            min_experience_months=e.min_experience_months or 0,
        ),
    )


def judge_envelope(candidate: LegalAct, recorded_on: date) -> list[Warning]:
    warnings: list[Warning] = []
    for rule in ENVELOPE_RULES:
        warnings += rule.judge(candidate, Context(None, None, recorded_on))
    return warnings


def _admit(candidate: StandardPayload, existing: tuple[PositionStandard, ...],
           recorded_on: date, dictionary: CompetencyDictionary) -> list[Warning]:
    """The envelope's rules, then the dictionary (national plus the agency technical
    competencies in force on the TMT), levels 1-5, a period that does not end
    before it starts, and no second standard of the position starting on the same day."""
    warnings = judge_envelope(candidate, recorded_on)
    standard = _standard(candidate, candidate.originator_version)
    validate_standard(standard, dictionary)
    check_no_conflict(existing, standard)
    return warnings
