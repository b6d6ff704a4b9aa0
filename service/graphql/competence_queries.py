"""Competence reads (domain.md §6): profiles, plans, unit maps and training effectiveness.

A profile or a plan judges the servant's stream against the standard streams of the positions
the servant held, so both are read from the log per request (a servant and a few standards),
not from a view: a servant view's rows depend on that servant's stream only."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any, Optional

import strawberry
from strawberry.types import Info

from domain.competence.development import DevelopmentNeed
from domain.competence.plan import development_plan, training_coverage
from domain.competence.record import standard_for
from domain.errors import DomainError
from domain.nip import validate_nip
from service.auth import Principal
from service.graphql.competence_types import (
    CompetencyProfile,
    DevelopmentNeedInfo,
    DevelopmentPlanInfo,
    PositionStandardInfo,
    ProgrammeCoverage,
    ServantGaps,
    TrainingEffectiveness,
    UnitCompetencyMap,
)
from service.graphql.permissions import READERS, require_role
from service.graphql.read_queries import (
    LEDGER,
    _authorize_servant,
    _in_scope,
    _page_size,
    _read,
    _servant_scope_sync,
    _today,
)
from service.graphql.types import decode_cursor
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


def _unit_map(app: Any, unit_id: str, as_of: date, people: list[tuple[str, str]]) -> UnitCompetencyMap:
    servants: list[ServantGaps] = []
    open_needs: list[DevelopmentNeed] = []
    catalogue: dict[str, set[str]] = {}
    for nip, name in people:
        record, standards, _ = servant_record(app, nip, as_of)
        analysis = record.gap(standards, as_of)
        still_open = [n for n in record.needs if n.is_open]
        open_needs.extend(still_open)
        for training in record.trainings:
            catalogue.setdefault(training.programme, set()).update(training.addresses)
        band = analysis.category if analysis else None
        servants.append(ServantGaps(
            nip=nip, name=name, jpm_percent=analysis.jpm_percent if analysis else None,
            jpm_category=band.category if band else None,
            open_needs=[DevelopmentNeedInfo.of(n) for n in still_open]))
    coverage = training_coverage(open_needs, {k: frozenset(v) for k, v in catalogue.items()})
    return UnitCompetencyMap(unit_id=unit_id, as_of=as_of, servants=servants,
                             programmes=[ProgrammeCoverage.of(c) for c in coverage])


async def _unit_people(info: Info[Any, Any], unit_id: str, year: int, first: int | None,
                       after: str | None, min_position: int | None) -> list[tuple[str, str]]:
    """One page of the unit's servants (by NIP), as the training ledger lists them."""
    principal: Principal = require_role(info, READERS, "read career views")
    size = _page_size(info, first)
    start = decode_cursor(after)
    records, _ = await _read(info, LEDGER, min_position,
                             lambda m: m.training_ledgers(unit_id, year, size, start))
    if records and not principal.covers(unit_id):
        _in_scope(info, *await asyncio.to_thread(_servant_scope_sync, info, records[0].nip))
    return [(r.nip, r.name) for r in records]


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

    @strawberry.field(description="A unit's servants (one page, by NIP) with their open gaps on "
                                  "asOf, and the programmes that would close most of them.")
    async def unit_competency_map(
        self, info: Info[Any, Any], unit_id: str, as_of: Optional[date] = None,  # noqa: UP045
        first: Optional[int] = None, after: Optional[str] = None,  # noqa: UP045
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> UnitCompetencyMap:
        day = _today(info, as_of)
        people = await _unit_people(info, unit_id, day.year, first, after, min_position)
        return await asyncio.to_thread(_unit_map, info.context["services"].app, unit_id, day,
                                       people)

    @strawberry.field(description="The development plans of a unit's servants (one page, by NIP).")
    async def unit_development_plan(
        self, info: Info[Any, Any], unit_id: str, year: int,
        first: Optional[int] = None, after: Optional[str] = None,  # noqa: UP045
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> list[DevelopmentPlanInfo]:
        _check_year(year)
        people = await _unit_people(info, unit_id, year, first, after, min_position)
        app = info.context["services"].app
        return await asyncio.to_thread(lambda: [_plan(app, nip, year) for nip, _ in people])

    @strawberry.field(description="Evaluation results of a training programme, by level.")
    async def training_effectiveness(
        self, info: Info[Any, Any], programme: str,
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> TrainingEffectiveness:
        found = await _read(info, ["training_effectiveness"], min_position,
                            lambda m: m.training_effectiveness(programme))
        return TrainingEffectiveness.of(*found)
