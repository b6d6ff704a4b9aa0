"""PostgreSQL connections: views in the log's schema (``search_path`` set on every
connection), ``?`` placeholders translated for psycopg, COPY for bulk inserts."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql as pgsql
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from projections.engine.db import MissingTableError, SnapshotReads


class PostgresConn(SnapshotReads):
    dialect = "postgres"
    # One snapshot for every statement of a query, so a batch commit cannot split it.
    begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw: psycopg.Connection[Any] = raw

    def execute(self, statement: str, params: Sequence[Any] = (),
                binary: bool = False) -> list[tuple[Any, ...]]:
        """``binary``: results in PostgreSQL's binary format (the same Python values, less
        work on both sides for bytea and uuid columns)."""
        try:
            cursor = self.raw.execute(_pg(statement), tuple(params), binary=binary)
        except psycopg.errors.UndefinedTable as error:
            raise MissingTableError(str(error)) from error
        return cursor.fetchall() if cursor.description else []

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_pg(statement), list(rows))

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        # COPY is several times faster than executemany for the large batches of a rebuild.
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(",").join(map(pgsql.Identifier, columns))
        )
        with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def copy_data(self, table: str, columns: Sequence[str], data: bytes) -> None:
        """COPY rows already formatted as COPY text (``projections.engine.copy_text``)."""
        statement = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(",").join(map(pgsql.Identifier, columns))
        )
        with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(data)

    def delete_where_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        self.raw.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", (list(values),))

    @contextmanager
    def write(self) -> Iterator[PostgresConn]:
        with self.raw.transaction():
            yield self


def _pg(statement: str) -> str:
    return statement.replace("%", "%%").replace("?", "%s")


@dataclass(frozen=True)
class PostgresParams:
    dbname: str
    host: str
    port: str
    user: str
    password: str
    schema: str

    @property
    def conninfo(self) -> str:
        return psycopg.conninfo.make_conninfo(
            dbname=self.dbname, host=self.host, port=self.port, user=self.user,
            password=self.password or None, connect_timeout=10,
        )


class PostgresStore:
    """Connections to one PostgreSQL schema; readers share a small pool."""

    dialect = "postgres"

    def __init__(self, params: PostgresParams, pool_size: int = 4) -> None:
        self.params = params
        self.pool_size = pool_size
        self._pool: ConnectionPool[Any] | None = None
        self._async_pool: AsyncConnectionPool[Any] | None = None
        self._async_loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        # Called with each new connection of the pools, after it is set up (tests trace
        # the statements a read sends with it).
        self.connection_hooks: list[Callable[[Any], None]] = []

    def _configure(self, raw: psycopg.Connection[Any]) -> None:
        raw.autocommit = True
        raw.execute(
            pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(self.params.schema))
        )
        for hook in self.connection_hooks:
            hook(raw)

    async def _configure_async(self, raw: psycopg.AsyncConnection[Any]) -> None:
        await raw.set_autocommit(True)
        await raw.execute(
            pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(self.params.schema))
        )
        for hook in self.connection_hooks:
            hook(raw)

    def connect(self) -> PostgresConn:
        raw = psycopg.connect(self.params.conninfo, autocommit=True)
        self._configure(raw)
        return PostgresConn(raw)

    def listen_connection(self, channel: str) -> psycopg.Connection[Any]:
        raw = psycopg.connect(self.params.conninfo, autocommit=True)
        raw.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(channel)))
        return raw

    def _reader_pool(self) -> ConnectionPool[Any]:
        with self._lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    self.params.conninfo, min_size=1, max_size=self.pool_size,
                    configure=self._configure, open=True, name="riwayat-read-models",
                )
            return self._pool

    @contextmanager
    def reader(self) -> Iterator[PostgresConn]:
        with self._reader_pool().connection() as raw:
            conn = PostgresConn(raw)
            with conn.read():
                yield conn

    def fetch_one_statement(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """One statement outside a transaction: its own snapshot, one round trip."""
        with self._reader_pool().connection() as raw:
            return PostgresConn(raw).execute(statement, params)

    async def fetch_one_statement_async(self, statement: str,
                                        params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """``fetch_one_statement`` on the event loop, from a pool of async connections
        (opened on first use, in the loop that serves the requests)."""
        loop = asyncio.get_running_loop()
        if self._async_pool is not None and self._async_loop is not loop:
            self._async_pool = None  # its loop is gone (a test's asyncio.run); never shared
        if self._async_pool is None:
            self._async_loop = loop
            pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
                self.params.conninfo, min_size=1, max_size=self.pool_size,
                configure=self._configure_async, open=False, name="riwayat-async-reads",
            )
            if self._async_pool is None:  # no await since the check: no other task won
                self._async_pool = pool
                await pool.open()
        async with self._async_pool.connection() as raw:
            try:
                cursor = await raw.execute(_pg(statement), tuple(params))
            except psycopg.errors.UndefinedTable as error:
                raise MissingTableError(str(error)) from error
            rows: list[tuple[Any, ...]] = await cursor.fetchall()
            return rows

    async def close_async(self) -> None:
        """Close the async pool, in the loop that opened it."""
        pool, self._async_pool = self._async_pool, None
        if pool is not None:
            await pool.close()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
