"""Agencies' technical competency dictionaries: writing them in their own streams, and
settling what a standard or an assessment relies on (domain.competence.agency_dictionary).

A standard or an assessment naming ``<AGENCY>.<CODE>`` is judged against the agency's
definitions in force on its TMT. The service only looks the definitions up; the domain
refuses a code that none defines (COMPETENCY_NOT_IN_DICTIONARY), so nothing is written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from domain.competence.agency_dictionary import (
    AgencyDictionaryStream,
    Definition,
    agency_of,
    dictionary_stream_id,
    dictionary_with,
    in_force,
)
from domain.competence.dictionary import CompetencyDictionary
from domain.envelope import Envelope
from domain.errors import DomainError, Warning
from service.acknowledgement import Idempotency, Recorded
from service.agency_streams import checked_name, stream_or_none, write_stream
from service.application import Riwayat

AGENCY_ID_LIMIT = 32


def check_agency_id(agency_id: str) -> str:
    return checked_name(agency_id, "agencyId", AGENCY_ID_LIMIT, forbidden=".:")


def dictionary_of(app: Riwayat, agency_id: str) -> AgencyDictionaryStream | None:
    return stream_or_none(app, dictionary_stream_id(agency_id), AgencyDictionaryStream)


def definitions_in_force(app: Riwayat, codes: Iterable[str], day: date) -> dict[str, Definition]:
    """The agency definitions in force on ``day`` of the technical ``codes`` among ``codes``
    (national ones are skipped; an undefined code is simply absent)."""
    wanted = {c for c in codes if agency_of(c)}
    found: dict[str, Definition] = {}
    for agency in sorted({agency_of(c) or "" for c in wanted}):
        stream = dictionary_of(app, agency)
        if stream is not None:
            found.update((code, d) for code, d in in_force(stream.definitions, day).items()
                         if code in wanted)
    return found


def dictionary_for(app: Riwayat, codes: Iterable[str], day: date) -> CompetencyDictionary:
    found = definitions_in_force(app, codes, day)
    return dictionary_with(found, {code: agency_of(code) or "" for code in found})


def define_competency(app: Riwayat, agency_id: str, envelope: Envelope, code: str, name: str,
                      valid_to: date | None, idempotency: Idempotency | None) -> Recorded:
    """The first definition opens the agency's stream; any later one joins it."""

    def act(stream: AgencyDictionaryStream | None
            ) -> tuple[AgencyDictionaryStream, list[Warning]]:
        if stream is None:
            return AgencyDictionaryStream.define_first(agency_id, envelope, code, name, valid_to)
        return stream, stream.define(envelope, code, name, valid_to)

    return _write(app, agency_id, act, idempotency)


def withdraw_competency(app: Riwayat, agency_id: str, envelope: Envelope, version: int,
                        idempotency: Idempotency | None) -> Recorded:
    def act(stream: AgencyDictionaryStream | None
            ) -> tuple[AgencyDictionaryStream, list[Warning]]:
        if stream is None:
            raise DomainError("INVALID_TARGET", f"Agency {agency_id} has defined no technical "
                              "competency.", "definitionEventId")
        return stream, stream.withdraw(envelope, version)

    return _write(app, agency_id, act, idempotency)


def _write(app: Riwayat, agency_id: str, act: Any, idempotency: Idempotency | None) -> Recorded:
    return write_stream(app, f"dictionary:{agency_id}", lambda: dictionary_of(app, agency_id),
                        act, lambda stream: stream.agency_id, idempotency)
