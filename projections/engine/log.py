"""Reading the event log: notifications in order, the earlier events of given servants, and
decoding (``projections.engine.decode``, equal to the library's mapper but faster). Only the topics a
view needs are decoded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.utils import get_topic

from domain.kinds import Facet, classes_for
from domain.servant import CivilServant as CS
from projections.engine.db import Conn
from projections.engine.decode import FastDecoder
from projections.engine.postgres import PostgresConn

# A stored event as read for a rebuild: servant, version, topic, state, position.
Raw = tuple[UUID, int, str, bytes, int]


def topics_of(*event_classes: type[CS.Event]) -> frozenset[str]:
    return frozenset(get_topic(cls) for cls in event_classes)


# Every view needs the appointment (the NIP lives there) and the correction trail.
BASE_TOPICS = topics_of(*classes_for(Facet.EVERY_VIEW))


class LogReader:
    """The runner's view of the application's log (any object with ``recorder`` and ``mapper``,
    normally the Riwayat application)."""

    def __init__(self, app: Any) -> None:
        self.recorder = app.recorder
        self.mapper = app.mapper
        self.events_table = getattr(self.recorder, "events_table_name", "stored_events")
        self.decoder = FastDecoder(self.mapper)

    def head(self) -> int:
        return int(self.recorder.max_notification_id() or 0)

    def read(self, after: int, limit: int) -> Sequence[Notification]:
        return self.recorder.select_notifications(  # type: ignore[no-any-return]
            after, limit, inclusive_of_start=False
        )

    def decode(self, stored: StoredEvent) -> CS.Event:
        return self.decoder.decode(
            stored.originator_id, stored.originator_version, stored.topic, stored.state
        )

    def servants_in(self, conn: Conn, low: UUID, high: UUID | None, through: int,
                    topics: Iterable[str]) -> Iterator[Raw]:
        """Stored events of the servants whose ids are in [``low``, ``high``) at positions up
        to ``through``, in each servant's version order (one partition of a rebuild)."""
        wanted = sorted(topics)
        if isinstance(conn, PostgresConn):
            # Binary results: the state (bytea) as it is stored rather than in hex, the id as
            # 16 bytes rather than text; less CPU in the server and in the reader.
            rows = conn.execute(
                f"SELECT originator_id, originator_version, topic, state, notification_id "
                f"FROM {self.events_table} WHERE originator_id >= ? "
                + ("AND originator_id < ? " if high is not None else "")
                + "AND notification_id <= ? AND topic = ANY(?) "
                "ORDER BY originator_id, originator_version",
                (low, *([high] if high is not None else []), through, wanted), binary=True,
            )
        else:
            rows = conn.execute(
                f"SELECT originator_id, originator_version, topic, state, rowid "
                f"FROM {self.events_table} WHERE originator_id >= ? "
                + ("AND originator_id < ? " if high is not None else "")
                + f"AND rowid <= ? AND topic IN ({','.join('?' * len(wanted))}) "
                "ORDER BY originator_id, originator_version",
                (low.hex, *([high.hex] if high is not None else []), through, *wanted),
            )
        names: dict[str, str] = {}
        for sid, version, topic, state, position in rows:
            yield (sid if type(sid) is UUID else UUID(sid), version,
                   names.setdefault(topic, topic), state, position)

    def scan(self, conn: Conn, after: int, through: int, page: int = 50_000) -> Iterator[Raw]:
        """Every stored event at positions in (``after``, ``through``], in log order, undecoded
        (read in pages, each statement on its own: the log is append-only)."""
        column = "notification_id" if conn.dialect == "postgres" else "rowid"
        topics: dict[str, str] = {}
        while after < through:
            rows = conn.execute(
                f"SELECT originator_id, originator_version, topic, state, {column} "
                f"FROM {self.events_table} WHERE {column} > ? AND {column} <= ? "
                f"ORDER BY {column} LIMIT ?",
                (after, through, page),
            )
            if not rows:
                return
            for sid, version, topic, state, position in rows:
                yield (sid if type(sid) is UUID else UUID(sid), version,
                       topics.setdefault(topic, topic), state, position)
            after = rows[-1][4]

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
