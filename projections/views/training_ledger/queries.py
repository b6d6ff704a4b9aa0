"""Reads of the training ledger view, given a connection and the active generation. Every
read is a fixed number of statements, whatever the page size."""

from __future__ import annotations

from dataclasses import dataclass, field

from projections import json_codec
from projections.engine.db import Conn
from projections.engine.view import View
from projections.views.training_ledger.rows import ANNUAL_JP_TARGET


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
        ledgers[n].by_kind.append(KindHours(kind, bool(classical), hours, json_codec.loads(event_ids)))
    needs = View.table_name("training_need", generation)
    for n, y, predikat, event_id, raised, since, status in conn.execute(
        f"SELECT nip, year, predikat, event_id, raised_on, trainings_since, status FROM {needs} "
        f"WHERE year <= ? AND status = 'OPEN' AND nip IN ({marks}) ORDER BY nip, year",
        (year, *ledgers),
    ):
        ledgers[n].needs.append(DevelopmentNeed(y, predikat, event_id, raised, json_codec.loads(since),
                                                status))
    return list(ledgers.values()), total


def unit_servants(conn: Conn, generation: int, unit_id: str, after: str | None,
                  before: str | None, limit: int,
                  backward: bool) -> tuple[list[tuple[str, str]], bool, int]:
    """One keyset page of a unit's servants (nip, name) by NIP: the first ``limit`` after
    ``after`` going forward, or the last ``limit`` before ``before`` going backward; with
    whether more lie beyond the page's far end, and the unit's count."""
    servants = View.table_name("training_servant", generation)
    total = conn.execute(f"SELECT COUNT(*) FROM {servants} WHERE unit_id = ?", (unit_id,))[0][0]
    where, params = "unit_id = ?", [unit_id]
    for bound, op in ((after, ">"), (before, "<")):
        if bound is not None:
            where, params = f"{where} AND nip {op} ?", [*params, bound]
    rows = conn.execute(
        f"SELECT nip, name FROM {servants} WHERE {where} "
        f"ORDER BY nip {'DESC' if backward else 'ASC'} LIMIT {int(limit) + 1}", tuple(params))
    page = [(str(n), str(name)) for n, name in rows[:limit]]
    return (page[::-1] if backward else page), len(rows) > limit, int(total)
