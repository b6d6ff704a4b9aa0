"""One small connection API over SQLite and PostgreSQL, so views and the runner write portable
SQL once: ``?`` placeholders (translated for psycopg), explicit transactions, bulk inserts.

Views live in the log's database: SQLite in the same file through separate connections (WAL,
busy timeout), PostgreSQL in the same schema (``search_path`` set on every connection)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, Self

import psycopg

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


class SnapshotReads:
    """What both dialects' connections share: ``read`` and ``close`` (a query's statements run
    in one read transaction that is always rolled back, it writes nothing), and deleting rows
    by key through the dialect's own ``executemany``."""

    raw: Any
    # The statement that opens the read transaction, in the connection's dialect.
    begin_read: str

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError  # each dialect's connection has its own

    def delete_keys(self, table: str, columns: Sequence[str],
                    keys: Sequence[Sequence[Any]]) -> None:
        """Delete the rows with these values of ``columns`` (a primary key)."""
        where = " AND ".join(f"{column} = ?" for column in columns)
        self.executemany(f"DELETE FROM {table} WHERE {where}", keys)

    @contextmanager
    def read(self) -> Iterator[Self]:
        self.raw.execute(self.begin_read)
        try:
            yield self
        finally:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


class Conn(Protocol):
    dialect: str

    def execute(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None: ...
    def delete_where_in(self, table: str, column: str, values: Sequence[Any]) -> None: ...
    def delete_keys(self, table: str, columns: Sequence[str],
                    keys: Sequence[Sequence[Any]]) -> None: ...
    def write(self) -> Any: ...
    def read(self) -> Any: ...
    def close(self) -> None: ...


class Store(Protocol):
    dialect: str

    def connect(self) -> Conn: ...
    def reader(self) -> Any: ...
    def fetch_one_statement(self, statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]: ...
    def close(self) -> None: ...
