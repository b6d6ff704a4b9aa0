"""Writing a stream that is not a servant's (a position's standard, an agency's technical
competency dictionary): one writer per stream, the same idempotency claims as servant
commands, and a retry when another process appended first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from domain.errors import DomainError, Warning
from service.acknowledgement import Idempotency, Recorded, recorded
from service.application import Riwayat
from service.contention import one_writer_per_servant
from service.store.chain import IdempotencyClaim

S = TypeVar("S", bound=Aggregate)


def checked_name(value: str, field: str, limit: int, forbidden: str = "") -> str:
    """``value`` stripped, when it is 1 to ``limit`` characters and holds none of
    ``forbidden``: a stream's name that still makes a short ``<name>:<version>``."""
    cleaned = value.strip()
    if not cleaned or len(cleaned) > limit or any(c in cleaned for c in forbidden):
        without = " without " + " or ".join(repr(c) for c in forbidden) if forbidden else ""
        raise DomainError("INVALID_VALUE", f"{field} must be 1 to {limit} characters{without}.",
                          field)
    return cleaned


def stream_or_none(app: Riwayat, stream_id: UUID, kind: type[S]) -> S | None:
    """The ``kind`` stream saved under ``stream_id`` (each id is named for one kind, so the
    type is the caller's to state); None while nothing has opened it."""
    try:
        stream: S = app.repository.get(stream_id)
    except AggregateNotFoundError:
        return None
    return stream


def write_stream(app: Riwayat, lock_key: str, load: Callable[[], S | None],
                 act: Callable[[S | None], tuple[S, list[Warning]]],
                 name_of: Callable[[S], str], idempotency: Idempotency | None) -> Recorded:
    """Run ``act`` on the stream as ``load`` finds it and save its last event; the result's
    event id is ``<name>:<version>`` and its ``nip`` field carries the stream's name."""
    with one_writer_per_servant(lock_key):
        replay = app.replay(idempotency)
        if replay is not None:
            return replay
        for _ in range(3):
            stream, warnings = act(load())
            try:
                return _save(app, stream, name_of(stream), warnings, idempotency)
            except IntegrityError:
                replay = app.replay(idempotency)
                if replay is not None:
                    return replay
        raise DomainError("VERSION_CONFLICT", f"{name_of(stream)} kept changing; try again.")


def _save(app: Riwayat, stream: Aggregate, name: str, warnings: list[Warning],
          idempotency: Idempotency | None) -> Recorded:
    event = stream.pending_events[-1]
    result = {
        "event_id": f"{name}:{stream.version}",
        "nip": name,
        "event_type": type(event).__name__,
        "version": stream.version,
        "recorded_at": event.timestamp.isoformat(),
        "warnings": [[w.code, w.message] for w in warnings],
    }
    claim = (IdempotencyClaim(idempotency.key, idempotency.request_hash, result,
                              idempotency.subject) if idempotency is not None else None)
    recordings = app.save(stream, idempotency=claim)
    return recorded({**result, "positions": [recordings[-1].notification.id]}, replayed=False)
