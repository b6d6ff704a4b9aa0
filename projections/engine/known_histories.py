"""Servant histories kept between batches, so a servant touched again is not read and decoded
again from the log.

A view's rows come from a servant's whole history, so every batch needs, for each servant it
touches, the events before the batch. Under a steady load the same servants come back batch
after batch; what a batch built (the history up to its last position) is exactly what the
next batch of that view needs before its own events. The log is append-only and its events
never change, so a history read up to a position stays true however long it is kept; it is
used only by a batch that starts at that very position and asks for the same topics, and
anything else is read from the log as before. What is kept is bounded by events."""

from __future__ import annotations

from collections import OrderedDict
from uuid import UUID

from domain.servant import CivilServant as CS

# Per version: the event and its log position.
Versions = dict[int, tuple[CS.Event, int]]
_Key = tuple[frozenset[str], UUID]


class KnownHistories:
    def __init__(self, max_events: int = 100_000) -> None:
        self.max_events = max_events
        self._kept: OrderedDict[_Key, tuple[int, Versions]] = OrderedDict()
        self._events = 0

    def get(self, topics: frozenset[str], servant: UUID, through: int) -> Versions | None:
        """The servant's events of ``topics`` at positions up to ``through``, if kept."""
        found = self._kept.get((topics, servant))
        if found is None or found[0] != through:
            return None
        self._kept.move_to_end((topics, servant))
        return found[1]

    def put(self, topics: frozenset[str], servant: UUID, through: int,
            versions: Versions) -> None:
        """Keep the servant's events of ``topics`` up to ``through`` (all of them); the
        caller does not change ``versions`` afterwards."""
        old = self._kept.pop((topics, servant), None)
        if old is not None:
            self._events -= len(old[1])
        self._kept[(topics, servant)] = (through, versions)
        self._events += len(versions)
        while self._events > self.max_events and self._kept:
            _key, (_through, dropped) = self._kept.popitem(last=False)
            self._events -= len(dropped)

    def clear(self) -> None:
        self._kept.clear()
        self._events = 0
