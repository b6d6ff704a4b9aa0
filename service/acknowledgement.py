"""What a mutation answers: its acknowledgement, its idempotency key, and the refusals the
write path itself decides (a duplicate appointment, a version conflict, a reused key)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.errors import DomainError, Warning
from projections import json_codec


@dataclass(frozen=True)
class Recorded:
    """The acknowledgement of one mutation."""

    event_id: str
    nip: str
    event_type: str
    version: int
    position: int
    recorded_at: datetime
    warnings: tuple[Warning, ...]
    replayed: bool = False


@dataclass(frozen=True)
class Idempotency:
    key: str
    request_hash: str
    subject: str = ""


def request_hash(operation: str, payload: Any) -> str:
    return hashlib.sha256(json_codec.canonical_bytes([operation, payload])).hexdigest()


def recorded(result: dict[str, Any], *, replayed: bool) -> Recorded:
    return Recorded(
        event_id=result["event_id"],
        nip=result["nip"],
        event_type=result["event_type"],
        version=result["version"],
        position=result["positions"][-1],
        recorded_at=datetime.fromisoformat(result["recorded_at"]),
        warnings=tuple(Warning(code, message) for code, message in result["warnings"]),
        replayed=replayed,
    )


def duplicate_appointment(nip: str) -> DomainError:
    return DomainError(
        "DUPLICATE_APPOINTMENT", f"A servant with NIP {nip} is already appointed.", "nip"
    )


def version_conflict(nip: str, expected: int, actual: int | None) -> DomainError:
    actual_text = f"is at version {actual}" if actual is not None else "was changed concurrently"
    return DomainError(
        "VERSION_CONFLICT",
        f"Expected servant {nip} at version {expected}, but it {actual_text}; reload and retry.",
        "expectedVersion",
    )


def key_reused() -> DomainError:
    return DomainError(
        "IDEMPOTENCY_KEY_REUSED",
        "This idempotency key was already used for a different request; use a new key.",
        "idempotencyKey",
    )
