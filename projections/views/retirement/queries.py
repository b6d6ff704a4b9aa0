"""Reads of the retirement view: a unit's servants reaching retirement in a date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from projections.engine.db import Conn
from projections.engine.view import View


@dataclass(frozen=True)
class UpcomingRetirement:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    institution_id: str
    position_name: str | None
    position_event_id: str | None
    bup_age: int
    reaches_bup_on: date
    retirement_tmt: date
    basis: str
    source: str


def upcoming_retirements(conn: Conn, generation: int, unit_id: str, start: date,
                         end: date) -> list[UpcomingRetirement]:
    """Servants of ``unit_id`` whose retirement TMT falls in [start, end], earliest first."""
    table = View.table_name("retirement_servant", generation)
    rows = conn.execute(
        f"SELECT nip, name, unit_id, unit_name, institution_id, position_name, position_event_id, bup_age, "
        f"reaches_bup_on, retirement_tmt, basis, source FROM {table} "
        "WHERE unit_id = ? AND retirement_tmt >= ? AND retirement_tmt <= ? "
        "ORDER BY retirement_tmt, nip",
        (unit_id, start.isoformat(), end.isoformat()),
    )
    return [
        UpcomingRetirement(n, name, u, un, inst, pos, pid, age, date.fromisoformat(reaches),
                           date.fromisoformat(tmt), basis, source)
        for n, name, u, un, inst, pos, pid, age, reaches, tmt, basis, source in rows
    ]
