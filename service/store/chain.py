"""The tamper-evident hash chain over the log, and idempotency claims: both are written by the
recorders in the transaction that appends the events, so neither can lag behind the log."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from projections import json_codec

GENESIS = "0" * 64


def event_hash(position: int, originator_id: UUID | str, version: int, topic: str, state: bytes) -> str:
    """Hash of one stored event's canonical content; the payload (with its recorded time)
    enters as the digest of its stored bytes."""
    canonical = json_codec.canonical_bytes(
        [position, str(originator_id), version, topic, hashlib.sha256(state).hexdigest()]
    )
    return hashlib.sha256(canonical).hexdigest()


def link_hash(previous: str, this_event_hash: str) -> str:
    return hashlib.sha256(f"{previous}{this_event_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class Link:
    position: int
    originator_id: str
    originator_version: int
    event_hash: str
    chain_hash: str


def links_for(
    previous: str, stored_events: Sequence[Any], positions: Sequence[int]
) -> list[Link]:
    links = []
    for stored, position in zip(stored_events, positions, strict=True):
        digest = event_hash(
            position, stored.originator_id, stored.originator_version, stored.topic, stored.state
        )
        previous = link_hash(previous, digest)
        links.append(Link(position, str(stored.originator_id), stored.originator_version, digest, previous))
    return links


@dataclass(frozen=True)
class IdempotencyClaim:
    """Passed to ``save()``: who sent the request, its key, a hash of its input and the result
    to replay. Subject and key are stored in columns of their own, so no pair of them can
    spell another pair (``riwayat_idempotency_keys``); ``riwayat_idempotency`` holds the keys
    written before, as ``subject/key``, and is only read."""

    key: str
    request_hash: str
    result: dict[str, Any] = field(default_factory=dict)
    subject: str = ""

    def stored_result(self, positions: Sequence[int]) -> str:
        return json_codec.dumps_text({**self.result, "positions": list(positions)})


@dataclass(frozen=True)
class ClaimedEvents:
    """One command's claim inside a save of several commands: its events are
    ``stored_events[start:stop]``, so its stored result names their positions only."""

    claim: IdempotencyClaim
    start: int
    stop: int


def claim_rows(kwargs: dict[str, Any], positions: Sequence[int]) -> list[tuple[str, str, str, str]]:
    """(subject, key, request hash, result) rows for the claims passed to ``save()``: one
    ``idempotency`` claim covering every event, or ``idempotency_claims`` for a group."""
    single: IdempotencyClaim | None = kwargs.get("idempotency")
    claims: list[ClaimedEvents] = list(kwargs.get("idempotency_claims") or ())
    if single is not None:
        claims.append(ClaimedEvents(single, 0, len(positions)))
    return [
        (c.claim.subject, c.claim.key, c.claim.request_hash,
         c.claim.stored_result(positions[c.start:c.stop]))
        for c in claims
    ]
