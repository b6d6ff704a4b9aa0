""""Name contains" from a trigram index on either store: PostgreSQL's pg_trgm GIN index on the
folded name, SQLite's FTS5 trigram table kept in step with the directory by triggers (so the
engine's bulk and batch paths need not know of it). Patterns under three characters, or a
PostgreSQL without pg_trgm, filter the folded names along the order's index instead."""

from __future__ import annotations

from typing import Any

from projections.engine.db import Conn
from projections.views.servant_directory.text import like_pattern

TRIGRAM_OPS = "public.gin_trgm_ops"
SHORTEST = 3  # a trigram index cannot answer fewer characters


def create_trigram_table(conn: Conn, table: str) -> None:
    """SQLite: the FTS5 table over ``table``'s folded names and the triggers that fill it."""
    if conn.dialect != "sqlite":
        return
    fts = f"{table}_fts"
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(name_folded, "
                 f"content='{table}', content_rowid='rowid', tokenize='trigram')")
    conn.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
                 f"INSERT INTO {fts}(rowid, name_folded) VALUES (new.rowid, new.name_folded); END")
    conn.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
                 f"INSERT INTO {fts}({fts}, rowid, name_folded) "
                 f"VALUES ('delete', old.rowid, old.name_folded); END")


def drop_trigram_table(conn: Conn, table: str) -> None:
    if conn.dialect == "sqlite":
        conn.execute(f"DROP TABLE IF EXISTS {table}_fts")  # the triggers go with ``table``


def trigram_index(conn: Conn, table: str) -> str | None:
    """PostgreSQL: the GIN index's definition, or None when pg_trgm cannot be had."""
    if conn.dialect == "sqlite" or not trigram_available(conn):
        return None
    return f"{table} USING gin (name_folded {TRIGRAM_OPS})"


def contains(conn: Conn, table: str, folded: str) -> tuple[str, list[Any]]:
    """The condition "the folded name contains ``folded``" and its parameters."""
    if conn.dialect == "sqlite":
        if len(folded) < SHORTEST:
            return "instr(name_folded, ?) > 0", [folded]
        phrase = '"' + folded.replace('"', '""') + '"'
        return f"rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [phrase]
    return "name_folded LIKE ?", [like_pattern(folded)]


def trigram_available(conn: Conn) -> bool:
    """Whether pg_trgm is installed in schema ``public`` (installed here when the role may)."""
    found = conn.execute("SELECT extnamespace::regnamespace::text FROM pg_extension "
                         "WHERE extname = 'pg_trgm'")
    if found:
        return bool(found[0][0] == "public")
    try:
        conn.execute("SAVEPOINT riwayat_trgm")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        conn.execute("RELEASE SAVEPOINT riwayat_trgm")
    except Exception:  # no privilege, or no contrib package: "contains" falls back
        conn.execute("ROLLBACK TO SAVEPOINT riwayat_trgm")
        return False
    return True
