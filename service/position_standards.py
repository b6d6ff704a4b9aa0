"""The write and read side of position competency standards, each position its own stream.

The stream lives in the same log as the servants' (one notification order, one hash chain,
one transaction per act); no servant view subscribes to its topics. Reads that judge a servant
against a standard load the few standard streams of the positions the servant held."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain.competence.standards import PositionStandard
from domain.envelope import Envelope
from domain.errors import DomainError, Warning
from domain.position_standard import PositionStandardStream, standard_stream_id
from service.acknowledgement import Idempotency, Recorded, recorded
from service.application import Riwayat
from service.contention import one_writer_per_servant
from service.store.chain import IdempotencyClaim

POSITION_ID_LIMIT = 48


def check_position_id(position_id: str) -> str:
    cleaned = position_id.strip()
    # Short enough that "<positionId>:<version>" is still an identifier (64 characters).
    if not cleaned or len(cleaned) > POSITION_ID_LIMIT:
        raise DomainError("INVALID_VALUE", f"positionId must be 1 to {POSITION_ID_LIMIT} "
                          "characters.", "positionId")
    return cleaned


def stream_of(app: Riwayat, position_id: str) -> PositionStandardStream | None:
    try:
        stream: PositionStandardStream = app.repository.get(standard_stream_id(position_id))
    except AggregateNotFoundError:
        return None
    return stream


def standards_for(app: Riwayat, keys: Iterable[str]) -> dict[str, tuple[PositionStandard, ...]]:
    found = {}
    for key in dict.fromkeys(keys):
        stream = stream_of(app, key)
        if stream is not None:
            found[key] = stream.standards
    return found


def set_standard(app: Riwayat, position_id: str, envelope: Envelope, payload: dict[str, Any],
                 idempotency: Idempotency | None) -> Recorded:
    """The first standard of a position opens its stream; any later one revises it."""

    def act(stream: PositionStandardStream | None) -> tuple[PositionStandardStream, list[Warning]]:
        if stream is None:
            return PositionStandardStream.set_first(position_id, envelope, **payload)
        return stream, stream.revise(envelope, **payload)

    return _write(app, position_id, act, idempotency)


def retire_standard(app: Riwayat, position_id: str, envelope: Envelope, standard_version: int,
                    idempotency: Idempotency | None) -> Recorded:
    def act(stream: PositionStandardStream | None) -> tuple[PositionStandardStream, list[Warning]]:
        if stream is None:
            raise DomainError("STANDARD_NOT_FOUND",
                              f"Position {position_id} has no recorded standard.", "positionId")
        return stream, stream.retire(envelope, standard_version)

    return _write(app, position_id, act, idempotency)


Act = Callable[[PositionStandardStream | None], tuple[PositionStandardStream, list[Warning]]]


def _write(app: Riwayat, position_id: str, act: Act, idempotency: Idempotency | None) -> Recorded:
    with one_writer_per_servant(f"standard:{position_id}"):
        replay = app.replay(idempotency)
        if replay is not None:
            return replay
        for _ in range(3):
            stream, warnings = act(stream_of(app, position_id))
            try:
                return _save(app, stream, warnings, idempotency)
            except IntegrityError:
                replay = app.replay(idempotency)
                if replay is not None:
                    return replay
        raise DomainError("VERSION_CONFLICT",
                          f"The standard of {position_id} kept changing; try again.")


def _save(app: Riwayat, stream: PositionStandardStream, warnings: list[Warning],
          idempotency: Idempotency | None) -> Recorded:
    event = stream.pending_events[-1]
    result = {
        "event_id": f"{stream.position_id}:{stream.version}",
        "nip": stream.position_id,
        "event_type": type(event).__name__,
        "version": stream.version,
        "recorded_at": event.timestamp.isoformat(),
        "warnings": [[w.code, w.message] for w in warnings],
    }
    claim = (IdempotencyClaim(idempotency.key, idempotency.request_hash, result,
                              idempotency.subject) if idempotency is not None else None)
    recordings = app.save(stream, idempotency=claim)
    return recorded({**result, "positions": [recordings[-1].notification.id]}, replayed=False)
