"""What every career event carries besides its payload (domain.md §4, envelope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.values import Source


@dataclass(frozen=True)
class Actor:
    """Who records an event; taken from the request's credentials, never from its input."""

    id: str
    role: str


@dataclass(frozen=True)
class Envelope:
    """Valid time (TMT), legal basis, actor, source and the known time of one event."""

    tmt: date
    sk_number: str
    sk_date: date
    sk_official: str
    actor: Actor
    recorded_at: datetime
    source: Source = Source.MANUAL
    document_hash: str | None = None
    # Set only by an import (domain.events.CareerEvent): never from a mutation's input.
    source_record_id: str | None = None
    legacy_without_sk: bool = False

    def event_fields(self) -> dict[str, Any]:
        return {
            "tmt": self.tmt,
            "sk_number": self.sk_number,
            "sk_date": self.sk_date,
            "sk_official": self.sk_official,
            "actor_id": self.actor.id,
            "actor_role": self.actor.role,
            "source": self.source,
            "document_hash": self.document_hash,
            "timestamp": self.recorded_at,
            # Career events only; a position standard's envelope never carries them.
            **({"source_record_id": self.source_record_id} if self.source_record_id else {}),
            **({"legacy_without_sk": True} if self.legacy_without_sk else {}),
        }


# Envelope fields a correction may replace; who recorded an event and where it came from stay.
CORRECTABLE_ENVELOPE_FIELDS = frozenset({"tmt", "sk_number", "sk_date", "sk_official", "document_hash"})
