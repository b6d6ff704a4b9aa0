"""SQLite connections: views in the log's file through separate connections (WAL, busy
timeout), explicit transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from projections.engine.db import MissingTableError, SnapshotReads

SQLITE_BUSY_TIMEOUT_MS = 30_000


class SQLiteConn(SnapshotReads):
    dialect = "sqlite"
    # A deferred transaction gives every statement of one query the same snapshot.
    begin_read = "BEGIN"

    def __init__(self, path: str) -> None:
        self.raw: sqlite3.Connection = sqlite3.connect(
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
        # Called with each new reader connection (tests trace the statements a read sends).
        self.connection_hooks: list[Callable[[sqlite3.Connection], None]] = []

    def connect(self) -> SQLiteConn:
        return SQLiteConn(self.path)

    def _thread_conn(self) -> SQLiteConn:
        conn: SQLiteConn | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.connect()
            for hook in self.connection_hooks:
                hook(conn.raw)
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @contextmanager
    def reader(self) -> Iterator[SQLiteConn]:
        conn = self._thread_conn()
        with conn.read():
            yield conn

    def fetch_one_statement(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """One statement outside a transaction: it reads one snapshot by itself."""
        return self._thread_conn().execute(statement, params)

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._local = threading.local()
