"""What a view is: tables per generation, and rows derived from one servant's whole history.
A view never updates rows incrementally. For every servant a batch touches, the runner hands
the view the servant's complete history up to the batch's end, and the tables are made to hold
the rows derived from it: the servant's rows are replaced, or, where the engine knows the rows
it wrote before (``written_rows``), only the rows that differ are deleted and inserted.
Corrections and retractions (which rewrite earlier events) are then handled by the domain's
own ``effective_events``/``fold``, and re-applying the same events is harmless."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar
from uuid import UUID

from domain.servant import CivilServant as CS
from domain.state import Effective, ServantState, effective_events, fold
from projections.engine.applied import APPLIED_COLUMNS, applied_base
from projections.engine.db import Conn
from projections.engine.log import BASE_TOPICS, topics_of
from projections.engine.row_values import (
    day,
    iso,
    json_ints,
    json_strings,
    jsonable,
    per_type,
    plain,
    plain_converter,
    plain_json,
    to_json,
)

# The row values' helpers are named here too, beside the view they serve.
__all__ = [
    "Row", "ServantHistory", "Table", "View", "column_type", "day", "iso", "json_ints",
    "json_strings", "jsonable", "per_type", "plain", "plain_converter", "plain_json", "to_json",
]

Row = tuple[Any, ...]
# The rows (per table base name) the tables certainly hold for a servant id, when known.
KnownRows = Callable[[str], Mapping[str, list[Row]] | None]


@dataclass(frozen=True)
class Table:
    base: str
    columns: tuple[tuple[str, str], ...]  # (name, portable SQL type); first is servant_id
    indexes: tuple[tuple[str, ...], ...] = ()
    primary_key: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def definition(self, dialect: str) -> str:
        """The columns (and primary key) as ``CREATE TABLE`` takes them in ``dialect``."""
        columns = [f"{column} {column_type(kind, dialect)}" for column, kind in self.columns]
        if self.primary_key:
            columns.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        return ", ".join(columns)


# PostgreSQL's native types, as SQLite stores them (its dates are ISO text, its booleans 0/1).
_SQLITE_TYPES = {"DATE": "TEXT", "TIMESTAMPTZ": "TEXT", "JSONB": "TEXT", "BOOLEAN": "INTEGER"}


def column_type(kind: str, dialect: str) -> str:
    if dialect != "sqlite":
        return kind
    name, _, rest = kind.partition(" ")
    return " ".join(filter(None, (_SQLITE_TYPES.get(name, name), rest)))


@dataclass
class ServantHistory:
    """Every event of one servant the view asked for, up to the batch's last position."""

    servant_id: UUID
    events: list[CS.Event]
    positions: dict[int, int] = field(default_factory=dict)

    @cached_property
    def nip(self) -> str:
        first = self.events[0]
        assert isinstance(first, CS.CpnsAppointed), f"{self.servant_id} lacks its appointment"
        return first.nip

    @cached_property
    def sid(self) -> str:
        """The servant id as stored in the views' rows."""
        return str(self.servant_id)

    def event_id(self, version: int) -> str:
        return f"{self.nip}:{version}"

    @cached_property
    def effective(self) -> list[Effective]:
        return effective_events(self.events)

    @cached_property
    def state(self) -> ServantState:
        """The domain's fold of the effective events, shared by every view of a batch."""
        return fold(self.effective)


class View(ABC):
    name: ClassVar[str]
    event_classes: ClassVar[tuple[type[CS.Event], ...]]
    tables: ClassVar[tuple[Table, ...]]
    # Bumped when the rows' meaning changes under unchanged tables: the definition fingerprint
    # then differs, and an upgraded worker rebuilds the view (projections/engine/fingerprint).
    VERSION: ClassVar[int] = 1

    @cached_property
    def topics(self) -> frozenset[str]:
        return BASE_TOPICS | topics_of(*self.event_classes)

    @abstractmethod
    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        """Rows per table base name for one servant."""

    @cached_property
    def stored_tables(self) -> tuple[Table, ...]:  # with the engine's record (``applied``)
        return (*self.tables, Table(applied_base(self.name), APPLIED_COLUMNS))

    @staticmethod
    def table_name(base: str, generation: int) -> str:
        return f"{base}_g{generation}"

    def create_tables(self, conn: Conn, generation: int) -> None:
        for table in self.stored_tables:
            name = self.table_name(table.base, generation)
            conn.execute(f"CREATE TABLE IF NOT EXISTS {name} ({table.definition(conn.dialect)})")
        self.create_indexes(conn, generation)

    def _indexes(self, generation: int) -> list[tuple[str, str, tuple[str, ...]]]:
        found: list[tuple[str, str, tuple[str, ...]]] = []
        for table in self.stored_tables:
            name = self.table_name(table.base, generation)
            found.append((f"{name}_servant", name, ("servant_id",)))
            found += [(f"{name}_i{n}", name, index) for n, index in enumerate(table.indexes)]
        return found

    def create_indexes(self, conn: Conn, generation: int) -> None:
        for index, table, columns in self._indexes(generation):
            conn.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({', '.join(columns)})")

    def index_loaded(self, conn: Conn, generation: int) -> None:
        """After a bulk load: the indexes, built once, and the planner's statistics of the new
        tables. Without statistics (until autovacuum gets there, or never where it is off)
        PostgreSQL plans a candidate page over a freshly built generation as if its tables were
        empty: at 100,000 servants a page took a second instead of tens of milliseconds."""
        self.create_indexes(conn, generation)
        for table in self.stored_tables:
            conn.execute(f"ANALYZE {self.table_name(table.base, generation)}")

    def drop_indexes(self, conn: Conn, generation: int) -> None:
        """Before a bulk load: building an index once is cheaper than maintaining it."""
        for index, _table, _columns in self._indexes(generation):
            conn.execute(f"DROP INDEX IF EXISTS {index}")

    def clear_tables(self, conn: Conn, generation: int) -> None:
        for table in self.stored_tables:
            conn.execute(f"DELETE FROM {self.table_name(table.base, generation)}")

    def drop_tables(self, conn: Conn, generation: int) -> None:
        for table in self.stored_tables:
            conn.execute(f"DROP TABLE IF EXISTS {self.table_name(table.base, generation)}")

    def servant_rows(self, histories: Sequence[ServantHistory]) -> dict[str, dict[str, list[Row]]]:
        """``rows`` per servant id, every table named (empty when the servant has none)."""
        found: dict[str, dict[str, list[Row]]] = {}
        for history in histories:
            produced = self.rows(history)
            found[history.sid] = {table.base: produced.get(table.base, [])
                                  for table in self.tables}
        return found

    def write_rows(
        self, conn: Conn, generation: int, rows: dict[str, dict[str, list[Row]]],
        stale: Sequence[str], known: KnownRows,
    ) -> None:
        """Make the tables hold ``rows`` for these servants: the ``stale`` ones have rows
        already, which ``known`` may give (those of the other servants are only added)."""
        stale_ids = set(stale)
        for table in self.tables:
            name = self.table_name(table.base, generation)
            replaced, gone, added = [], [], []
            for sid, produced in rows.items():
                new = produced[table.base]
                before = known(sid) if sid in stale_ids else None
                if before is None:
                    if sid in stale_ids:
                        replaced.append(sid)
                    added += new
                elif before[table.base] == new:
                    continue
                elif table.primary_key:
                    old_keys, new_added = changed_rows(table, before[table.base], new)
                    gone += old_keys
                    added += new_added
                else:
                    replaced.append(sid)
                    added += new
            if replaced:
                conn.delete_where_in(name, "servant_id", replaced)
            if gone:
                conn.delete_keys(name, table.primary_key, gone)
            conn.insert_rows(name, table.column_names, added)


def changed_rows(table: Table, before: list[Row], after: list[Row]) -> tuple[list[Row], list[Row]]:
    """The primary keys of the rows of ``before`` that ``after`` lacks or holds otherwise, and
    the rows of ``after`` that ``before`` lacks or holds otherwise."""
    where = [table.column_names.index(column) for column in table.primary_key]
    old = {tuple(row[i] for i in where): row for row in before}
    new = {tuple(row[i] for i in where): row for row in after}
    return ([key for key, row in old.items() if new.get(key) != row],
            [row for key, row in new.items() if old.get(key) != row])
