"""The events of a stream as they stand: corrections applied, retractions dropped, using only
what was recorded by a known time (the bitemporal read of domain.md §4)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.events import CORRECTION_KINDS, CareerEvent, EventCorrected, EventRetracted


@dataclass(frozen=True)
class Effective:
    """One career event as it stands after corrections, with its correction trail."""

    event: CareerEvent
    original: CareerEvent
    corrections: tuple[EventCorrected, ...]

    @property
    def version(self) -> int:
        return self.original.originator_version


def effective_events(
    events: Sequence[CareerEvent], known_at: datetime | None = None
) -> list[Effective]:
    """Apply corrections and drop retractions, using only what was recorded by ``known_at``."""
    known = [e for e in events if known_at is None or e.timestamp <= known_at]
    corrections: dict[int, list[EventCorrected]] = {}
    retracted: set[int] = set()
    for event in known:
        if isinstance(event, EventCorrected):
            corrections.setdefault(event.target_version, []).append(event)
        elif isinstance(event, EventRetracted):
            retracted.add(event.target_version)
    result = []
    for event in known:
        version = event.originator_version
        if isinstance(event, CORRECTION_KINDS) or version in retracted:
            continue
        trail = tuple(corrections.get(version, ()))
        current: CareerEvent = event
        for correction in trail:
            current = dataclasses.replace(current, **correction.changes)
        result.append(Effective(current, event, trail))
    return result
