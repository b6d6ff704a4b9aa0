"""Many servants at once: their latest state in one statement, and many events appended in
one transaction, for the writers that handle many commands together (bulk append, group
commit). One statement replaces a round trip per servant (and per event)."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from eventsourcing.application import project_aggregate
from eventsourcing.persistence import Notification, Recording, StoredEvent

from domain.errors import DomainError
from domain.nip import validate_nip
from domain.servant import CivilServant, servant_id
from service.store.eventsourcing_adapter import CommitHooks

if TYPE_CHECKING:
    from service.application import Riwayat


def existing_servants(app: Riwayat, nips: Sequence[str]) -> dict[str, CivilServant | None]:
    """The latest state of each servant (``None``: not appointed), as ``app.existing`` gives
    it: a cached servant is brought forward by its newer events only, and the cache keeps
    the result. The NIPs must be valid."""
    cache = app.repository.cache
    known: dict[str, CivilServant | None] = {}
    for nip in nips:
        try:
            cached = cache.get(servant_id(nip)) if cache is not None else None
            known[nip] = deepcopy(cached) if isinstance(cached, CivilServant) else None
        except KeyError:
            known[nip] = None
    streams = {servant_id(nip): nip for nip in nips}
    newer = app.recorder.stored_events_after(  # type: ignore[attr-defined]
        {stream: _version(known[nip]) for stream, nip in streams.items()}
    )
    latest: dict[str, CivilServant | None] = {}
    for stream, nip in streams.items():
        events = [app.mapper.to_domain_event(stored) for stored in newer.get(stream, ())]
        servant: CivilServant | None = (
            project_aggregate(known[nip], events) if events else known[nip]
        )
        if events and servant is not None and cache is not None:
            cache.put(stream, deepcopy(servant))
        latest[nip] = servant
    return latest


def nip_error(nip: str) -> DomainError | None:
    """Why ``nip`` is no valid NIP, if it is not (such servants cannot be loaded)."""
    try:
        validate_nip(nip)
    except DomainError as error:
        return error
    return None


def _version(servant: CivilServant | None) -> int:
    return servant.version if servant is not None else 0


def append_events(app: Riwayat, events: Sequence[Any]) -> list[int]:
    """Append ``events`` (new events of any servants, in log order) in one transaction and
    return their positions; IntegrityError if any of them collides, and then none is
    written. Commit hooks see them as they see a save."""
    stored = [app.mapper.to_stored_event(event) for event in events]
    positions: list[int] = app.recorder.append_bulk(stored)  # type: ignore[attr-defined]
    if isinstance(app, CommitHooks):
        app.after_commit([
            Recording(event, Notification(
                id=position, originator_id=s.originator_id,
                originator_version=s.originator_version, topic=s.topic, state=s.state,
            ))
            for event, s, position in zip(events, stored, positions, strict=True)
        ])
    return positions



def append_stored(app: Riwayat, stored: Sequence[StoredEvent]) -> list[int]:
    """``append_events`` for events already encoded by ``app.mapper``, for an application
    without commit hooks (they would need the domain events)."""
    assert not isinstance(app, CommitHooks), "commit hooks need the domain events"
    positions: list[int] = app.recorder.append_bulk(stored)  # type: ignore[attr-defined]
    return positions
