"""What a view is: tables per generation, and rows derived from one servant's whole history.
A view never updates rows incrementally. For every servant a batch touches, the runner hands
the view the servant's complete history up to the batch's end and replaces that servant's
rows. Corrections and retractions (which rewrite earlier events) are then handled by the
domain's own ``effective_events``/``fold``, and re-applying the same events is harmless."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
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

    def collect_rows(self, histories: Sequence[ServantHistory]) -> dict[str, list[Row]]:
        rows: dict[str, list[Row]] = {table.base: [] for table in self.tables}
        for history in histories:
            for base, produced in self.rows(history).items():
                rows[base].extend(produced)
        return rows

    def write_rows(
        self, conn: Conn, generation: int, rows: dict[str, list[Row]], stale: Sequence[str]
    ) -> None:
        """Replace the rows of the ``stale`` servants (and add those of new ones)."""
        for table in self.tables:
            name = self.table_name(table.base, generation)
            if stale:
                conn.delete_where_in(name, "servant_id", stale)
            conn.insert_rows(name, table.column_names, rows[table.base])
