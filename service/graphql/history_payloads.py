"""The typed payloads of career-history rows: the row's event as it stands (with the
corrections the row shows) and as first recorded, read with one DataLoader per request so a
history page reads each servant's stream once.

Unlike a raw event (``HistoryEntry.event``, for the roles that may read the log), these reach
viewers too, so personal fields go through the same policy as the JSON details: a viewer gets
them as null."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.errors import DomainError
from domain.events import CareerEvent, EventCorrected
from service.graphql.change_types import changes_for
from service.graphql.event_types import payload_of
from service.graphql.request_scoped import RequestScoped
from service.redaction import PERSONAL_DATA_ROLES, is_personal
from service.scope import authorize_servant

RowKey = tuple[str, ...]  # a row's event ids, the original first (Provenance.eventIds)


@dataclass(frozen=True)
class RowPayloads:
    """A row's event as the row shows it, and as first recorded when corrected since."""

    current: Any
    original: Any | None
    corrections: dict[str, Any] = dataclasses.field(default_factory=dict)  # by event id, typed


def withheld(value: Any) -> Any:
    """A typed payload (or changes) with personal fields set to null, at any depth, and not
    named among the fields a correction changed."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if is_personal(field.name):
            changes[field.name] = None
        elif field.name == "changed_fields":  # as the JSON changes drop the key: not named
            changes[field.name] = [name for name in item if not is_personal(name)]
        elif dataclasses.is_dataclass(item):
            changes[field.name] = withheld(item)
    return dataclasses.replace(value, **changes) if changes else value


def row_payloads(nip: str, events: Sequence[CareerEvent], key: RowKey) -> RowPayloads | None:
    """The payloads of the row built from the events ``key`` names, from the servant's
    ``events`` in version order: the original with the row's own corrections applied."""
    versions = [int(event_id.rpartition(":")[2]) for event_id in key]
    if not versions or not 0 < versions[0] <= len(events):
        return None
    original = events[versions[0] - 1]
    current, corrections = original, {}
    for version in versions[1:]:
        event = events[version - 1] if version <= len(events) else None
        if isinstance(event, EventCorrected) and event.target_version == versions[0]:
            current = dataclasses.replace(current, **event.changes)
            corrections[f"{nip}:{version}"] = changes_for(type(original), event.changes)
    return RowPayloads(current=payload_of(current, nip, events),
                       original=payload_of(original, nip, events) if corrections else None,
                       corrections=corrections)


class HistoryPayloads(RequestScoped):
    """The request's loader of row payloads."""

    context_key = "history_payloads"

    def __init__(self, info: Info[Any, Any]) -> None:
        super().__init__(info)
        self.loader: DataLoader[RowKey, RowPayloads | None] = DataLoader(load_fn=self._load)

    async def load(self, key: RowKey) -> RowPayloads | None:
        return await self.loader.load(key)

    async def _load(self, keys: Sequence[RowKey]) -> list[RowPayloads | None]:
        return await asyncio.to_thread(self._read, keys)

    def _read(self, keys: Sequence[RowKey]) -> list[RowPayloads | None]:
        streams: dict[str, list[CareerEvent] | None] = {}
        for nip in sorted({key[0].partition(":")[0] for key in keys if key}):
            try:
                servant = self.services.app.servant(nip)
                authorize_servant(self.principal, servant, self.today)
                streams[nip] = list(servant.events)
            except DomainError:
                streams[nip] = None
        personal = self.principal.role in PERSONAL_DATA_ROLES
        found: list[RowPayloads | None] = []
        for key in keys:
            nip = key[0].partition(":")[0] if key else ""
            events = streams.get(nip)
            payloads = row_payloads(nip, events, key) if events else None
            if payloads is not None and not personal:
                payloads = RowPayloads(
                    withheld(payloads.current), withheld(payloads.original),
                    {key: withheld(c) for key, c in payloads.corrections.items()})
            found.append(payloads)
        return found
