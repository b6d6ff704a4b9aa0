"""A servant's career history in one statement: the active generation (so a reader that
cached it learns of a rebuild switch from the same snapshot), the servant row and all its
entries aggregated as one JSON array. One round trip, one snapshot, no transaction.

The record keeps the generation it was read from: with the servant's ``last_position`` it
names exactly the rows read (``version_statement``), so a reader that keyed an answer by
that version can tell whether the answer is that version's without asking again."""

from __future__ import annotations

from typing import Any

from projections import json_codec
from projections.engine.view import View
from projections.views.career_history.queries import CareerEntry, CareerHistory
from projections.views.career_history.rows import ENTRY_COLUMNS, SERVANT_COLUMNS

VIEW_NAME = "career_history"
# Entry columns that hold JSON text: embedded as JSON, so the array parses in one go.
_JSON_COLUMNS = frozenset({"details", "event_ids", "positions", "corrections", "original",
                           "retraction"})
_SERVANT_NAMES = tuple(name for name, _ in SERVANT_COLUMNS)
_ENTRY_NAMES = tuple(name for name, _ in ENTRY_COLUMNS)


def statement(dialect: str, generation: int) -> str:
    """One row: the registry's active generation twice (the reader strips the first), then
    (NULL when no such servant) the servant's columns and its entries as JSON text; the NIP
    is the one parameter."""
    servants = View.table_name("career_servant", generation)
    entries = View.table_name("career_entry", generation)
    servant_columns = ", ".join(f"s.{name}" for name in _SERVANT_NAMES)
    cast = "{}::json" if dialect == "postgres" else "json({})"
    values = ", ".join(
        cast.format(f"e.{name}") if name in _JSON_COLUMNS else f"e.{name}"
        for name in _ENTRY_NAMES
    )
    if dialect == "postgres":
        aggregate = (f"(SELECT json_agg(json_build_array({values}) ORDER BY e.section, e.seq)"
                     f"::text FROM {entries} e WHERE e.nip = s.nip)")
    else:
        aggregate = (f"(SELECT json_group_array(json(x)) FROM (SELECT json_array({values}) AS x "
                     f"FROM {entries} e WHERE e.nip = s.nip ORDER BY e.section, e.seq))")
    return (
        f"SELECT r.active_generation, r.active_generation, {servant_columns}, {aggregate} "
        f"FROM projection_registry r LEFT JOIN {servants} s ON s.nip = ? "
        f"WHERE r.name = '{VIEW_NAME}'"
    )


def version_statement(dialect: str, generation: int) -> str:
    """One row: the active generation twice (the reader strips the first), then the
    servant's log position in it (NULL when no such servant). Each event of the servant's,
    corrections and retractions included, moves that position: with the generation it names
    exactly the rows ``statement`` would read."""
    servants = View.table_name("career_servant", generation)
    return (
        f"SELECT r.active_generation, r.active_generation, s.last_position "
        f"FROM projection_registry r LEFT JOIN {servants} s ON s.nip = ? "
        f"WHERE r.name = '{VIEW_NAME}'"
    )


def record_from_row(row: tuple[Any, ...]) -> CareerHistory | None:
    """The history from ``statement``'s row without its leading generation."""
    generation, *servant, entries_json = row
    if servant[0] is None:
        return None
    summary = dict(zip(_SERVANT_NAMES, servant, strict=True))
    entries = [_entry(item) for item in json_codec.loads(entries_json or "[]")]
    # SQLite does not promise the order of an aggregate over an ordered subquery.
    entries.sort(key=lambda e: (e.section, e.seq))
    return CareerHistory(summary, entries, int(generation))


def _entry(item: list[Any]) -> CareerEntry:
    (_sid, _nip, section, seq, tmt, until, title, details, event_ids, positions, version,
     position, sk_number, sk_date, sk_official, by_id, by_role, at, corrected, retracted,
     corrections, original, retraction) = item
    return CareerEntry(
        section, seq, tmt, until, title, details, event_ids, positions, version, position,
        sk_number, sk_date, sk_official, by_id, by_role, at, bool(corrected), bool(retracted),
        corrections, original, retraction,
    )
