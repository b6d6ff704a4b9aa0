"""The write and read side of position competency standards, each position its own stream.

The stream lives in the same log as the servants' (one notification order, one hash chain,
one transaction per act); no servant view subscribes to its topics. Reads that judge a servant
against a standard load the few standard streams of the positions the servant held."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from domain.competence.standards import PositionStandard
from domain.envelope import Envelope
from domain.errors import DomainError, Warning
from domain.position_standard import PositionStandardStream, standard_stream_id
from service.acknowledgement import Idempotency, Recorded
from service.agency_streams import checked_name, stream_or_none, write_stream
from service.application import Riwayat
from service.technical_competencies import dictionary_for

POSITION_ID_LIMIT = 48


def check_position_id(position_id: str) -> str:
    # Short enough that "<positionId>:<version>" is still an identifier (64 characters).
    return checked_name(position_id, "positionId", POSITION_ID_LIMIT)


def stream_of(app: Riwayat, position_id: str) -> PositionStandardStream | None:
    return stream_or_none(app, standard_stream_id(position_id), PositionStandardStream)


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

    required = payload.get("required")
    codes = [str(code) for code in required] if isinstance(required, dict) else []
    dictionary = dictionary_for(app, codes, envelope.tmt)

    def act(stream: PositionStandardStream | None) -> tuple[PositionStandardStream, list[Warning]]:
        if stream is None:
            return PositionStandardStream.set_first(position_id, envelope, dictionary, **payload)
        return stream, stream.revise(envelope, dictionary, **payload)

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
    return write_stream(app, f"standard:{position_id}", lambda: stream_of(app, position_id), act,
                        lambda stream: stream.position_id, idempotency)
