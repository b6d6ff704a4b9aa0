"""Queries over one servant's own stream: state, events, a single event."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.errors import DomainError, EventNotFoundError
from domain.nip import validate_nip
from domain.servant import CivilServant as CS
from domain.servant import parse_event_id
from domain.state import effective_events, fold
from service.graphql.paging import keyset_connection
from service.graphql.permissions import READERS, require_role
from service.graphql.relay import After, Before, First, Last, PageArgs
from service.graphql.types import CareerEvent, Connection, Servant
from service.scope import authorize_servant

LOG_READERS = frozenset({"hr", "auditor"})


def _load(info: Info[Any, Any], nip: str, roles: frozenset[str] = READERS) -> CS:
    principal = require_role(info, roles, "read this record")
    servant: CS = info.context["services"].app.servant(validate_nip(nip))
    authorize_servant(principal, servant, info.context["services"].clock().date())
    return servant


def _events_with_positions(info: Info[Any, Any], nip: str) -> list[CareerEvent]:
    # The raw log carries personal fields (birth date in the appointment), so not for viewers.
    servant = _load(info, nip, LOG_READERS)
    positions = info.context["services"].app.positions_of(nip)
    return [
        CareerEvent.from_event(event, servant.nip, positions.get(event.originator_version),
                               servant.events)
        for event in servant.events
    ]


@strawberry.type
class LogQuery:
    @strawberry.field(
        description="The servant's state as the log showed it at knownAt (default now), "
        "describing the servant on validAt (default today)."
    )
    async def servant(
        self,
        info: Info[Any, Any],
        nip: Annotated[str, strawberry.argument(description="The servant's NIP.")],
        known_at: Annotated[Optional[datetime], strawberry.argument(  # noqa: UP045
            description="Show the record as it was known at this moment; default now.")] = None,
        valid_at: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="Describe the servant on this day; default today.")] = None,
    ) -> Servant:
        def resolve() -> Servant:
            servant = _load(info, nip)
            events = [e for e in servant.events if known_at is None or e.timestamp <= known_at]
            if not events:
                raise DomainError("SERVANT_NOT_FOUND", f"Servant {nip} was not yet recorded at {known_at}.", "nip")
            today = info.context["services"].clock().date()
            day = valid_at or today
            state = fold(effective_events(servant.events, known_at), day)
            if state.cpns_tmt > day:
                raise DomainError("NOT_YET_APPOINTED", "The servant was not appointed on that date.")
            return Servant.from_state(state, events[-1].originator_version)

        return await asyncio.to_thread(resolve)

    @strawberry.field(description="Every event of the servant's stream, corrections included, in order.")
    async def career_events(
        self,
        info: Info[Any, Any],
        nip: Annotated[str, strawberry.argument(description="The servant's NIP.")],
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[CareerEvent]:
        limit = info.context["services"].settings.max_page_size
        args = PageArgs.of(limit, first, after, last, before, arity=1)
        events = await asyncio.to_thread(_events_with_positions, info, nip)
        return keyset_connection(events, lambda e: (e.version,), args)

    @strawberry.field(description="One event by id (\"<nip>:<version>\").")
    async def event(
        self, info: Info[Any, Any],
        id: Annotated[str, strawberry.argument(description="The event's id, <nip>:<version>.")],
    ) -> CareerEvent:
        parsed = parse_event_id(id)
        if parsed is None:
            raise EventNotFoundError(id[:40])
        nip, version = parsed
        events = await asyncio.to_thread(_events_with_positions, info, nip)
        if not 1 <= version <= len(events):
            raise EventNotFoundError(id)
        return events[version - 1]
