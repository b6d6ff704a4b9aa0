"""What every stream of legally based acts is: a servant's career, a position's competency
standard, an agency's technical dictionary. It only remembers its acts in order (each act's
``apply`` hands it over, ``domain.events.LegalAct``); everything it holds is derived from
them, so a correction or a later act reaches every figure."""

from __future__ import annotations

from typing import Generic, TypeVar

from eventsourcing.domain import Aggregate

from domain.events import LegalAct

__all__ = ["ActStream"]

A = TypeVar("A", bound=LegalAct)
F = TypeVar("F", bound=LegalAct)


class ActStream(Aggregate, Generic[A]):
    def __init__(self) -> None:
        self._events: list[A] = []

    def _remember(self, event: A) -> None:
        self._events.append(event)

    @property
    def events(self) -> tuple[A, ...]:
        return tuple(self._events)

    def opening(self, event_class: type[F]) -> F:
        """The act that opened the stream, which names what the stream is about."""
        first = self._events[0]
        assert isinstance(first, event_class), f"{type(self).__name__} opens with {first!r}"
        return first
