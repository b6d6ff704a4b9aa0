"""A unit's competence reads: the competency map and the development plans of its servants,
a keyset page of the unit's servants (by NIP) at a time, forward (first/after) or backward
(last/before). The page of servants comes from the training ledger view; each servant's gaps
and plan are judged from the log, as a single servant's are (competence_queries)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.competence.development import DevelopmentNeed
from domain.competence.plan import training_coverage
from domain.errors import DomainError
from projections.views.training_ledger import queries as ledger_queries
from service.auth import Principal
from service.graphql.arguments import PlannedYear
from service.graphql.competence_plan_types import (
    DevelopmentPlanInfo,
    ProgrammeCoverage,
    ServantGaps,
    UnitCompetencyMap,
)
from service.graphql.competence_queries import _check_year, _plan
from service.graphql.competence_types import DevelopmentNeedInfo
from service.graphql.paging import connection_of
from service.graphql.permissions import READERS, require_role
from service.graphql.read_access import LEDGER, on_app, page_limit, unit_in_scope
from service.graphql.read_access import read_after as _read
from service.graphql.read_access import today as _today
from service.graphql.relay import After, Before, First, Last, MinPosition, PageArgs, encode_key
from service.graphql.types import Connection
from service.standard_reads import servant_record

UnitId = Annotated[str, strawberry.argument(description="The work unit (unit kerja) id.")]


def _gaps(app: Any, as_of: date, people: list[tuple[str, str]],
          ) -> tuple[list[ServantGaps], list[ProgrammeCoverage]]:
    """Each servant's open needs on ``as_of`` and the programmes that would close most."""
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
    return servants, [ProgrammeCoverage.of(c) for c in coverage]


def _nip_bound(key: tuple[Any, ...] | None, argument: str) -> str | None:
    if key is not None and not isinstance(key[0], str):
        raise DomainError("INVALID_CURSOR", "The cursor belongs to another list.", argument)
    return None if key is None else key[0]


async def _unit_page(info: Info[Any, Any], unit_id: str, args: PageArgs,
                     min_position: int | None) -> tuple[list[tuple[str, str]], bool, bool, int]:
    """One keyset page of the unit's servants (nip, name), as the training ledger lists them,
    with whether servants lie before and after it and the unit's count."""
    principal: Principal = require_role(info, READERS, "read career views")
    after, before = _nip_bound(args.after, "after"), _nip_bound(args.before, "before")

    async def page(size: int, first_after: str | None, last_before: str | None,
                   backward: bool) -> tuple[list[tuple[str, str]], bool, int]:
        return await _read(info, LEDGER, min_position, lambda m: m.view_query(
            "training_ledger", lambda c, g: ledger_queries.unit_servants(
                c, g, unit_id, first_after, last_before, size, backward)))

    people, more, total = await page(args.size, after, before, args.backward)
    if total and principal.role == "hr" and not principal.covers(unit_id):
        # Even when this page is empty (past either end) one of the unit's servants decides.
        first = people or (await page(1, None, None, False))[0]
        await unit_in_scope(info, principal, unit_id, first[0][0])
    if args.backward:
        return people, more, args.before is not None, total
    return people, args.after is not None, more, total


def _connection(nodes: list[Any], people: list[tuple[str, str]], has_previous: bool,
                has_next: bool, total: int) -> Connection[Any]:
    cursors = [encode_key((nip,)) for nip, _ in people]
    return connection_of(nodes, cursors, has_previous, has_next, total)


@strawberry.type
class UnitCompetenceQuery:
    @strawberry.field(description="A unit's servants (one page, by NIP) with their open gaps on "
                                  "asOf, and the programmes that would close most of them. Page "
                                  "forward with first/after or backward with last/before.")
    async def unit_competency_map(
        self, info: Info[Any, Any], unit_id: UnitId,
        as_of: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="The day the gaps are judged on (default today).")] = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
        min_position: MinPosition = None,
    ) -> UnitCompetencyMap:
        day = _today(info, as_of)
        args = PageArgs.of(page_limit(info), first, after, last, before, arity=1)
        people, has_previous, has_next, total = await _unit_page(info, unit_id, args,
                                                                 min_position)
        servants, programmes = await on_app(info, _gaps, day, people)
        return UnitCompetencyMap(
            unit_id=unit_id, as_of=day, programmes=programmes,
            servants=_connection(servants, people, has_previous, has_next, total))

    @strawberry.field(description="The development plans of a unit's servants for a year (one "
                                  "page, by NIP). Page forward with first/after or backward with "
                                  "last/before.")
    async def unit_development_plan(
        self, info: Info[Any, Any], unit_id: UnitId, year: PlannedYear,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
        min_position: MinPosition = None,
    ) -> Connection[DevelopmentPlanInfo]:
        _check_year(year)
        args = PageArgs.of(page_limit(info), first, after, last, before, arity=1)
        people, has_previous, has_next, total = await _unit_page(info, unit_id, args,
                                                                 min_position)
        app = info.context["services"].app
        plans = await asyncio.to_thread(lambda: [_plan(app, nip, year) for nip, _ in people])
        return _connection(plans, people, has_previous, has_next, total)
