"""Competence reads and the position-standard mutations (domain.md §6).

A profile or a plan judges the servant's stream against the standard streams of the positions
the servant held, so both are read from the log per request (a servant and a few standards),
not from a view: a servant view's rows depend on that servant's stream only."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Optional

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from domain.competence.plan import development_plan
from domain.competence.record import competence_record, position_keys, standard_for
from domain.effective import effective_events
from domain.envelope import Envelope
from domain.errors import DomainError
from domain.events import PositionAssigned
from domain.nip import validate_nip
from domain.position_standard import SET_FIELDS
from domain.values import EducationLevel, Rank, Source
from service.application import Idempotency, request_hash
from service.graphql.competence_types import (
    CompetencyProfile,
    DevelopmentPlanInfo,
    PositionStandardInfo,
    RecordedStandard,
)
from service.graphql.event_types import LegalBasisInput, input_values
from service.graphql.permissions import READERS, WRITERS, require_role
from service.graphql.read_queries import _authorize_servant, _today
from service.position_standards import (
    check_position_id,
    retire_standard,
    set_standard,
    standards_for,
    stream_of,
)


@strawberry.input(description="A position's competency standard from its TMT (valid from): "
                              "required levels, requirements and the SK that sets them. The "
                              "first opens the position's stream; a later one revises it.")
class SetPositionStandardInput:
    position_id: str = strawberry.field(
        description="The position id (functional or general position id) or a position class "
                    "(a PositionLevel name such as ADMINISTRATOR).")
    tmt: date = strawberry.field(description="The day the standard takes effect.")
    legal_basis: LegalBasisInput
    required: JSON = strawberry.field(
        description="Required level 1-5 per competency code of the dictionary, as an object.")
    valid_to: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="Inclusive end; omit while in force until revised.")
    min_rank: Optional[Rank] = None  # noqa: UP045
    min_education: Optional[EducationLevel] = None  # noqa: UP045
    trainings: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Required programmes (PKP, PKA, ...), comma-separated.")
    min_experience_months: Optional[int] = None  # noqa: UP045
    source: Source = Source.MANUAL
    idempotency_key: Optional[str] = None  # noqa: UP045


@strawberry.input(description="Ends one version of a position's standard on its TMT.")
class RetirePositionStandardInput:
    position_id: str
    standard_event_id: str = strawberry.field(description="<positionId>:<version> to end.")
    tmt: date = strawberry.field(description="The last day the standard is in force.")
    legal_basis: LegalBasisInput
    source: Source = Source.MANUAL
    idempotency_key: Optional[str] = None  # noqa: UP045


def _envelope(info: Info[Any, Any], data: Any) -> Envelope:
    basis = data.legal_basis
    return Envelope(
        tmt=data.tmt, sk_number=basis.sk_number, sk_date=basis.sk_date,
        sk_official=basis.sk_official, actor=info.context["principal"]().actor,
        recorded_at=info.context["services"].clock(), source=data.source,
        document_hash=basis.document_hash,
    )


def _idempotency(info: Info[Any, Any], operation: str, data: Any) -> Idempotency | None:
    if data.idempotency_key is None:
        return None
    key = data.idempotency_key.strip()
    if not 1 <= len(key) <= 200:
        raise DomainError("INVALID_VALUE", "idempotencyKey must be 1 to 200 characters.",
                          "idempotencyKey")
    values = {k: v for k, v in input_values(data).items() if k != "idempotency_key"}
    subject = info.context["principal"]().subject
    return Idempotency(key, request_hash(operation, values), subject)


def _standard_version(event_id: str, position_id: str) -> int:
    head, _, version = event_id.rpartition(":")
    if head != position_id or not (version.isascii() and version.isdigit() and len(version) < 9):
        raise DomainError("INVALID_TARGET", f"{event_id[:40]!r} is not a standard of "
                          f"position {position_id}.", "standardEventId")
    return int(version)


@strawberry.type
class CompetenceMutation:
    @strawberry.mutation(description="Set (or revise) a position's competency standard.")
    async def set_position_standard(
        self, info: Info[Any, Any], input: SetPositionStandardInput
    ) -> RecordedStandard:
        require_role(info, WRITERS, "set position standards")
        position_id = check_position_id(input.position_id)
        if not isinstance(input.required, dict):
            raise DomainError("INVALID_VALUE", "required must be a JSON object of "
                              "competency: level.", "required")
        payload = {name: getattr(input, name) for name in SET_FIELDS}
        envelope = _envelope(info, input)
        idempotency = _idempotency(info, "set_position_standard", input)
        app = info.context["services"].app
        recorded = await asyncio.to_thread(set_standard, app, position_id, envelope, payload,
                                           idempotency)
        return RecordedStandard.from_recorded(recorded)

    @strawberry.mutation(description="End one version of a position's competency standard.")
    async def retire_position_standard(
        self, info: Info[Any, Any], input: RetirePositionStandardInput
    ) -> RecordedStandard:
        require_role(info, WRITERS, "retire position standards")
        position_id = check_position_id(input.position_id)
        version = _standard_version(input.standard_event_id, position_id)
        envelope = _envelope(info, input)
        idempotency = _idempotency(info, "retire_position_standard", input)
        app = info.context["services"].app
        recorded = await asyncio.to_thread(retire_standard, app, position_id, envelope, version,
                                           idempotency)
        return RecordedStandard.from_recorded(recorded)


def _record_of(app: Any, nip: str, as_of: date | None) -> tuple[Any, Any, Any]:
    servant = app.servant(nip)
    effective = effective_events(servant.events)
    keys = [k for item in effective if isinstance(item.event, PositionAssigned)
            for k in position_keys(item.event)]
    standards = standards_for(app, keys)
    return competence_record(nip, effective, standards, as_of), standards, effective


def _profile(app: Any, nip: str, as_of: date) -> CompetencyProfile:
    record, standards, _ = _record_of(app, nip, as_of)
    standard = standard_for(record.position_keys, as_of, standards)
    analysis = record.gap(standards, as_of)
    return CompetencyProfile.of(nip, as_of, standard, analysis, record.assessments, record.needs)


def _plan(app: Any, nip: str, year: int) -> DevelopmentPlanInfo:
    record, _, _ = _record_of(app, nip, date(year, 12, 31))
    plan = development_plan(year, record.hours(), record.needs, record.evaluations)
    return DevelopmentPlanInfo.of(nip, plan, record.needs)


def _check_year(year: int) -> int:
    if not 1900 <= year <= 2199:
        raise DomainError("INVALID_DATE", f"year {year} is outside 1900 to 2199.", "year")
    return year


@strawberry.type
class CompetenceQuery:
    @strawberry.field(description="Every version of a position's competency standard.")
    async def position_standards(self, info: Info[Any, Any],
                                 position_id: str) -> list[PositionStandardInfo]:
        require_role(info, READERS, "read position standards")
        key = check_position_id(position_id)
        stream = await asyncio.to_thread(stream_of, info.context["services"].app, key)
        return [] if stream is None else [PositionStandardInfo.of(s) for s in stream.standards]

    @strawberry.field(description="Attained against required competency levels of the position "
                                  "held on asOf (default today), with JPM, assessments and needs.")
    async def competency_profile(self, info: Info[Any, Any], nip: str,
                                 as_of: Optional[date] = None) -> CompetencyProfile:  # noqa: UP045
        nip = validate_nip(nip)
        await _authorize_servant(info, nip)
        day = _today(info, as_of)
        return await asyncio.to_thread(_profile, info.context["services"].app, nip, day)

    @strawberry.field(description="A servant's development plan for a year (20 JP and needs).")
    async def development_plan(self, info: Info[Any, Any], nip: str,
                               year: int) -> DevelopmentPlanInfo:
        nip = validate_nip(nip)
        await _authorize_servant(info, nip)
        return await asyncio.to_thread(_plan, info.context["services"].app, nip,
                                       _check_year(year))
