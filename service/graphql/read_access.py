"""What every read resolver does first: check the role and scope, find the read models, wait
(bounded) for a ``minPosition`` so a client reads its own writes, and do storage calls off the
event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from strawberry.types import Info

from domain.errors import DomainError
from domain.rules.envelope import check_date_range
from projections.read_models import ReadModels
from service.auth import Principal
from service.graphql.permissions import READERS, require_role, require_scope
from service.scope import authorize_servant, needs_servant_scope

T = TypeVar("T")
CAREER, PROMOTION, LEDGER = ["career_history"], ["promotion"], ["training_ledger"]


def services_of(info: Info[Any, Any]) -> Any:
    return info.context["services"]


def read_models(info: Info[Any, Any]) -> ReadModels:
    require_role(info, READERS, "read career views")
    models: ReadModels | None = services_of(info).read_models
    if models is None:
        raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
    return models


async def read_after(info: Info[Any, Any], names: list[str], min_position: int | None,
                     read: Callable[[ReadModels], T]) -> T:
    """Wait (bounded) for ``min_position``, then run ``read`` off the event loop."""
    models = read_models(info)
    timeout = services_of(info).settings.read_your_writes_timeout

    def work() -> T:
        models.wait_for(min_position, names, timeout)
        return read(models)

    return await asyncio.to_thread(work)


async def on_app(info: Info[Any, Any], work: Callable[..., T], *args: Any) -> T:
    """``work(app, *args)`` off the event loop, for a read from the log's own streams."""
    return await asyncio.to_thread(work, services_of(info).app, *args)


def today(info: Info[Any, Any], as_of: date | None = None) -> date:
    """``as_of`` if given (within the dates the rules cover), else today."""
    if as_of is not None:
        check_date_range(as_of, "asOf")
        return as_of
    day: date = services_of(info).clock().date()
    return day


def in_scope(info: Info[Any, Any], *unit_codes: str) -> None:
    """HR reads only the servants and units its token covers."""
    principal: Principal = require_role(info, READERS, "read career views")
    require_scope(principal, *unit_codes)


def servant_scope(models: ReadModels, nip: str) -> tuple[str, ...]:
    """The servant's agency and unit in the career view; none for an unknown NIP."""
    history = models.career_history(nip)
    if history is None:
        return ()
    return history.summary["institution_id"], history.summary["unit_id"]


async def unit_in_scope(info: Info[Any, Any], principal: Principal, unit_id: str,
                        nip_in_unit: str) -> None:
    """An agency-scoped HR token covers the units of its own agency only. A unit the token
    does not name is judged by the agency of one of its servants, ``nip_in_unit``: the caller
    picks one even for a page past the end, so totalCount is not shown out of scope either."""
    if principal.role == "hr" and not principal.covers(unit_id):
        scope = await asyncio.to_thread(servant_scope, services_of(info).read_models, nip_in_unit)
        in_scope(info, *scope)


async def authorize_servant_read(info: Info[Any, Any], nip: str) -> None:
    """HR reads a servant only while the servant is in its scope today (service.scope)."""
    principal: Principal = require_role(info, READERS, "read career views")
    if not needs_servant_scope(principal):
        return
    services = services_of(info)
    day: date = services.clock().date()
    await asyncio.to_thread(lambda: authorize_servant(principal, services.app.servant(nip), day))


def page_limit(info: Info[Any, Any]) -> int:
    limit: int = services_of(info).settings.max_page_size
    return limit


def page_size(info: Info[Any, Any], first: int | None) -> int:
    """``first`` checked against the limit (the limit when not given)."""
    limit = page_limit(info)
    if first is None:
        return limit
    if not 1 <= first <= limit:
        raise DomainError("INVALID_PAGE_SIZE", f"first must be between 1 and {limit}.", "first")
    return first
