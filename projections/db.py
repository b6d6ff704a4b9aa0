"""One small connection API over SQLite and PostgreSQL, so views and the runner write portable
SQL once: ``?`` placeholders (translated for psycopg), explicit transactions, bulk inserts.

Views live in the log's database: SQLite in the same file through separate connections (WAL,
busy timeout), PostgreSQL in the same schema (``search_path`` set on every connection)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg
from psycopg import sql as pgsql
from psycopg_pool import ConnectionPool

SQLITE_BUSY_TIMEOUT_MS = 30_000


# The database refusing a value (PostgreSQL text cannot hold NUL, an integer beyond its column,
# text too large for an index, a lone surrogate that cannot be encoded): retrying the same
# rows can never succeed, unlike a lost connection or a lock timeout.
UNSTORABLE_VALUE_ERRORS: tuple[type[BaseException], ...] = (
    psycopg.DataError,
    psycopg.errors.ProgramLimitExceeded,
    sqlite3.DataError,
    OverflowError,
    UnicodeEncodeError,
)


class MissingTableError(Exception):
    """A view's table vanished under a reader (a rebuild dropped the old generation)."""


class Conn(Protocol):
    dialect: str

    def execute(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None: ...
    def delete_where_in(self, table: str, column: str, values: Sequence[Any]) -> None: ...
    def write(self) -> Any: ...
    def read(self) -> Any: ...
    def close(self) -> None: ...


class SQLiteConn:
    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.raw = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False,
            timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
        )
        self.raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        self.raw.execute("PRAGMA journal_mode=WAL")
        self.raw.execute("PRAGMA synchronous=NORMAL")

    def execute(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.raw.execute(statement, tuple(params)).fetchall()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                raise MissingTableError(str(error)) from error
            raise

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        self.raw.executemany(statement, rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            marks = ",".join("?" * len(columns))
            self.raw.executemany(
                f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})", rows
            )

    def delete_where_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        # SQLite limits bound parameters per statement; 500 is safe on every build.
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            self.raw.execute(
                f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk
            )

    @contextmanager
    def write(self) -> Iterator[SQLiteConn]:
        # IMMEDIATE takes the write lock up front, so the check-then-write of tracking is atomic.
        self.raw.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.raw.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[SQLiteConn]:
        # A deferred transaction gives every statement of one query the same snapshot.
        self.raw.execute("BEGIN")
        try:
            yield self
        finally:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


class PostgresConn:
    dialect = "postgres"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

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
        """COPY rows already formatted as COPY text (``projections.copy_text``)."""
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

    @contextmanager
    def read(self) -> Iterator[PostgresConn]:
        # One snapshot for every statement of a query, so a batch commit cannot split it.
        self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self
        finally:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


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


class Store(Protocol):
    dialect: str

    def connect(self) -> Conn: ...
    def reader(self) -> Any: ...
    def close(self) -> None: ...


class SQLiteStore:
    """Connections to one SQLite file; readers get one connection per thread."""

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        if path in ("", ":memory:"):
            raise ValueError("Projections need a SQLite file; an in-memory log cannot be shared.")
        self.path = path
        self._local = threading.local()
        self._readers: list[SQLiteConn] = []
        self._lock = threading.Lock()

    def connect(self) -> SQLiteConn:
        return SQLiteConn(self.path)

    @contextmanager
    def reader(self) -> Iterator[SQLiteConn]:
        conn: SQLiteConn | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.connect()
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        with conn.read():
            yield conn

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._local = threading.local()


class PostgresStore:
    """Connections to one PostgreSQL schema; readers share a small pool."""

    dialect = "postgres"

    def __init__(self, params: PostgresParams, pool_size: int = 4) -> None:
        self.params = params
        self.pool_size = pool_size
        self._pool: ConnectionPool[Any] | None = None
        self._lock = threading.Lock()

    def _configure(self, raw: psycopg.Connection[Any]) -> None:
        raw.autocommit = True
        raw.execute(
            pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(self.params.schema))
        )

    def connect(self) -> PostgresConn:
        raw = psycopg.connect(self.params.conninfo, autocommit=True)
        self._configure(raw)
        return PostgresConn(raw)

    def listen_connection(self, channel: str) -> psycopg.Connection[Any]:
        raw = psycopg.connect(self.params.conninfo, autocommit=True)
        raw.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(channel)))
        return raw

    @contextmanager
    def reader(self) -> Iterator[PostgresConn]:
        with self._lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    self.params.conninfo, min_size=1, max_size=self.pool_size,
                    configure=self._configure, open=True, name="riwayat-read-models",
                )
        with self._pool.connection() as raw:
            conn = PostgresConn(raw)
            with conn.read():
                yield conn

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
