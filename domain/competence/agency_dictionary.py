"""An agency's technical competency dictionary as its own stream (PermenPANRB 38/2017, §6.1).

The national dictionary (8 managerial + 1 socio-cultural) is fixed by regulation; technical
competencies are written by each agency, by SK, and revised. So each agency's dictionary is a
stream of acts with the envelope every legally based act carries: ``TechnicalCompetencyDefined``
(valid from its TMT, until ``valid_to`` or open) and ``TechnicalCompetencyWithdrawn`` (ends a
definition on its TMT). A technical code is namespaced by its agency, ``<AGENCY>.<CODE>``, so
it can never collide with a national code or another agency's. A standard or an assessment
may name a technical competency only while a definition of it is in force; an assessment
records the definition it relied on (``technical_definitions``), so its admission is decided
once and can be traced to the agency's act.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.competence import errors
from domain.competence.dictionary import (
    CompetencyDictionary,
    TechnicalCompetency,
    build_dictionary,
    technical,
)
from domain.competence.errors import CompetenceError
from domain.envelope import Envelope
from domain.errors import DomainError, Warning
from domain.events import LegalAct
from domain.position_standard import judge_envelope
from domain.rules.validity import InForce

_STORED_AS = "domain.competence.agency_dictionary:AgencyDictionaryStream."
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,47}$")
SEPARATOR = "."
_CODE_FIELD = "code"  # the event field (a competency code, not an error code)


def dictionary_stream_id(agency_id: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"https://riwayat.id/competency-dictionaries/{agency_id}")


def agency_of(code: str) -> str | None:
    """The agency of a technical code (``KEMENKEU.ANALISIS_ANGGARAN``); None for a national one."""
    head, dot, _ = code.partition(SEPARATOR)
    return head if dot else None


class DictionaryEvent(LegalAct):
    """An agency's act about its technical dictionary."""


class TechnicalCompetencyDefined(DictionaryEvent, Aggregate.Created):
    """The first definition in an agency's dictionary opens its stream."""

    TOPIC = _STORED_AS + "TechnicalCompetencyDefined"
    agency_id: str
    code: str  # the full code, <agency>.<local code>
    name: str
    valid_to: date | None


class TechnicalCompetencyAdded(DictionaryEvent):
    """A later definition in the agency's dictionary (a new code, or a code again after its
    earlier definition ended)."""

    TOPIC = _STORED_AS + "TechnicalCompetencyAdded"
    agency_id: str
    code: str
    name: str
    valid_to: date | None


class TechnicalCompetencyWithdrawn(DictionaryEvent):
    """Ends the definition given by ``definition_version`` on its TMT (the last valid day)."""

    TOPIC = _STORED_AS + "TechnicalCompetencyWithdrawn"
    definition_version: int


@dataclass(frozen=True)
class Definition(InForce):
    definition_id: str  # <agency>:<version>, the evidence
    code: str
    name: str
    valid_from: date
    valid_to: date | None
    sk_number: str


class AgencyDictionaryStream(Aggregate):
    def __init__(self) -> None:
        self._events: list[DictionaryEvent] = []

    def _remember(self, event: DictionaryEvent) -> None:
        self._events.append(event)

    @property
    def agency_id(self) -> str:
        first = self._events[0]
        assert isinstance(first, TechnicalCompetencyDefined)
        return first.agency_id

    @property
    def definitions(self) -> tuple[Definition, ...]:
        return definitions_of(self._events)

    @classmethod
    def define_first(cls, agency_id: str, envelope: Envelope, local_code: str, name: str,
                     valid_to: date | None) -> tuple[AgencyDictionaryStream, list[Warning]]:
        kwargs = _definition(agency_id, envelope, local_code, name, valid_to)
        candidate = TechnicalCompetencyDefined(originator_id=dictionary_stream_id(agency_id),
                                               originator_version=1, originator_topic="",
                                               **kwargs)
        warnings = _admit(candidate, (), envelope.recorded_at.date())
        stream = cls._create(TechnicalCompetencyDefined, id=dictionary_stream_id(agency_id),
                             **kwargs)
        return stream, warnings

    def define(self, envelope: Envelope, local_code: str, name: str,
               valid_to: date | None) -> list[Warning]:
        kwargs = _definition(self.agency_id, envelope, local_code, name, valid_to)
        candidate = TechnicalCompetencyAdded(originator_id=self.id,
                                             originator_version=self.version + 1, **kwargs)
        warnings = _admit(candidate, self.definitions, envelope.recorded_at.date())
        self.trigger_event(TechnicalCompetencyAdded, **kwargs)
        return warnings

    def withdraw(self, envelope: Envelope, definition_version: int) -> list[Warning]:
        kwargs = {**envelope.event_fields(), "definition_version": definition_version}
        candidate = TechnicalCompetencyWithdrawn(originator_id=self.id,
                                                 originator_version=self.version + 1, **kwargs)
        warnings = judge_envelope(candidate, envelope.recorded_at.date())
        wanted = f"{self.agency_id}:{definition_version}"
        target = next((d for d in self.definitions if d.definition_id == wanted), None)
        if target is None:
            raise DomainError("INVALID_TARGET", f"{wanted} is not a definition of agency "
                              f"{self.agency_id}.", "definitionEventId")
        if envelope.tmt < target.valid_from:
            raise CompetenceError(errors.INVALID_VALIDITY, f"A definition valid from "
                                  f"{target.valid_from} cannot end on {envelope.tmt}.", "tmt")
        self.trigger_event(TechnicalCompetencyWithdrawn, **kwargs)
        return warnings


# Reachable through the topics in a process that only reads (see domain.position_standard).
for _event in (TechnicalCompetencyDefined, TechnicalCompetencyAdded, TechnicalCompetencyWithdrawn):
    setattr(AgencyDictionaryStream, _event.__name__, _event)


def definitions_of(events: Iterable[DictionaryEvent]) -> tuple[Definition, ...]:
    """Every definition with its validity as the stream now gives it."""
    found: dict[int, Definition] = {}
    for version, e in enumerate(events, start=1):
        if isinstance(e, (TechnicalCompetencyDefined, TechnicalCompetencyAdded)):
            found[version] = Definition(f"{e.agency_id}:{version}", e.code, e.name, e.tmt,
                                        e.valid_to, e.sk_number)
        elif isinstance(e, TechnicalCompetencyWithdrawn) and e.definition_version in found:
            found[e.definition_version] = replace(found[e.definition_version], valid_to=e.tmt)
    return tuple(found.values())


def in_force(definitions: Iterable[Definition], day: date) -> dict[str, Definition]:
    """The definition in force on ``day`` per code (the latest-starting one)."""
    found: dict[str, Definition] = {}
    for d in definitions:
        if d.covers(day) and (d.code not in found or d.valid_from > found[d.code].valid_from):
            found[d.code] = d
    return found


def dictionary_with(definitions: Mapping[str, Definition], agency_of_code: Mapping[str, str]
                    ) -> CompetencyDictionary:
    """The national dictionary plus the given technical definitions."""
    return build_dictionary(
        technical(code, d.name, agency_of_code.get(code, agency_of(code) or ""),
                  f"{d.sk_number} ({d.definition_id})", d.valid_from)
        for code, d in definitions.items())


def relied_on(definitions: Mapping[str, Definition]) -> str:
    """What an assessment records of the definitions it was admitted against."""
    return ",".join(f"{code}={d.definition_id}" for code, d in sorted(definitions.items()))


def dictionary_recorded(text: str) -> CompetencyDictionary:
    """The dictionary an assessment was admitted against: national plus what it relied on."""
    pairs = [part.split("=", 1) for part in text.split(",") if "=" in part]
    return build_dictionary(
        technical(code, code, agency_of(code) or "", definition_id)
        for code, definition_id in pairs)


def technical_entries(dictionary: CompetencyDictionary) -> tuple[TechnicalCompetency, ...]:
    return tuple(e for e in dictionary.entries.values() if isinstance(e, TechnicalCompetency))


def _definition(agency_id: str, envelope: Envelope, local_code: str, name: str,
                valid_to: date | None) -> dict[str, Any]:
    if not _CODE.match(local_code):
        raise DomainError("INVALID_VALUE", "A technical competency code is 2 to 48 capital "
                          "letters, digits or underscores, starting with a letter.", "code")
    if not name.strip():
        raise DomainError("MISSING_FIELD", "The competency's name is required.", "name")
    full = f"{agency_id}{SEPARATOR}{local_code}"
    return {**envelope.event_fields(), "agency_id": agency_id, _CODE_FIELD: full,
            "name": name.strip(), "valid_to": valid_to}


def _admit(candidate: TechnicalCompetencyDefined | TechnicalCompetencyAdded,
           existing: tuple[Definition, ...], recorded_on: date) -> list[Warning]:
    """The envelope's rules, a period that does not end before it starts, and no second
    definition of a code whose periods overlap."""
    warnings = judge_envelope(candidate, recorded_on)
    end = candidate.valid_to
    if end is not None and end < candidate.tmt:
        raise CompetenceError(errors.INVALID_VALIDITY, f"The definition ends ({end}) before "
                              f"it starts ({candidate.tmt}).", "validTo")
    for d in existing:
        if d.code == candidate.code and (d.valid_to is None or d.valid_to >= candidate.tmt) and (
                end is None or end >= d.valid_from):
            raise CompetenceError(errors.DUPLICATE_COMPETENCY, f"{d.code} is already defined "
                                  f"from {d.valid_from} ({d.definition_id}); withdraw it first.",
                                  "code")
    return warnings
