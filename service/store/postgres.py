"""PostgreSQL recorder: events plus chain links and idempotency claims in one transaction
(under the library's table lock, so links follow log order), and triggers that refuse
UPDATE, DELETE and TRUNCATE of the log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from service.store.chain import GENESIS, claim_rows, event_hash, links_for
from service.store.eventsourcing_adapter import PostgresRecorderHooks
from service.store.reconnect import CONNECTION_ERRORS, drop_dead_connections, reconnecting


class RiwayatPostgresRecorder(PostgresRecorderHooks):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        schema = Identifier(datastore.schema)
        self.chain_table = SQL("{}.{}").format(schema, Identifier("riwayat_chain"))
        self.idempotency_table = SQL("{}.{}").format(schema, Identifier("riwayat_idempotency_keys"))
        self.legacy_idempotency_table = SQL("{}.{}").format(schema, Identifier("riwayat_idempotency"))
        events = SQL("{}.{}").format(schema, Identifier(self.events_table_name))
        self.events_table = events
        guard = SQL("{}.{}").format(schema, Identifier("riwayat_append_only"))
        self.sql_create_statements += [
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (position bigint PRIMARY KEY, originator_id text NOT "
                "NULL, originator_version bigint NOT NULL, event_hash text NOT NULL, chain_hash "
                "text NOT NULL)"
            ).format(self.chain_table),
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, request_hash text NOT NULL, "
                "result text NOT NULL)"
            ).format(self.legacy_idempotency_table),
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (subject text NOT NULL, key text NOT NULL, "
                "request_hash text NOT NULL, result text NOT NULL, PRIMARY KEY (subject, key))"
            ).format(self.idempotency_table),
            SQL(
                "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001'; END $$"
            ).format(guard),
        ]
        for table, name in (
            (events, "events"), (self.chain_table, "chain"),
            (self.legacy_idempotency_table, "idempotency"), (self.idempotency_table, "idempotency_keys"),
        ):
            self.sql_create_statements += [
                SQL(
                    "CREATE OR REPLACE TRIGGER {} BEFORE UPDATE OR DELETE ON {} "
                    "FOR EACH ROW EXECUTE FUNCTION {}()"
                ).format(Identifier(f"riwayat_{name}_no_change"), table, guard),
                SQL(
                    "CREATE OR REPLACE TRIGGER {} BEFORE TRUNCATE ON {} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION {}()"
                ).format(Identifier(f"riwayat_{name}_no_truncate"), table, guard),
            ]

    @property
    def insert_link_statement(self) -> Composed:
        return SQL(
            "INSERT INTO {t} SELECT %s, %s, %s, %s, encode(sha256(convert_to(COALESCE("
            "(SELECT chain_hash FROM {t} ORDER BY position DESC LIMIT 1), %s) || %s, 'UTF8')), 'hex')"
        ).format(t=self.chain_table)

    def before_create_tables(self, curs: Cursor[DictRow]) -> None:
        # Several processes may start at once; DDL such as CREATE OR REPLACE FUNCTION fails
        # when run concurrently, so serialise it.
        curs.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat-schema'))")

    def after_insert_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent],
                            positions: Sequence[int], **kwargs: Any) -> None:
        # Each link is chained to the previous one inside the database, so no result has to
        # come back while the table lock is held (the statements ride the pipeline). The
        # expression equals chain.link_hash: sha256 over the two hex strings.
        curs.executemany(
            self.insert_link_statement,
            [
                (position, str(e.originator_id), e.originator_version, digest, GENESIS, digest)
                for e, position in zip(stored_events, positions, strict=True)
                for digest in [event_hash(position, e.originator_id, e.originator_version, e.topic, e.state)]
            ],
        )
        claims = claim_rows(kwargs, positions)
        if claims:
            curs.executemany(
                SQL("INSERT INTO {} VALUES (%s, %s, %s, %s)").format(self.idempotency_table), claims
            )

    def append_bulk(self, stored_events: Sequence[StoredEvent]) -> list[int]:
        """Append many events in one transaction, under the library's table lock, by COPY:
        their positions are reserved from the log's sequence in one statement (contiguous,
        as no other writer can draw from it while the lock is held) and their chain links
        computed here in one pass, so no row is sent as a statement of its own."""
        if not stored_events:
            return []
        try:
            with self.datastore.transaction(commit=True) as curs:
                for statement in self.lock_table_statements:
                    curs.execute(statement)
                curs.execute(SQL("NOTIFY {}").format(Identifier(self.channel_name)))
                curs.execute(self.reserve_positions_statement, (len(stored_events), self._sequence_name()))
                row = curs.fetchone()
                assert row is not None
                positions = range(row["last"] - len(stored_events) + 1, row["last"] + 1)
                self._copy_events(curs, stored_events, positions)
                with curs.copy(SQL("COPY {} FROM STDIN").format(self.chain_table)) as copy:
                    for link in links_for(row["chain_hash"] or GENESIS, stored_events, positions):
                        copy.write_row((link.position, link.originator_id, link.originator_version,
                                        link.event_hash, link.chain_hash))
        except CONNECTION_ERRORS:
            drop_dead_connections(self.datastore)  # so that a retry finds a live connection
            raise
        return list(positions)

    @property
    def reserve_positions_statement(self) -> Composed:
        return SQL(
            "SELECT setval(s, nextval(s) + %s - 1) AS last, (SELECT chain_hash FROM {} ORDER BY "
            "position DESC LIMIT 1) AS chain_hash FROM pg_get_serial_sequence(%s::text, 'notification_id') s"
        ).format(self.chain_table)

    def _sequence_name(self) -> str:
        return ".".join('"' + name.replace('"', '""') + '"'
                        for name in (self.datastore.schema, self.events_table_name))

    def _copy_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent],
                     positions: Sequence[int]) -> None:
        with curs.copy(SQL(
            "COPY {} (originator_id, originator_version, topic, state, notification_id) FROM STDIN"
        ).format(self.events_table)) as copy:
            for stored, position in zip(stored_events, positions, strict=True):
                copy.write_row((stored.originator_id, stored.originator_version, stored.topic,
                                stored.state, position))

    @reconnecting
    def stored_events_after(self, versions: dict[UUID, int]) -> dict[UUID, list[StoredEvent]]:
        """The stored events of many streams, each after the version given, in one statement."""
        if not versions:
            return {}
        found: dict[UUID, list[StoredEvent]] = {}
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL(
                "SELECT e.originator_id, e.originator_version, e.topic, e.state FROM {} e "
                "JOIN unnest(%s::{}[], %s::bigint[]) AS w(id, v) ON e.originator_id = w.id "
                "AND e.originator_version > w.v ORDER BY e.originator_id, e.originator_version"
            ).format(self.events_table, SQL(self.datastore.originator_id_type)),
                (list(versions), list(versions.values())))
            for r in curs.fetchall():
                found.setdefault(r["originator_id"], []).append(StoredEvent(
                    r["originator_id"], r["originator_version"], r["topic"], bytes(r["state"])))
        return found

    def idempotency_record(self, subject: str, key: str) -> tuple[str, str] | None:
        return self._claim(
            SQL("SELECT request_hash, result FROM {} WHERE subject = %s AND key = %s").format(
                self.idempotency_table), (subject, key))

    @reconnecting
    def _claim(self, statement: Composed, params: tuple[str, ...]) -> tuple[str, str] | None:
        """The (request hash, result) of the one claim ``statement`` selects, if any."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, params)
            row = curs.fetchone()
        return (row["request_hash"], row["result"]) if row else None

    @reconnecting
    def idempotency_records(
        self, pairs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[str, str]]:
        """``idempotency_record`` of many (subject, key) pairs, in one statement."""
        if not pairs:
            return {}
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL(
                    "SELECT subject, key, request_hash, result FROM {} WHERE (subject, key) IN "
                    "(SELECT * FROM unnest(%s::text[], %s::text[]))"
                ).format(self.idempotency_table),
                ([s for s, _ in pairs], [k for _, k in pairs]),
            )
            rows = curs.fetchall()
        return {(r["subject"], r["key"]): (r["request_hash"], r["result"]) for r in rows}

    @reconnecting
    def legacy_idempotency_records(self, combined_keys: list[str]) -> dict[str, tuple[str, str]]:
        if not combined_keys:
            return {}
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT key, request_hash, result FROM {} WHERE key = ANY(%s)").format(
                    self.legacy_idempotency_table
                ),
                (combined_keys,),
            )
            rows = curs.fetchall()
        return {r["key"]: (r["request_hash"], r["result"]) for r in rows}

    def legacy_idempotency_record(self, combined_key: str) -> tuple[str, str] | None:
        return self._claim(SQL("SELECT request_hash, result FROM {} WHERE key = %s").format(
            self.legacy_idempotency_table), (combined_key,))

    @reconnecting
    def positions_of(self, originator_id: Any) -> dict[int, int]:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT originator_version, notification_id FROM {}.{} WHERE originator_id = %s").format(
                    Identifier(self.datastore.schema), Identifier(self.events_table_name)
                ),
                (originator_id,),
            )
            return {row["originator_version"]: row["notification_id"] for row in curs.fetchall()}
