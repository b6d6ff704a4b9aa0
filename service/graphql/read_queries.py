"""The read side of the API (issue 3): career history, promotion eligibility and candidates,
training ledgers and projection status, all answered from the projections' views.

Resolvers wait (bounded) for an optional ``minPosition`` so a client reads its own writes, and
do every storage call off the event loop. A page costs a fixed number of queries."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Optional, TypeVar

import strawberry
from strawberry.types import Info

from domain.errors import DomainError, ServantNotFoundError
from domain.functional.assess import PromotionKind
from domain.nip import validate_nip
from domain.rules.envelope import check_date_range
from projections.read_models import ReadModels
from projections.views.career_history import queries as career_queries
from projections.views.promotion.candidates import ORDERS, Candidate, assess, start_after
from projections.views.promotion.candidates import decode_cursor as decode_key_cursor
from projections.views.promotion.candidates import encode_cursor as encode_key_cursor
from projections.views.promotion.pages import PageRequest, covers
from service.as_of import career_history_as_of, promotion_as_of
from service.auth import Principal
from service.graphql.keyset_pages import keyset_connection, selects
from service.graphql.permissions import READERS, require_role, require_scope
from service.graphql.promotion_types import (
    CandidateFilter,
    CandidateOrder,
    PromotionAssessment,
    PromotionKindValue,
)
from service.graphql.read_types import CareerHistory, ProjectionStatus, TrainingLedger
from service.graphql.types import (
    Connection,
    Edge,
    PageInfo,
    decode_cursor,
    encode_cursor,
)
from service.scope import authorize_servant, needs_servant_scope

T = TypeVar("T")


CAREER, PROMOTION, LEDGER = ["career_history"], ["promotion"], ["training_ledger"]


def _services(info: Info[Any, Any]) -> Any:
    return info.context["services"]


def _models(info: Info[Any, Any]) -> ReadModels:
    require_role(info, READERS, "read career views")
    models: ReadModels | None = _services(info).read_models
    if models is None:
        raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
    return models


async def _read(info: Info[Any, Any], names: list[str], min_position: int | None,
                read: Callable[[ReadModels], T]) -> T:
    """Wait (bounded) for ``min_position``, then run ``read`` off the event loop."""
    require_role(info, READERS, "read career views")
    services = _services(info)
    models: ReadModels = services.read_models
    if models is None:
        raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
    timeout = services.settings.read_your_writes_timeout

    def work() -> T:
        models.wait_for(min_position, names, timeout)
        return read(models)

    return await asyncio.to_thread(work)


def _today(info: Info[Any, Any], as_of: date | None = None) -> date:
    """``as_of`` if given (within the dates the rules cover), else today."""
    if as_of is not None:
        check_date_range(as_of, "asOf")
        return as_of
    today: date = _services(info).clock().date()
    return today


def _in_scope(info: Info[Any, Any], *unit_codes: str) -> None:
    """HR reads only the servants and units its token covers."""
    principal: Principal = require_role(info, READERS, "read career views")
    require_scope(principal, *unit_codes)


async def _authorize_servant(info: Info[Any, Any], nip: str) -> None:
    """HR reads a servant only while the servant is in its scope today (service.scope)."""
    principal: Principal = require_role(info, READERS, "read career views")
    if not needs_servant_scope(principal):
        return
    services = _services(info)
    today: date = services.clock().date()
    await asyncio.to_thread(lambda: authorize_servant(principal, services.app.servant(nip), today))


def _servant_scope(models: ReadModels, nip: str) -> tuple[str, ...]:
    history = models.career_history(nip)
    if history is None:
        return ()
    return history.summary["institution_id"], history.summary["unit_id"]


def _servant_scope_sync(info: Info[Any, Any], nip: str) -> tuple[str, ...]:
    return _servant_scope(_services(info).read_models, nip)


def _with_kind(candidate: Candidate, kind: PromotionKind | None) -> Candidate:
    """The candidate judged by ``kind``'s rules instead of its position's default."""
    if kind is None:
        return candidate
    c = candidate
    return assess(c.nip, c.name, c.unit_id, c.unit_name, c.facts, c.as_of, kind=kind)


def _page_size(info: Info[Any, Any], first: int | None) -> int:
    limit: int = _services(info).settings.max_page_size
    if first is None:
        return limit
    if not 1 <= first <= limit:
        raise DomainError("INVALID_PAGE_SIZE", f"first must be between 1 and {limit}.", "first")
    return first


def _connection(nodes: list[Any], cursors: list[str], start: int, total: int,
                first: int) -> Connection[Any]:
    edges = [Edge(cursor=cursor, node=node) for cursor, node in zip(cursors, nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + first < total, has_previous_page=start > 0,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
        total_count=total,
    )


@strawberry.type
class ReadQuery:
    @strawberry.field(description="A servant's riwayat from the career_history view; with knownAt "
                      "and/or validAt, as the log showed it at knownAt, describing validAt.")
    async def career_history(
        self, info: Info[Any, Any], nip: str, min_position: Optional[int] = None,  # noqa: UP045
        known_at: Optional[datetime] = None, valid_at: Optional[date] = None,  # noqa: UP045
    ) -> CareerHistory:
        validate_nip(nip)
        await _authorize_servant(info, nip)
        record: career_queries.CareerHistory | None
        if known_at is not None or valid_at is not None:
            require_role(info, READERS, "read career views")
            app = _services(info).app
            record = await asyncio.to_thread(career_history_as_of, app, nip, known_at, valid_at)
        elif min_position:
            record = await _read(info, CAREER, min_position, lambda m: m.career_history(nip))
        else:
            record = await _models(info).career_history_async(nip)
        if record is None:
            raise ServantNotFoundError(nip)
        return CareerHistory.from_record(record)

    @strawberry.field(description="Promotion rules at the next period date on or after asOf "
                      "(default today), the earliest eligible date and the merit score. The "
                      "rule set is promotionKind's, by default the one the position held calls "
                      "for (KP pilihan JF for a functional servant, KP reguler otherwise).")
    async def promotion_eligibility(
        self, info: Info[Any, Any], nip: str, as_of: Optional[date] = None,  # noqa: UP045
        min_position: Optional[int] = None, known_at: Optional[datetime] = None,  # noqa: UP045
        promotion_kind: Optional[PromotionKindValue] = None,  # noqa: UP045
    ) -> PromotionAssessment:
        validate_nip(nip)
        day = _today(info, as_of)
        await _authorize_servant(info, nip)
        kind = PromotionKind(promotion_kind.value) if promotion_kind is not None else None
        if known_at is not None:
            app = _services(info).app
            candidate, _then = await asyncio.to_thread(promotion_as_of, app, nip, day, known_at)
            candidate = _with_kind(candidate, kind)
            return PromotionAssessment.from_candidate(candidate, candidate.earliest_eligible())

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

        found = await _read(info, [*PROMOTION, *CAREER], min_position, read)
        if found is None:
            raise ServantNotFoundError(nip)
        return found

    @strawberry.field(description="Servants ranked by merit (domain.md §8): higher score first, "
                      "then earlier rank TMT, then earlier position TMT.")
    async def promotion_candidates(
        self, info: Info[Any, Any], filter: Optional[CandidateFilter] = None,  # noqa: UP045
        order_by: CandidateOrder = CandidateOrder.MERIT, first: Optional[int] = None,  # noqa: UP045
        after: Optional[str] = None, min_position: Optional[int] = None,  # noqa: UP045
    ) -> Connection[PromotionAssessment]:
        chosen = filter or CandidateFilter()
        principal: Principal = require_role(info, READERS, "read career views")
        size = _page_size(info, first)
        day = _today(info, chosen.as_of)
        rank_name = chosen.rank.name if chosen.rank is not None else None

        def indexed(models: ReadModels) -> Connection[PromotionAssessment]:
            scopes = None
            if principal.role == "hr" and not principal.covers("*"):
                scopes = tuple(sorted(principal.scopes))
            request = PageRequest(
                day, unit_id=chosen.unit, rank=rank_name, eligible_only=chosen.eligible_only,
                order=order_by.value, after=decode_key_cursor(after) if after else None,
                scopes=scopes, limit=size, count_total=selects(info, "totalCount"),
            )
            shown, earliest, page = models.promotion_page(request)
            nodes = [PromotionAssessment.from_candidate(c, earliest[c.nip]) for c in shown]
            cursors = [encode_key_cursor(c.sort_key) for c in shown]
            return keyset_connection(nodes, cursors, page)

        def read(models: ReadModels) -> Connection[PromotionAssessment]:
            ranked = models.promotion_candidates(
                day, unit_id=chosen.unit, rank_name=rank_name,
                eligible_only=chosen.eligible_only, order=order_by.value,
            )
            if principal.role == "hr" and not principal.covers("*"):
                institutions = models.institutions()
                ranked = [c for c in ranked if principal.covers(c.unit_id, institutions.get(c.nip, ""))]
            start = start_after(ranked, after)
            shown = ranked[start : start + size]
            nodes = [PromotionAssessment.from_candidate(c, c.earliest_eligible()) for c in shown]
            cursors = [encode_key_cursor(c.sort_key) for c in shown]
            return _connection(nodes, cursors, start, len(ranked), size)

        # Within the spans' horizon a page is an index read; before it (a date earlier than
        # HORIZON_FROM) every servant of the filter is evaluated, as for knownAt reads.
        chosen_read = indexed if covers(day) and order_by.value in ORDERS else read
        return await _read(info, PROMOTION, min_position, chosen_read)

    @strawberry.field(description="JP by training kind for one servant and year.")
    async def training_ledger(
        self, info: Info[Any, Any], nip: str, year: int,
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> TrainingLedger:
        validate_nip(nip)
        await _authorize_servant(info, nip)
        found = await _read(info, [*LEDGER, *CAREER], min_position, lambda m: m.training_ledger(nip, year))
        if found is None:
            raise ServantNotFoundError(nip)
        return TrainingLedger.from_record(found)

    @strawberry.field(description="The training ledgers of a unit's servants for one year, by NIP.")
    async def unit_training_ledgers(
        self, info: Info[Any, Any], unit: str, year: int,
        first: Optional[int] = None, after: Optional[str] = None,  # noqa: UP045
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> Connection[TrainingLedger]:
        principal: Principal = require_role(info, READERS, "read career views")
        size = _page_size(info, first)
        start = decode_cursor(after)
        records, total = await _read(
            info, LEDGER, min_position, lambda m: m.training_ledgers(unit, year, size, start)
        )
        if principal.role == "hr" and not principal.covers(unit):
            # An agency-scoped HR token covers the units of its own agency only; decided from
            # the unit's first row, so a page past the end does not reveal totalCount either.
            first_rows = records or (await _read(
                info, LEDGER, None, lambda m: m.training_ledgers(unit, year, 1, 0)
            ))[0]
            if first_rows:
                _in_scope(info, *await asyncio.to_thread(_servant_scope_sync, info, first_rows[0].nip))
        nodes = [TrainingLedger.from_record(r) for r in records]
        cursors = [encode_cursor(start + i) for i in range(len(nodes))]
        return _connection(nodes, cursors, start, total, size)

    @strawberry.field(description="Each view's generations: position, log head, lag, status, error.")
    async def projections(self, info: Info[Any, Any]) -> list[ProjectionStatus]:
        require_role(info, READERS, "read projection status")
        models: ReadModels | None = _services(info).read_models
        if models is None:
            return []
        now = _services(info).clock()
        statuses = await asyncio.to_thread(models.status, None, now)
        return [ProjectionStatus.from_status(s) for s in statuses]
