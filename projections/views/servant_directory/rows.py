"""The servant directory view: who a servant is today, with folded search columns.

"Today" moves while the rows stand still, so a row carries the stretch of time it is valid
for (``valid_from`` inclusive, ``valid_to`` exclusive) and a read picks the row valid on its
day. A servant gets one row for the state known when the servant's latest event was recorded,
stretched back to the beginning of time, and one more for each future-dated change (a transfer
or exit whose TMT is still to come): the directory shows the new unit from the transfer's TMT
on, never before, without the view knowing the clock. Earlier stretches are not stored (today
is never before the day the log last heard of the servant), so there is about one row per
servant and every index range reads the population's current rows only."""

from __future__ import annotations

from datetime import date

from domain.functional.record import retirement_of
from domain.kinds import Facet, classes_for
from domain.positions import PositionKind
from domain.state import ServantState, fold
from projections.engine.db import Conn
from projections.engine.view import Row, ServantHistory, Table, View, iso
from projections.views.servant_directory.text import fold_name
from projections.views.servant_directory.trigrams import (
    create_trigram_table,
    drop_trigram_table,
    trigram_index,
)

BEGINNING, END = "0001-01-01", "9999-12-31"
TABLE = "servant_directory"
DIRECTORY_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("valid_from", "DATE NOT NULL"),
    ("valid_to", "DATE NOT NULL"), ("nip", "TEXT NOT NULL"), ("name", "TEXT NOT NULL"),
    ("name_folded", "TEXT NOT NULL"), ("name_initial", "TEXT NOT NULL"),
    ("institution_id", "TEXT NOT NULL"), ("institution_name", "TEXT NOT NULL"),
    ("unit_id", "TEXT NOT NULL"), ("unit_name", "TEXT NOT NULL"),
    ("rank", "TEXT NOT NULL"), ("rank_order", "INTEGER NOT NULL"),
    ("rank_tmt", "DATE NOT NULL"), ("status", "TEXT NOT NULL"), ("status_tmt", "DATE"),
    ("cpns_tmt", "DATE NOT NULL"), ("pns_tmt", "DATE"), ("position_name", "TEXT"),
    ("position_kind", "TEXT"), ("position_level", "TEXT"), ("position_tmt", "DATE"),
    ("functional_position", "TEXT"), ("highest_education", "TEXT NOT NULL"),
    ("version", "INTEGER NOT NULL"), ("birth_date", "DATE NOT NULL"),
    ("gender", "TEXT NOT NULL"), ("bup_age", "INTEGER"), ("reaches_bup_on", "DATE"),
    ("retirement_tmt", "DATE"), ("bup_basis", "TEXT"), ("bup_source", "TEXT"),
    ("bup_verify", "INTEGER"),
)
COLUMN_NAMES = tuple(name for name, _ in DIRECTORY_COLUMNS)
# Text compared byte-wise on both stores (PostgreSQL's locale order would differ from
# SQLite's, and a prefix range needs code-point order).
COLLATED = frozenset({"name_folded", "unit_id", "nip"})
# Each filter with the default order (name), then each order alone; the tie-break is the NIP.
SEARCH_INDEXES: tuple[tuple[str, ...], ...] = (
    ("name_folded", "nip"), ("nip",), ("rank_order", "nip"), ("rank_tmt", "nip"),
    ("unit_id", "nip"), ("unit_id", "name_folded", "nip"),
    ("institution_id", "name_folded", "nip"), ("status", "name_folded", "nip"),
    ("rank_order", "name_folded", "nip"), ("position_kind", "name_folded", "nip"),
    ("position_level", "name_folded", "nip"), ("functional_position", "name_folded", "nip"),
)


def column(name: str, dialect: str) -> str:
    """``name`` as queries and indexes spell it, so PostgreSQL's indexes match the queries."""
    return f'{name} COLLATE "C"' if dialect != "sqlite" and name in COLLATED else name


def _day(value: date | None) -> str | None:
    return iso(value) if value is not None else None


def directory_row(history: ServantHistory, state: ServantState, valid: tuple[str, str]) -> Row:
    position = state.position
    functional = position is not None and position.kind is PositionKind.FUNGSIONAL
    retirement = retirement_of(state, position.tmt if position is not None else state.cpns_tmt)
    folded = fold_name(state.name)
    return (
        history.sid, *valid, state.nip, state.name, folded, folded[:1],
        state.institution_id, state.institution_name, state.unit_id, state.unit_name,
        state.rank.name, state.rank.ordinal, iso(state.rank_tmt), state.status.name,
        _day(state.status_tmt), iso(state.cpns_tmt), _day(state.pns_tmt),
        position.name if position else None, position.kind.name if position else None,
        position.level.name if position else None, _day(position.tmt if position else None),
        fold_name(position.name) if position is not None and functional else None,
        state.highest_education.name, history.events[-1].originator_version,
        iso(state.birth_date), state.gender.name,
        retirement.age if retirement else None,
        _day(retirement.reaches_bup_on if retirement else None),
        _day(retirement.retirement_tmt if retirement else None),
        retirement.basis if retirement else None, retirement.source if retirement else None,
        int(retirement.verify) if retirement else None,
    )


class ServantDirectoryView(View):
    name = "servant_directory"
    # The appointment, ranks, positions, transfers, education and exits.
    event_classes = classes_for(Facet.PROMOTION)
    tables = (Table(TABLE, DIRECTORY_COLUMNS),)

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        effective = history.effective
        known_on = max(e.timestamp for e in history.events).date()
        changes = sorted({e.event.tmt for e in effective if e.event.tmt > known_on})
        starts: list[date | None] = [None, *changes]
        rows: list[Row] = []
        for start, end in zip(starts, [*changes, None], strict=True):
            state = fold(effective, start or known_on)
            valid = (BEGINNING if start is None else iso(start), END if end is None else iso(end))
            rows.append(directory_row(history, state, valid))
        return {TABLE: rows}

    def _search_indexes(self, dialect: str, generation: int) -> list[tuple[str, str]]:
        table = self.table_name(TABLE, generation)
        return [(f"{table}_s{n}", f"{table} ({', '.join(column(c, dialect) for c in cols)})")
                for n, cols in enumerate(SEARCH_INDEXES)]

    def create_tables(self, conn: Conn, generation: int) -> None:
        super().create_tables(conn, generation)
        create_trigram_table(conn, self.table_name(TABLE, generation))

    def drop_tables(self, conn: Conn, generation: int) -> None:
        drop_trigram_table(conn, self.table_name(TABLE, generation))
        super().drop_tables(conn, generation)

    def create_indexes(self, conn: Conn, generation: int) -> None:
        super().create_indexes(conn, generation)
        table = self.table_name(TABLE, generation)
        for name, target in self._search_indexes(conn.dialect, generation):
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
        trigrams = trigram_index(conn, table)
        if trigrams is not None:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_trgm ON {trigrams}")

    def drop_indexes(self, conn: Conn, generation: int) -> None:
        super().drop_indexes(conn, generation)
        table = self.table_name(TABLE, generation)
        for name, _target in self._search_indexes(conn.dialect, generation):
            conn.execute(f"DROP INDEX IF EXISTS {name}")
        conn.execute(f"DROP INDEX IF EXISTS {table}_trgm")
