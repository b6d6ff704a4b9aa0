"""SQLite recorder: events plus chain links and idempotency claims in one transaction,
and triggers that refuse UPDATE and DELETE of the log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteCursor

from service.store.chain import GENESIS, claim_rows, links_for
from service.store.eventsourcing_adapter import SQLiteRecorderHooks

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
