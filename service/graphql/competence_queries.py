"""Competence reads (domain.md §6): profiles, plans, unit maps and training effectiveness.

A profile or a plan judges the servant's stream against the standard streams of the positions
the servant held, so both are read from the log per request (a servant and a few standards),
not from a view: a servant view's rows depend on that servant's stream only."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.competence.plan import development_plan
from domain.competence.record import standard_for
from domain.errors import DomainError
from domain.nip import validate_nip
from service.graphql.arguments import Nip, PlannedYear
from service.graphql.competence_plan_types import DevelopmentPlanInfo, TrainingEffectiveness
from service.graphql.competence_types import CompetencyProfile, PositionStandardInfo
from service.graphql.permissions import READERS, require_role
from service.graphql.read_access import authorize_servant_read as _authorize_servant
from service.graphql.read_access import on_app
from service.graphql.read_access import read_after as _read
from service.graphql.read_access import today as _today
from service.graphql.relay import MinPosition
from service.position_standards import check_position_id, stream_of
from service.standard_reads import servant_record


def _profile(app: Any, nip: str, as_of: date) -> CompetencyProfile:
    record, standards, _ = servant_record(app, nip, as_of)
    standard = standard_for(record.position_keys, as_of, standards)
    analysis = record.gap(standards, as_of)
    return CompetencyProfile.of(nip, as_of, standard, analysis, record.assessments, record.needs)


def _plan(app: Any, nip: str, year: int) -> DevelopmentPlanInfo:
    record, _, _ = servant_record(app, nip, date(year, 12, 31))
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
                                 position_id: Annotated[str, strawberry.argument(
                                     description="The position id (functional or general "
                                     "position id) or a position class (a PositionLevel name "
                                     "such as ADMINISTRATOR).")],
                                 ) -> list[PositionStandardInfo]:
        require_role(info, READERS, "read position standards")
        key = check_position_id(position_id)
        stream = await on_app(info, stream_of, key)
        return [] if stream is None else [PositionStandardInfo.of(s) for s in stream.standards]

    @strawberry.field(description="Attained against required competency levels of the position "
                                  "held on asOf (default today), with JPM, assessments and needs.")
    async def competency_profile(
        self, info: Info[Any, Any], nip: Nip,
        as_of: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="The day to judge on (default today).")] = None,
    ) -> CompetencyProfile:
        nip = validate_nip(nip)
        await _authorize_servant(info, nip)
        day = _today(info, as_of)
        return await on_app(info, _profile, nip, day)

    @strawberry.field(description="A servant's development plan for a year (20 JP and needs).")
    async def development_plan(
        self, info: Info[Any, Any], nip: Nip, year: PlannedYear,
    ) -> DevelopmentPlanInfo:
        nip = validate_nip(nip)
        await _authorize_servant(info, nip)
        return await on_app(info, _plan, nip, _check_year(year))

    @strawberry.field(description="Evaluation results of a training programme, by level.")
    async def training_effectiveness(
        self, info: Info[Any, Any],
        programme: Annotated[str, strawberry.argument(
            description="A leadership programme (PKP, PKA...) or a training's name.")],
        min_position: MinPosition = None,
    ) -> TrainingEffectiveness:
        found = await _read(info, ["training_effectiveness"], min_position,
                            lambda m: m.training_effectiveness(programme))
        return TrainingEffectiveness.of(*found)
