"""SQLite recorder: events plus chain links and idempotency claims in one transaction,
and triggers that refuse UPDATE and DELETE of the log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteCursor

from service.store.chain import GENESIS, claim_rows, links_for
from service.store.eventsourcing_adapter import SQLiteRecorderHooks

_STREAMS_PER_STATEMENT = 400
_PROTECTED = ("stored_events", "riwayat_chain", "riwayat_idempotency", "riwayat_idempotency_keys")


class RiwayatSQLiteRecorder(SQLiteRecorderHooks):
    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        statements += [
            "CREATE TABLE IF NOT EXISTS riwayat_chain (position INTEGER PRIMARY KEY, "
            "originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
            "event_hash TEXT NOT NULL, chain_hash TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS riwayat_idempotency (key TEXT PRIMARY KEY, "
            "request_hash TEXT NOT NULL, result TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS riwayat_idempotency_keys (subject TEXT NOT NULL, "
            "key TEXT NOT NULL, request_hash TEXT NOT NULL, result TEXT NOT NULL, "
            "PRIMARY KEY (subject, key))",
        ]
        for table in _PROTECTED:
            for action in ("UPDATE", "DELETE"):
                statements.append(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        return statements

    def after_insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                            positions: Sequence[int], **kwargs: Any) -> None:
        c.execute("SELECT chain_hash FROM riwayat_chain ORDER BY position DESC LIMIT 1")
        row = c.fetchone()
        links = links_for(row[0] if row else GENESIS, stored_events, positions)
        c.executemany(
            "INSERT INTO riwayat_chain VALUES (?, ?, ?, ?, ?)",
            [(x.position, x.originator_id, x.originator_version, x.event_hash, x.chain_hash) for x in links],
        )
        claims = claim_rows(kwargs, positions)
        if claims:
            c.executemany("INSERT INTO riwayat_idempotency_keys VALUES (?, ?, ?, ?)", claims)

    def append_bulk(self, stored_events: Sequence[StoredEvent]) -> list[int]:
        """Append many events in one transaction: one executemany, and their positions read
        back at once (the rows of one write transaction take consecutive rowids)."""
        if not stored_events:
            return []
        with self.datastore.transaction(commit=True) as c:
            c.executemany(self.insert_events_statement, [
                (s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
                 s.originator_version, s.topic, s.state)
                for s in stored_events
            ])
            c.execute(f"SELECT max(rowid) FROM {self.events_table_name}")
            last = c.fetchone()[0]
            positions = list(range(last - len(stored_events) + 1, last + 1))
            self.after_insert_events(c, stored_events, positions)
        return positions

    def stored_events_after(self, versions: dict[UUID, int]) -> dict[UUID, list[StoredEvent]]:
        """The stored events of many streams, each after the version given (a few statements
        of many streams each, within SQLite's limit on parameters)."""
        found: dict[UUID, list[StoredEvent]] = {}
        pairs = [(stream.hex, version) for stream, version in versions.items()]
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(pairs), _STREAMS_PER_STATEMENT):
                chunk = pairs[start:start + _STREAMS_PER_STATEMENT]
                c.execute(
                    f"WITH w(id, v) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))}) "
                    f"SELECT e.originator_id, e.originator_version, e.topic, e.state FROM "
                    f"{self.events_table_name} e JOIN w ON e.originator_id = w.id AND "
                    "e.originator_version > w.v ORDER BY e.originator_id, e.originator_version",
                    [value for pair in chunk for value in pair],
                )
                for row in c.fetchall():
                    stream = UUID(row[0])
                    found.setdefault(stream, []).append(StoredEvent(stream, row[1], row[2], row[3]))
        return found

    def idempotency_record(self, subject: str, key: str) -> tuple[str, str] | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT request_hash, result FROM riwayat_idempotency_keys "
                "WHERE subject = ? AND key = ?",
                (subject, key),
            )
            row = c.fetchone()
        return (row[0], row[1]) if row else None

    def idempotency_records(
        self, pairs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[str, str]]:
        """``idempotency_record`` of many (subject, key) pairs, in one transaction."""
        found = {}
        with self.datastore.transaction(commit=False) as c:
            for subject, key in pairs:
                c.execute(
                    "SELECT request_hash, result FROM riwayat_idempotency_keys "
                    "WHERE subject = ? AND key = ?",
                    (subject, key),
                )
                row = c.fetchone()
                if row:
                    found[(subject, key)] = (row[0], row[1])
        return found

    def legacy_idempotency_records(self, combined_keys: list[str]) -> dict[str, tuple[str, str]]:
        found = {}
        with self.datastore.transaction(commit=False) as c:
            for key in combined_keys:
                c.execute(
                    "SELECT request_hash, result FROM riwayat_idempotency WHERE key = ?", (key,)
                )
                row = c.fetchone()
                if row:
                    found[key] = (row[0], row[1])
        return found

    def legacy_idempotency_record(self, combined_key: str) -> tuple[str, str] | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT request_hash, result FROM riwayat_idempotency WHERE key = ?", (combined_key,)
            )
            row = c.fetchone()
        return (row[0], row[1]) if row else None

    def positions_of(self, originator_id: Any) -> dict[int, int]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT originator_version, rowid FROM stored_events WHERE originator_id = ?",
                (originator_id.hex if hasattr(originator_id, "hex") else originator_id,),
            )
            return {row[0]: row[1] for row in c.fetchall()}
