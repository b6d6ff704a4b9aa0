"""Live feeds: new career events of a unit, projection progress, new audit findings.

Every feed reads from the process's one log poller (``service.live.hub``), so a subscriber
costs no database query of its own for events; the same works on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import date
from enum import Enum
from typing import Annotated, Any, Optional, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from domain.errors import DomainError
from service.audit.findings import FindingFilter, read_findings
from service.graphql.audit_queries import AuditFinding
from service.graphql.derived_types import output_type
from service.graphql.permissions import AUDITORS, READERS, require_role
from service.graphql.queries import LOG_READERS
from service.graphql.types import CareerEvent
from service.live.hub import LogHub

T = TypeVar("T")
EventsOfUnit = Annotated[str, strawberry.argument(
    description="The work unit, or the agency, whose servants' events to send.")]


@strawberry.enum(description="Where a view stands.")
class ViewState(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Serving reads and following the log.")
    BUILDING = strawberry.enum_value("BUILDING", description="Being built; not serving reads yet.")
    FAILED = strawberry.enum_value("FAILED", description="Stopped at an event it could not apply.")


ViewProgress: Any = output_type(
    "ViewProgress", given={"name": str, "status": ViewState, "position": int, "lag_events": int},
    computed={"status": lambda s: ViewState[s.status]})


@strawberry.type(description="The log's head and how far each view has read it.")
class ProjectionProgress:
    head: int = strawberry.field(description="The log's last position.")
    views: list[ViewProgress] = strawberry.field(description="Every view serving reads.")


def _hub(info: Info[Any, Any]) -> LogHub:
    hub: LogHub = info.context["live_hub"]
    return hub


async def _coded(info: Info[Any, Any], feed: AsyncIterator[T]) -> AsyncIterator[T]:
    """Run ``feed`` as one subscription of the connection, its refusals with their codes (a
    subscription's errors skip the HTTP path that gives them elsewhere)."""
    conn = info.context["live_connection"]
    limit = info.context["services"].settings.max_subscriptions_per_connection
    try:
        if conn.subscriptions >= limit:
            raise DomainError("SUBSCRIPTION_LIMIT",
                              f"This connection already runs {limit} subscriptions.")
        conn.subscriptions += 1
        try:
            async for item in feed:
                yield item
        finally:
            conn.subscriptions -= 1
    except DomainError as error:
        extensions = {"code": error.code, "requestId": info.context["request_id"]}
        if error.field:
            extensions["field"] = error.field
        raise GraphQLError(error.message, extensions=extensions) from None


async def _career_events(info: Info[Any, Any], unit_id: str) -> AsyncIterator[CareerEvent]:
    principal = require_role(info, LOG_READERS, "follow career events")
    async for item in _hub(info).events():
        if unit_id not in (item.unit_id, item.institution_id):
            continue
        # HR follows only the servants its scope covers today, as for reads.
        if principal.role == "hr" and not principal.covers(item.institution_id, item.unit_id):
            continue
        yield CareerEvent.from_event(item.event, item.nip, item.position, item.stream)


def _progress(read_models: Any) -> ProjectionProgress:
    statuses = [s for s in read_models.status() if s.active]
    head = max((s.head for s in statuses), default=0)
    return ProjectionProgress(head=head, views=[
        ViewProgress.from_domain(s) for s in statuses])


async def _projection_progress(info: Info[Any, Any]) -> AsyncIterator[ProjectionProgress]:
    require_role(info, READERS, "follow projection progress")
    services = info.context["services"]
    last: tuple[Any, ...] | None = None
    while True:
        report = await asyncio.to_thread(_progress, services.read_models)
        shown = (report.head, *((v.name, v.position, v.status) for v in report.views))
        if shown != last:
            last = shown
            yield report
        # Views move after the log does: look again on new events, and now and then.
        await _hub(info).wait_tick(services.settings.live_poll_seconds * 4)


async def _findings_added(info: Info[Any, Any], flt: FindingFilter) -> AsyncIterator[AuditFinding]:
    require_role(info, AUDITORS, "follow audit findings")
    services = info.context["services"]

    def current() -> dict[tuple[Any, ...], Any]:
        found = read_findings(services.read_models, services.settings, flt)
        return {(f.kind, f.nip, f.unit_id, f.period, f.subject_event_id,
                 tuple(f.event_ids)): f for f in found}

    # New means resting on an event written after the subscription began, however far the
    # view had read by then (a view still building may read past that point in one batch).
    began = int(await asyncio.to_thread(services.app.recorder.max_notification_id) or 0)
    seen: set[tuple[Any, ...]] = set()
    while True:
        try:
            latest = await asyncio.to_thread(current)
        except DomainError as error:  # still building, or switching generations: look later
            if error.code != "PROJECTION_BEHIND":
                raise
            latest = {}
        for key, finding in latest.items():
            if key not in seen and max(finding.positions, default=0) > began:
                seen.add(key)
                yield AuditFinding.from_finding(finding)
        await _hub(info).wait_tick(services.settings.live_poll_seconds * 4)


@strawberry.type(description="Live feeds over a websocket (graphql-transport-ws): send the "
                 "bearer token as Authorization in the connection_init payload.")
class Subscription:
    @strawberry.subscription(description="Each event recorded from now on for servants of a "
                             "unit or agency, as it reaches the log (HR and auditors).")
    async def career_events(
        self, info: Info[Any, Any], unit_id: EventsOfUnit,
    ) -> AsyncGenerator[CareerEvent, None]:
        async for event in _coded(info, _career_events(info, unit_id)):
            yield event

    @strawberry.subscription(description="The views' progress through the log: sent now, then "
                             "whenever a view moves.")
    async def projection_progress(self, info: Info[Any, Any]
                                  ) -> AsyncGenerator[ProjectionProgress, None]:
        async for report in _coded(info, _projection_progress(info)):
            yield report

    @strawberry.subscription(description="Audit findings that appear from now on, as the "
                             "findings view reads new events (auditors).")
    async def audit_findings_added(
        self, info: Info[Any, Any],
        unit_id: Annotated[Optional[str], strawberry.argument(  # noqa: UP045
            description="Only findings of this work unit; default all.")] = None,
        period_from: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="Only findings of periods from this day on.")] = None,
    ) -> AsyncGenerator[AuditFinding, None]:
        flt = FindingFilter(unit_id=unit_id, period_from=period_from)
        async for finding in _coded(info, _findings_added(info, flt)):
            yield finding


