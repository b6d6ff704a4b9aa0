"""Domain errors and warnings, each with a stable machine code."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A command broke a rule; nothing is recorded."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class ServantNotFoundError(DomainError):
    """Raised when no servant is recorded under a NIP."""

    def __init__(self, nip: str) -> None:
        super().__init__("SERVANT_NOT_FOUND", f"No civil servant is recorded with NIP {nip}.", "nip")


class EventNotFoundError(DomainError):
    """Raised when an event id does not name a recorded event."""

    def __init__(self, event_id: str) -> None:
        super().__init__("EVENT_NOT_FOUND", f"No event {event_id} is recorded.", "eventId")


@dataclass(frozen=True)
class Warning:
    """A rule marked *warn* in domain.md §5: recorded anyway, reported with the result."""

    code: str
    message: str
