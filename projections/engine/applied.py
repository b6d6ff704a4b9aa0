"""What each view generation applied, per servant: the position of the servant's last event
it applied and how many of the servant's events it has applied.

Written by the engine in the transaction that moves the view's tracked position: a batch adds
the servant's events after the batch's starting position, a bulk load writes every event up
to the head. An event applied twice (or skipped) shows as a count that differs from the log's,
which is how the crash tests prove exactly-once directly, rather than by comparing rows with a
rebuild that runs the same row code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from projections.engine.db import Conn

APPLIED_COLUMNS = (
    ("servant_id", "TEXT NOT NULL PRIMARY KEY"), ("last_position", "BIGINT NOT NULL"),
    ("applied", "BIGINT NOT NULL"),
)


class History(Protocol):
    @property
    def sid(self) -> str: ...
    positions: dict[int, int]


def applied_base(view_name: str) -> str:
    return f"{view_name}_applied"


def ensure_table(conn: Conn, table: str) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in APPLIED_COLUMNS)
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")


def bulk_row(history: History) -> tuple[Any, ...]:
    """The record of a servant whose whole history (up to the head) a bulk load applied."""
    positions = history.positions.values()
    return (history.sid, max(positions), len(positions))


def record_batch(conn: Conn, table: str, histories: Sequence[History], after: int) -> None:
    """Add the events each servant has after ``after`` (what this batch applies)."""
    rows = []
    for history in histories:
        new = [p for p in history.positions.values() if p > after]
        if new:
            rows.append((history.sid, max(new), len(new)))
    if rows:
        conn.executemany(
            f"INSERT INTO {table} (servant_id, last_position, applied) VALUES (?, ?, ?) "
            f"ON CONFLICT (servant_id) DO UPDATE SET last_position = excluded.last_position, "
            f"applied = {table}.applied + excluded.applied",
            rows,
        )


def applied(conn: Conn, table: str) -> Mapping[str, tuple[int, int]]:
    """Per servant id: (last applied position, events applied)."""
    return {sid: (int(last), int(count)) for sid, last, count in
            conn.execute(f"SELECT servant_id, last_position, applied FROM {table}")}
