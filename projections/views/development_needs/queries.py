"""Reads of the development needs view: a unit's needs due in a year, or one servant's, each
one statement on an index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from projections.engine.db import Conn
from projections.engine.view import View

_COLUMNS = ("nip, name, unit_id, need_id, source, addresses, due_year, opened_on, opened_by, "
            "target_level, is_open, closure, closed_on, closed_by")


@dataclass(frozen=True)
class NeedRow:
    nip: str
    name: str
    unit_id: str
    need_id: str
    source: str
    addresses: str
    due_year: int
    opened_on: date
    opened_by: str
    target_level: int | None
    is_open: bool
    closure: str | None
    closed_on: date | None
    closed_by: tuple[str, ...]


def _rows(found: list[tuple[object, ...]]) -> list[NeedRow]:
    return [NeedRow(
        str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), int(str(r[6])),
        date.fromisoformat(str(r[7])), str(r[8]), None if r[9] is None else int(str(r[9])),
        bool(r[10]), None if r[11] is None else str(r[11]),
        None if r[12] is None else date.fromisoformat(str(r[12])),
        tuple(part for part in str(r[13]).split(",") if part),
    ) for r in found]


def unit_needs(conn: Conn, generation: int, unit_id: str, year: int, open_only: bool,
               limit: int) -> list[NeedRow]:
    """The unit's needs due in ``year`` (by NIP, then need id)."""
    table = View.table_name("development_need", generation)
    still_open = " AND is_open = 1" if open_only else ""
    return _rows(list(conn.execute(
        f"SELECT {_COLUMNS} FROM {table} WHERE unit_id = ? AND due_year = ?{still_open} "
        f"ORDER BY nip, need_id LIMIT ?", (unit_id, year, limit))))


def servant_needs(conn: Conn, generation: int, nip: str) -> list[NeedRow]:
    table = View.table_name("development_need", generation)
    return _rows(list(conn.execute(
        f"SELECT {_COLUMNS} FROM {table} WHERE nip = ? ORDER BY need_id", (nip,))))
