"""Reading the event log: notifications in order, the earlier events of given servants, and
decoding. Decoding JSON dominates the cost of a rebuild, so only the topics a view needs are
decoded (``Topics``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.utils import get_topic

from domain.servant import CivilServant as CS
from projections.db import Conn


def topics_of(*event_classes: type[CS.Event]) -> frozenset[str]:
    return frozenset(get_topic(cls) for cls in event_classes)


# Every view needs the appointment (the NIP lives there) and the correction trail.
BASE_TOPICS = topics_of(CS.CpnsAppointed, CS.EventCorrected, CS.EventRetracted)


class LogReader:
    """The runner's view of the application's log (any object with ``recorder`` and ``mapper``,
    normally the Riwayat application)."""

    def __init__(self, app: Any) -> None:
        self.recorder = app.recorder
        self.mapper = app.mapper
        self.events_table = getattr(self.recorder, "events_table_name", "stored_events")

    def head(self) -> int:
        return int(self.recorder.max_notification_id() or 0)

    def read(self, after: int, limit: int) -> Sequence[Notification]:
        return self.recorder.select_notifications(  # type: ignore[no-any-return]
            after, limit, inclusive_of_start=False
        )

    def decode(self, stored: StoredEvent) -> CS.Event:
        event = self.mapper.to_domain_event(stored)
        assert isinstance(event, CS.Event), f"unexpected event {type(event).__name__}"
        return event

    def prior_events(
        self, conn: Conn, servants: Sequence[UUID], through: int, topics: Iterable[str]
    ) -> list[tuple[StoredEvent, int]]:
        """Stored events of ``servants`` at log positions up to ``through``, with positions,
        read inside the caller's transaction."""
        if not servants:
            return []
        wanted = sorted(topics)
        if conn.dialect == "postgres":
            rows = conn.execute(
                f"SELECT originator_id, originator_version, topic, state, notification_id "
                f"FROM {self.events_table} WHERE originator_id = ANY(?) "
                "AND notification_id <= ? AND topic = ANY(?)",
                (list(servants), through, wanted),
            )
            return [(StoredEvent(r[0], r[1], r[2], bytes(r[3])), r[4]) for r in rows]
        found = []
        for start in range(0, len(servants), 400):
            chunk = [s.hex for s in servants[start : start + 400]]
            rows = conn.execute(
                f"SELECT originator_id, originator_version, topic, state, rowid "
                f"FROM {self.events_table} WHERE originator_id IN ({','.join('?' * len(chunk))}) "
                f"AND rowid <= ? AND topic IN ({','.join('?' * len(wanted))})",
                (*chunk, through, *wanted),
            )
            found += [(StoredEvent(UUID(r[0]), r[1], r[2], r[3]), r[4]) for r in rows]
        return found

    def recorded_at(self, position: int) -> datetime | None:
        """When the event at ``position`` was recorded (None if there is none)."""
        notes = self.recorder.select_notifications(position, 1)
        if not notes or notes[0].id != position:
            return None
        timestamp: datetime = self.decode(notes[0]).timestamp
        return timestamp
