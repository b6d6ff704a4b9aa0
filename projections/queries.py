"""Reads of the three views, each given a connection and the active generation. Every read is
a fixed number of statements, whatever the page size."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from projections.db import Conn
from projections.promotion_facts import facts_from_json
from projections.training_ledger import ANNUAL_JP_TARGET
from projections.view import View

CAREER_SECTIONS = ("RANK", "POSITION", "UNIT", "SKP", "TRAINING", "EDUCATION", "DISCIPLINE",
                   "STATUS")


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
        section, seq, tmt, until, title, json.loads(details), json.loads(event_ids),
        json.loads(positions), version, position, sk_number, sk_date, sk_official, by_id,
        by_role, at, bool(corrected), bool(retracted), json.loads(corrections),
        json.loads(original) if original else None, json.loads(retraction) if retraction else None,
    )


entry_from_row = _entry


def _columns(base: str) -> tuple[tuple[str, str], ...]:
    from projections.career_history import ENTRY_COLUMNS, SERVANT_COLUMNS

    return {"career_servant": SERVANT_COLUMNS, "career_entry": ENTRY_COLUMNS}[base]


def promotion_rows(conn: Conn, generation: int, *, nip: str | None = None,
                   unit_id: str | None = None, rank: str | None = None) -> list[tuple[Any, ...]]:
    """(nip, name, unit_id, unit_name, facts) of the servants matching the filter."""
    table = View.table_name("promotion_servant", generation)
    clauses, params = [], []
    for column, value in (("nip", nip), ("unit_id", unit_id), ("rank", rank)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT nip, name, unit_id, unit_name, facts FROM {table}{where} ORDER BY nip", params
    )
    return [(n, name, u, un, facts_from_json(facts)) for n, name, u, un, facts in rows]


def institutions_of_servants(conn: Conn, generation: int) -> dict[str, str]:
    """Each servant's institution, for filtering lists down to an HR token's scope."""
    table = View.table_name("promotion_servant", generation)
    return {nip: institution for nip, institution in conn.execute(
        f"SELECT nip, institution_id FROM {table}", ())}


@dataclass(frozen=True)
class KindHours:
    kind: str
    classical: bool
    hours: int
    event_ids: list[str]


@dataclass(frozen=True)
class DevelopmentNeed:
    year: int
    predikat: str
    event_id: str
    raised_on: str
    trainings_since: list[str]
    status: str


@dataclass(frozen=True)
class LedgerYear:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    year: int
    by_kind: list[KindHours] = field(default_factory=list)
    needs: list[DevelopmentNeed] = field(default_factory=list)

    @property
    def total_hours(self) -> int:
        return sum(k.hours for k in self.by_kind)

    @property
    def flags(self) -> list[str]:
        flags = ["BELOW_20_JP"] if self.total_hours < ANNUAL_JP_TARGET else []
        return flags + (["DEVELOPMENT_NEED"] if self.needs else [])


def training_ledgers(conn: Conn, generation: int, year: int, *, nip: str | None = None,
                     unit_id: str | None = None, limit: int | None = None,
                     offset: int = 0) -> tuple[list[LedgerYear], int]:
    """Ledgers of one year for a servant or a unit's servants (by NIP), with the total count."""
    servants = View.table_name("training_servant", generation)
    column, value = ("nip", nip) if nip is not None else ("unit_id", unit_id)
    total = conn.execute(f"SELECT COUNT(*) FROM {servants} WHERE {column} = ?", (value,))[0][0]
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    people = conn.execute(
        f"SELECT nip, name, unit_id, unit_name FROM {servants} WHERE {column} = ? "
        f"ORDER BY nip{page}", (value,),
    )
    ledgers = {n: LedgerYear(n, name, u, un, year) for n, name, u, un in people}
    if not ledgers:
        return [], total
    marks = ",".join("?" * len(ledgers))
    years = View.table_name("training_year", generation)
    for n, kind, classical, hours, event_ids in conn.execute(
        f"SELECT nip, kind, classical, hours, event_ids FROM {years} "
        f"WHERE year = ? AND nip IN ({marks}) ORDER BY nip, kind", (year, *ledgers),
    ):
        ledgers[n].by_kind.append(KindHours(kind, bool(classical), hours, json.loads(event_ids)))
    needs = View.table_name("training_need", generation)
    for n, y, predikat, event_id, raised, since, status in conn.execute(
        f"SELECT nip, year, predikat, event_id, raised_on, trainings_since, status FROM {needs} "
        f"WHERE year <= ? AND status = 'OPEN' AND nip IN ({marks}) ORDER BY nip, year",
        (year, *ledgers),
    ):
        ledgers[n].needs.append(DevelopmentNeed(y, predikat, event_id, raised, json.loads(since),
                                                status))
    return list(ledgers.values()), total
