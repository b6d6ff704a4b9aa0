"""``node(id:)``: an object again from its global id, through the reads that first showed it
and their access rules; null when it is gone or the token may not see it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from strawberry.types import Info

from domain.errors import DomainError
from projections import json_codec
from service.graphql.loaders import Loaders
from service.graphql.read_access import authorize_servant_read, read_after
from service.graphql.relay import parse_global_id

Fetch = Callable[[Info[Any, Any], str, Loaders], Awaitable[Any]]


async def _servant(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    return await loaders.servant.load(key)


async def _event(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    return await loaders.event.load(key)


async def _history_entry(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    from service.graphql.read_types import CareerHistory

    nip, _, rest = key.partition(":")
    section, _, sequence = rest.partition(":")
    await authorize_servant_read(info, nip)
    record = await read_after(info, ["career_history"], None, lambda m: m.career_history(nip))
    if record is None:
        return None
    history = CareerHistory.from_record(record)
    rows = [*history.rank_periods, *history.positions, *history.units, *history.appraisals,
            *history.trainings, *history.education, *history.discipline,
            *history.status_history, *history.competency_assessments]
    return next((r for r in rows if r.section == section and str(r.sequence) == sequence), None)


async def _ledger(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    from service.graphql.ledger_types import TrainingLedger

    nip, _, year = key.partition(":")
    await authorize_servant_read(info, nip)
    found = await read_after(info, ["training_ledger"], None,
                             lambda m: m.training_ledger(nip, int(year)))
    return TrainingLedger.from_record(found) if found is not None else None


async def _finding(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    from service.graphql.audit_queries import AuditFindingFilter, find
    from service.graphql.audit_types import FindingKind
    from service.graphql.permissions import AUDITORS, require_role

    require_role(info, AUDITORS, "read audit findings")
    period, nip, kind = (lambda k: (date.fromisoformat(k[0]), k[1], k[2]))(json_codec.loads(key))
    found = await find(info, AuditFindingFilter(kinds=[FindingKind[kind]], nip=nip or None,
                                                period_from=period, period_to=period))
    return next((f for f in found if list(f.key) == json_codec.loads(key)), None)


async def _assessment(info: Info[Any, Any], key: str, loaders: Loaders) -> Any:
    from domain.functional.assess import PromotionKind
    from service.graphql.read_queries import assessment

    nip, day, kind = key.split(":")
    await authorize_servant_read(info, nip)
    return await assessment(info, nip, date.fromisoformat(day), PromotionKind(kind))


FETCHERS: dict[str, Fetch] = {
    "PromotionAssessment": _assessment,
    "Servant": _servant, "CareerEvent": _event, "HistoryEntry": _history_entry,
    "TrainingLedger": _ledger, "AuditFinding": _finding,
}


async def fetch_node(info: Info[Any, Any], value: str, loaders: Loaders) -> Any:
    type_name, key = parse_global_id(value)
    fetch = FETCHERS.get(type_name)
    if fetch is None:
        raise DomainError("INVALID_ID", f"{type_name} objects have no global id.", "id")
    try:
        return await fetch(info, key, loaders)
    except (DomainError, ValueError, KeyError, IndexError, TypeError):
        # Gone, out of scope, or a key this API never wrote: all look the same (null).
        return None
