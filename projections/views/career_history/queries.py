"""Reads of the career history view, given a connection and the active generation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from projections import json_codec
from projections.engine.db import Conn
from projections.engine.view import View
from projections.views.career_history.rows import ENTRY_COLUMNS, SERVANT_COLUMNS

CAREER_SECTIONS = ("RANK", "POSITION", "UNIT", "SKP", "TRAINING", "EDUCATION", "DISCIPLINE",
                   "STATUS", "COMPETENCY")


@dataclass(frozen=True)
class CareerEntry:
    section: str
    seq: int
    tmt: str
    until_tmt: str | None
    title: str
    details: dict[str, Any]
    event_ids: list[str]
    positions: list[int]
    version: int
    position: int
    sk_number: str
    sk_date: str
    sk_official: str
    recorded_by_id: str
    recorded_by_role: str
    recorded_at: str
    corrected: bool
    retracted: bool
    corrections: list[dict[str, Any]]
    original: dict[str, Any] | None
    retraction: dict[str, Any] | None


@dataclass(frozen=True)
class CareerHistory:
    summary: dict[str, Any]
    entries: list[CareerEntry]
    # The view generation the rows were read from, where the read knows it in one snapshot.
    # Not part of what the history says: the same record read before and after a rebuild
    # switch is the same history, so equality compares the rows only.
    generation: int | None = field(default=None, compare=False)

    @property
    def version(self) -> tuple[int, int] | None:
        """(generation, the servant's last log position): exactly the rows read."""
        if self.generation is None:
            return None
        return self.generation, int(self.summary["last_position"])

    def section(self, name: str) -> list[CareerEntry]:
        return [e for e in self.entries if e.section == name]


def career_history(conn: Conn, generation: int, nip: str) -> CareerHistory | None:
    servants = View.table_name("career_servant", generation)
    entries = View.table_name("career_entry", generation)
    found = conn.execute(f"SELECT * FROM {servants} WHERE nip = ?", (nip,))
    if not found:
        return None
    names = [c for c, _ in _columns("career_servant")]
    rows = conn.execute(
        f"SELECT * FROM {entries} WHERE nip = ? ORDER BY section, seq", (nip,)
    )
    return CareerHistory(dict(zip(names, found[0], strict=True)), [_entry(r) for r in rows])


def _entry(row: tuple[Any, ...]) -> CareerEntry:
    (_sid, _nip, section, seq, tmt, until, title, details, event_ids, positions, version,
     position, sk_number, sk_date, sk_official, by_id, by_role, at, corrected, retracted,
     corrections, original, retraction) = row
    return CareerEntry(
        section, seq, tmt, until, title, json_codec.loads(details), json_codec.loads(event_ids),
        json_codec.loads(positions), version, position, sk_number, sk_date, sk_official, by_id,
        by_role, at, bool(corrected), bool(retracted), json_codec.loads(corrections),
        json_codec.loads(original) if original else None, json_codec.loads(retraction) if retraction else None,
    )


entry_from_row = _entry


def _columns(base: str) -> tuple[tuple[str, str], ...]:

    return {"career_servant": SERVANT_COLUMNS, "career_entry": ENTRY_COLUMNS}[base]


