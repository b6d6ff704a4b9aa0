"""The one entry to deciding: which admission a candidate event goes through."""

from __future__ import annotations

from datetime import date

from domain.admission import FoldedStream, admit_at_end, admit_event, joins_at_end
from domain.corrections import admit_correction, admit_retraction
from domain.effective import effective_events
from domain.errors import Warning
from domain.events import CareerEvent, EventCorrected, EventRetracted


def decide(
    events: list[CareerEvent], candidate: CareerEvent, recorded_on: date,
    folded: FoldedStream | None = None,
) -> tuple[CareerEvent, list[Warning]]:
    """Raise DomainError unless ``candidate`` may follow ``events``; otherwise the event as
    admitted (admission settles some fields) and the warnings it earns. ``folded`` (the state
    of ``events``, if the caller keeps it) spares the re-check when the candidate joins at
    the end of the stream in TMT order."""
    if folded is not None and folded.length != len(events):
        folded = None  # the state of another length of the stream
    if folded is not None and joins_at_end(folded, candidate):
        return admit_at_end(folded, candidate, recorded_on)
    effective = effective_events(events)
    if isinstance(candidate, EventCorrected):
        return admit_correction(events, effective, candidate, recorded_on)
    if isinstance(candidate, EventRetracted):
        return admit_retraction(events, effective, candidate, recorded_on)
    # A back-dated event: the stream's latest state is still the kept one.
    return admit_event(
        effective, candidate, recorded_on, folded.state if folded is not None else None
    )
