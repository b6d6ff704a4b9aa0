"""Raw reads of the log and of its hash chain, as stored, for both recorders.

Verification must see the rows exactly as they sit in the database (not as the library's
mapper would decode them), so these are plain SELECTs on the recorder's own datastore,
paged by position so a large log is never loaded at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from psycopg.sql import SQL, Identifier

PAGE = 5000


@dataclass(frozen=True)
class StoredRow:
    """One row of the events table: its log position and its stored (encoded) content."""

    position: int
    originator_id: str
    version: int
    topic: str
    state: bytes


@dataclass(frozen=True)
class LinkRow:
    """One row of ``riwayat_chain``."""

    position: int
    originator_id: str
    version: int
    event_hash: str
    chain_hash: str


class LogTables:
    """The events table and the chain table of one application's recorder."""

    def __init__(self, recorder: Any) -> None:
        self.recorder = recorder
        self.datastore = recorder.datastore
        self.postgres = hasattr(self.datastore, "schema")
        self._events: Any
        self._chain: Any
        if self.postgres:
            schema = Identifier(self.datastore.schema)
            self._events = SQL("{}.{}").format(schema, Identifier(recorder.events_table_name))
            self._chain = SQL("{}.{}").format(schema, Identifier("riwayat_chain"))
            self._pos = SQL("notification_id")
        else:
            self._events = SQL("stored_events")
            self._chain = SQL("riwayat_chain")
            self._pos = SQL("rowid")

    def _select(self, statement: SQL, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        text: Any = statement.format(events=self._events, chain=self._chain, pos=self._pos)
        if not self.postgres:
            # The composed SQL only holds trusted identifiers; SQLite wants ? placeholders.
            text = text.as_string(None).replace("%s", "?")
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(text, params)
            rows = cursor.fetchall()
        return [tuple(row.values()) if isinstance(row, dict) else tuple(row) for row in rows]

    def events(self, after: int = 0, through: int | None = None) -> Iterator[StoredRow]:
        limit = through if through is not None else 2**62
        while True:
            rows = self._select(
                SQL("SELECT {pos}, originator_id, originator_version, topic, state FROM {events} "
                    "WHERE {pos} > %s AND {pos} <= %s ORDER BY {pos} LIMIT %s"),
                (after, limit, PAGE),
            )
            for row in rows:
                yield _stored(row)
            if len(rows) < PAGE:
                return
            after = rows[-1][0]

    def links(self, after: int = 0, through: int | None = None) -> Iterator[LinkRow]:
        limit = through if through is not None else 2**62
        while True:
            rows = self._select(
                SQL("SELECT position, originator_id, originator_version, event_hash, chain_hash "
                    "FROM {chain} WHERE position > %s AND position <= %s ORDER BY position "
                    "LIMIT %s"),
                (after, limit, PAGE),
            )
            for row in rows:
                yield LinkRow(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]))
            if len(rows) < PAGE:
                return
            after = rows[-1][0]

    def event_position(self, originator_id: str, version: int) -> int | None:
        rows = self._select(
            SQL("SELECT {pos} FROM {events} WHERE originator_id = %s AND originator_version = %s"),
            (self._id(originator_id), version),
        )
        return int(rows[0][0]) if rows else None

    def link_position(self, originator_id: str, version: int) -> int | None:
        rows = self._select(
            SQL("SELECT position FROM {chain} WHERE originator_id = %s AND originator_version = %s "
                "ORDER BY position LIMIT 1"),
            (originator_id, version),
        )
        return int(rows[0][0]) if rows else None

    def stream(self, originator_id: str) -> list[StoredRow]:
        rows = self._select(
            SQL("SELECT {pos}, originator_id, originator_version, topic, state FROM {events} "
                "WHERE originator_id = %s ORDER BY originator_version"),
            (self._id(originator_id),),
        )
        return [_stored(row) for row in rows]

    def link_at(self, position: int) -> LinkRow | None:
        found = list(self.links(position - 1, position))
        return found[0] if found else None

    def chain_before(self, position: int) -> tuple[int, str] | None:
        """The stored link just before ``position`` (position and chain hash), if any."""
        rows = self._select(
            SQL("SELECT position, chain_hash FROM {chain} WHERE position < %s "
                "ORDER BY position DESC LIMIT 1"),
            (position,),
        )
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def _id(self, originator_id: str) -> Any:
        # SQLite stores ids as hex text, PostgreSQL as uuid.
        return UUID(originator_id) if self.postgres else UUID(originator_id).hex


def _stored(row: tuple[Any, ...]) -> StoredRow:
    return StoredRow(int(row[0]), str(UUID(str(row[1]))), int(row[2]), str(row[3]), bytes(row[4]))
