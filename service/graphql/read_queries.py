"""The read side of the API (issue 3): career history, promotion eligibility and candidates,
training ledgers and projection status, all answered from the projections' views.

Resolvers wait (bounded) for an optional ``minPosition`` so a client reads its own writes, and
do every storage call off the event loop. A page costs a fixed number of queries."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.errors import DomainError, ServantNotFoundError
from domain.functional.assess import PromotionKind
from domain.nip import validate_nip
from projections.read_models import ReadModels
from projections.views.career_history import queries as career_queries
from projections.views.promotion.candidates import Candidate, assess
from service.as_of import career_history_as_of, promotion_as_of
from service.auth import Principal
from service.graphql.arguments import CalendarYear, Nip
from service.graphql.ledger_types import ProjectionStatus, TrainingLedger
from service.graphql.paging import keyset_connection
from service.graphql.permissions import READERS, require_role
from service.graphql.promotion_types import PromotionAssessment, PromotionKindValue
from service.graphql.read_access import (
    CAREER,
    LEDGER,
    PROMOTION,
    authorize_servant_read,
    page_limit,
    read_after,
    read_models,
    services_of,
    today,
    unit_in_scope,
)
from service.graphql.read_types import CareerHistory
from service.graphql.relay import NODE_KEYS, After, Before, First, Last, MinPosition, PageArgs
from service.graphql.single_servant_read import HISTORY_VERSION
from service.graphql.types import Connection

# A unit's ledgers are read whole and paged in memory by NIP (a unit is hundreds of rows).
UNIT_LEDGER_ROWS = 100_000


def _with_kind(candidate: Candidate, kind: PromotionKind | None) -> Candidate:
    """The candidate judged by ``kind``'s rules instead of its position's default."""
    if kind is None:
        return candidate
    c = candidate
    return assess(c.nip, c.name, c.unit_id, c.unit_name, c.facts, c.as_of, kind=kind)


async def assessment(info: Info[Any, Any], nip: str, day: date, kind: PromotionKind | None,
                     min_position: int | None = None) -> PromotionAssessment:
    """A servant's promotion assessment on ``day`` from the views (scope checked by the
    caller), by ``kind``'s rules or the position's default."""

    def read(models: ReadModels) -> PromotionAssessment | None:
        if kind is None:
            found = models.promotion_with_earliest(nip, day)
            return PromotionAssessment.from_candidate(*found) if found is not None else None
        # Another rule set than the position's default: judged here, with its own walk.
        candidate = models.promotion(nip, day)
        if candidate is None:
            return None
        candidate = _with_kind(candidate, kind)
        return PromotionAssessment.from_candidate(candidate, candidate.earliest_eligible())

    found = await read_after(info, [*PROMOTION, *CAREER], min_position, read)
    if found is None:
        raise ServantNotFoundError(nip)
    return found


@strawberry.type
class ReadQuery:
    @strawberry.field(description="A servant's riwayat from the career_history view; with knownAt "
                      "and/or validAt, as the log showed it at knownAt, describing validAt.")
    async def career_history(
        self, info: Info[Any, Any], nip: Nip, min_position: MinPosition = None,
        known_at: Annotated[Optional[datetime], strawberry.argument(  # noqa: UP045
            description="Show the record as the log knew it at this moment (default now).")] = None,
        valid_at: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="Describe the servant on this day (default today).")] = None,
    ) -> CareerHistory:
        validate_nip(nip)
        await authorize_servant_read(info, nip)
        record: career_queries.CareerHistory | None
        if known_at is not None or valid_at is not None:
            require_role(info, READERS, "read career views")
            app = services_of(info).app
            record = await asyncio.to_thread(career_history_as_of, app, nip, known_at, valid_at)
        elif min_position:
            record = await read_after(info, CAREER, min_position, lambda m: m.career_history(nip))
        else:
            record = await read_models(info).career_history_async(nip)
            if record is not None:
                info.context[HISTORY_VERSION] = record.version
        if record is None:
            raise ServantNotFoundError(nip)
        return CareerHistory.from_record(record)

    @strawberry.field(description="Promotion rules at the next period date on or after asOf "
                      "(default today), the earliest eligible date and the merit score. The "
                      "rule set is promotionKind's, by default the one the position held calls "
                      "for (KP pilihan JF for a functional servant, KP reguler otherwise).")
    async def promotion_eligibility(
        self, info: Info[Any, Any], nip: Nip,
        as_of: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="Judge on the first period date on or after this day (default "
            "today).")] = None,
        min_position: MinPosition = None,
        known_at: Annotated[Optional[datetime], strawberry.argument(  # noqa: UP045
            description="Judge the record as the log knew it at this moment (default "
            "now).")] = None,
        promotion_kind: Annotated[Optional[PromotionKindValue], strawberry.argument(  # noqa: UP045
            description="The rule set to judge by (default the one the position held calls "
            "for).")] = None,
    ) -> PromotionAssessment:
        validate_nip(nip)
        day = today(info, as_of)
        await authorize_servant_read(info, nip)
        kind = PromotionKind(promotion_kind.value) if promotion_kind is not None else None
        if known_at is not None:
            app = services_of(info).app
            candidate, _then = await asyncio.to_thread(promotion_as_of, app, nip, day, known_at)
            candidate = _with_kind(candidate, kind)
            return PromotionAssessment.from_candidate(candidate, candidate.earliest_eligible())

        return await assessment(info, nip, day, kind, min_position)

    @strawberry.field(description="JP by training kind for one servant and year.")
    async def training_ledger(
        self, info: Info[Any, Any], nip: Nip, year: CalendarYear, min_position: MinPosition = None,
    ) -> TrainingLedger:
        validate_nip(nip)
        await authorize_servant_read(info, nip)
        found = await read_after(info, [*LEDGER, *CAREER], min_position,
                                 lambda m: m.training_ledger(nip, year))
        if found is None:
            raise ServantNotFoundError(nip)
        return TrainingLedger.from_record(found)

    @strawberry.field(description="The training ledgers of a unit's servants for one year, "
                      "by NIP; page forward with first/after or backward with last/before.")
    async def unit_training_ledgers(
        self, info: Info[Any, Any], year: CalendarYear,
        unit_id: Annotated[str | None, strawberry.argument(
            description="The work unit (required unless `unit` is given).")] = None,
        unit: Annotated[str | None, strawberry.argument(
            description="The work unit.", deprecation_reason="Use unitId.")] = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
        min_position: MinPosition = None,
    ) -> Connection[TrainingLedger]:
        principal: Principal = require_role(info, READERS, "read career views")
        chosen_unit = unit_id if unit_id is not None else unit
        if chosen_unit is None:
            raise DomainError("INVALID_VALUE", "Give unitId.", "unitId")
        records, _total = await read_after(info, LEDGER, min_position, lambda m: m.training_ledgers(
            chosen_unit, year, UNIT_LEDGER_ROWS, 0))
        if records:
            await unit_in_scope(info, principal, chosen_unit, records[0].nip)
        args = PageArgs.of(page_limit(info), first, after, last, before, arity=1)
        ledgers = [TrainingLedger.from_record(r) for r in records]
        return keyset_connection(ledgers, lambda t: (t.nip,), args)

    @strawberry.field(
        description="Each view's generations: position, log head, lag, status, error.")
    async def projections(self, info: Info[Any, Any]) -> list[ProjectionStatus]:
        require_role(info, READERS, "read projection status")
        models: ReadModels | None = services_of(info).read_models
        if models is None:
            return []
        now = services_of(info).clock()
        statuses = await asyncio.to_thread(models.status, None, now)
        return [ProjectionStatus.from_status(s) for s in statuses]


NODE_KEYS[PromotionAssessment] = lambda a: f"{a.nip}:{a.as_of.isoformat()}:{a.promotion_kind.name}"
