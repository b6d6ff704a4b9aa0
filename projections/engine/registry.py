"""Tracking and the generation registry.

``projection_tracking`` holds one row per (view, generation): its log position, lifecycle
status (BUILDING → ACTIVE → RETIRED) and the error that stopped it. ``projection_registry``
names the generation readers use; switching it is one UPDATE, so readers move from a complete
old view to a complete new one and never see a half-built one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from projections.engine.db import Conn

BUILDING, ACTIVE, RETIRED = "BUILDING", "ACTIVE", "RETIRED"

DDL = (
    "CREATE TABLE IF NOT EXISTS projection_tracking ("
    "name TEXT NOT NULL, generation INTEGER NOT NULL, status TEXT NOT NULL, "
    "position BIGINT NOT NULL, error TEXT, error_position BIGINT, "
    "started_at TEXT NOT NULL, updated_at TEXT NOT NULL, fingerprint TEXT, "
    "PRIMARY KEY (name, generation))",
    "CREATE TABLE IF NOT EXISTS projection_registry ("
    "name TEXT PRIMARY KEY, active_generation INTEGER)",
)


class TrackingConflict(Exception):
    """The tracked position or status moved under us: another worker applied, or a rebuild
    retired this generation. The batch is rolled back and the runner re-reads its targets."""


@dataclass(frozen=True)
class Generation:
    name: str
    generation: int
    status: str
    position: int
    error: str | None
    error_position: int | None
    updated_at: str
    fingerprint: str | None = None  # of the code that created it (None: made before they were)


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def create_registry(conn: Conn) -> None:
    if conn.dialect == "postgres":
        # Concurrent CREATE TABLE IF NOT EXISTS can still collide on PostgreSQL's catalog.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat-projection-ddl'))")
    for statement in DDL:
        conn.execute(statement)
    if "fingerprint" not in _tracking_columns(conn):
        # Databases made before generations recorded their definition: their rows stay, with
        # no fingerprint, so an upgraded worker rebuilds each view once.
        conn.execute("ALTER TABLE projection_tracking ADD COLUMN fingerprint TEXT")


def _tracking_columns(conn: Conn) -> set[str]:
    if conn.dialect == "postgres":
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'projection_tracking'"
        )
        return {row[0] for row in rows}
    return {row[1] for row in conn.execute("PRAGMA table_info(projection_tracking)")}


def generations(conn: Conn, name: str) -> list[Generation]:
    rows = conn.execute(
        "SELECT name, generation, status, position, error, error_position, updated_at, "
        "fingerprint "
        "FROM projection_tracking WHERE name = ? ORDER BY generation",
        (name,),
    )
    return [Generation(*row) for row in rows]


def active_generation(conn: Conn, name: str) -> int | None:
    rows = conn.execute("SELECT active_generation FROM projection_registry WHERE name = ?", (name,))
    return rows[0][0] if rows else None


def all_active(conn: Conn) -> dict[str, int]:
    rows = conn.execute("SELECT name, active_generation FROM projection_registry")
    return {name: generation for name, generation in rows if generation is not None}


def add_generation(conn: Conn, name: str, generation: int, fingerprint: str) -> None:
    stamp = now_text()
    conn.execute(
        "INSERT INTO projection_tracking (name, generation, status, position, started_at, "
        "updated_at, fingerprint) VALUES (?, ?, ?, 0, ?, ?, ?)",
        (name, generation, BUILDING, stamp, stamp, fingerprint),
    )


def lock_row(conn: Conn, name: str, generation: int) -> tuple[str, int] | None:
    """Status and position of a generation, row-locked until the transaction ends."""
    suffix = " FOR UPDATE" if conn.dialect == "postgres" else ""
    rows = conn.execute(
        "SELECT status, position FROM projection_tracking WHERE name = ? AND generation = ?"
        + suffix,
        (name, generation),
    )
    return (rows[0][0], rows[0][1]) if rows else None


def advance(conn: Conn, name: str, generation: int, status: str, old: int, new: int) -> None:
    """Compare-and-set of the position: two workers can never both move it from ``old``."""
    found = lock_row(conn, name, generation)
    if found != (status, old):
        raise TrackingConflict(f"{name} g{generation}: expected {(status, old)}, found {found}")
    conn.execute(
        "UPDATE projection_tracking SET position = ?, updated_at = ? "
        "WHERE name = ? AND generation = ? AND position = ?",
        (new, now_text(), name, generation, old),
    )


def record_failure(conn: Conn, name: str, generation: int, position: int, error: str) -> None:
    conn.execute(
        "UPDATE projection_tracking SET error = ?, error_position = ?, updated_at = ? "
        "WHERE name = ? AND generation = ?",
        (error, position, now_text(), name, generation),
    )


def clear_failure(conn: Conn, name: str, generation: int) -> None:
    conn.execute(
        "UPDATE projection_tracking SET error = NULL, error_position = NULL "
        "WHERE name = ? AND generation = ? AND error IS NOT NULL",
        (name, generation),
    )


def activate(conn: Conn, name: str, generation: int) -> int | None:
    """Make ``generation`` the one readers use; returns the generation it replaced."""
    previous = active_generation(conn, name)
    stamp = now_text()
    if previous is not None:
        conn.execute(
            "UPDATE projection_tracking SET status = ?, updated_at = ? "
            "WHERE name = ? AND generation = ?",
            (RETIRED, stamp, name, previous),
        )
    conn.execute(
        "UPDATE projection_tracking SET status = ?, updated_at = ? WHERE name = ? AND generation = ?",
        (ACTIVE, stamp, name, generation),
    )
    if conn.execute("SELECT 1 FROM projection_registry WHERE name = ?", (name,)):
        conn.execute(
            "UPDATE projection_registry SET active_generation = ? WHERE name = ?", (generation, name)
        )
    else:
        conn.execute(
            "INSERT INTO projection_registry (name, active_generation) VALUES (?, ?)",
            (name, generation),
        )
    return previous


def forget(conn: Conn, name: str, generation: int) -> None:
    conn.execute(
        "DELETE FROM projection_tracking WHERE name = ? AND generation = ?", (name, generation)
    )
