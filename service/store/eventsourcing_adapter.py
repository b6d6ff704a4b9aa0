"""Every use of eventsourcing's internals, in one place.

The library has no public hooks for what the service needs inside its transactions (chain
links and idempotency claims written with the events, the schema DDL serialised across
processes, a callback once a save has committed), so these classes override its private
methods and hand over to public methods of our own. They are written against the exact
version pinned in pyproject.toml; ``contract_breaches`` lists what no longer matches, and
tests/unit/test_eventsourcing_contract.py fails on any of it after an upgrade."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Recording, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg import Cursor
from psycopg.rows import DictRow

PINNED_VERSION = "9.5.6"

# The private methods overridden below, with their parameters in the pinned version.
OVERRIDDEN: tuple[tuple[type, str, tuple[str, ...]], ...] = (
    (SQLiteApplicationRecorder, "_insert_events", ("self", "c", "stored_events", "_")),
    (PostgresApplicationRecorder, "_create_table", ("self", "curs")),
    (PostgresApplicationRecorder, "_fetch_ids_after_insert_events",
     ("self", "curs", "stored_events", "_")),
    (Application, "_notify", ("self", "recordings")),
)
# The public methods whose implementation calls the overridden ones (checked by name in the
# source, as a call path is what the overrides rely on).
CALLERS: tuple[tuple[type, str, str], ...] = (
    (SQLiteApplicationRecorder, "insert_events", "_insert_events"),
    (PostgresApplicationRecorder, "create_table", "_create_table"),
    (PostgresApplicationRecorder, "insert_events", "_fetch_ids_after_insert_events"),
    (Application, "save", "_notify"),
)


def contract_breaches() -> list[str]:
    """What the installed eventsourcing no longer has of what these overrides rely on."""
    breaches = []
    installed = version("eventsourcing")
    if installed != PINNED_VERSION:
        breaches.append(f"eventsourcing {installed} installed, the adapter is for {PINNED_VERSION}")
    for cls, name, parameters in OVERRIDDEN:
        method = getattr(cls, name, None)
        if not inspect.isfunction(method):
            breaches.append(f"{cls.__name__}.{name} is gone")
            continue
        found = tuple(inspect.signature(method).parameters)
        if found != parameters:
            breaches.append(f"{cls.__name__}.{name}{found} is not {name}{parameters}")
    for cls, caller, callee in CALLERS:
        method = getattr(cls, caller, None)
        if method is None or f".{callee}(" not in inspect.getsource(method):
            breaches.append(f"{cls.__name__}.{caller} no longer calls {callee}")
    return breaches


class SQLiteRecorderHooks(SQLiteApplicationRecorder):
    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        assert positions is not None
        self.after_insert_events(c, stored_events, positions, **kwargs)
        return positions

    def after_insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                            positions: Sequence[int], **kwargs: Any) -> None:
        """In the insert's transaction, once the events have their positions."""


class PostgresRecorderHooks(PostgresApplicationRecorder):
    def _create_table(self, curs: Cursor[DictRow]) -> None:
        self.before_create_tables(curs)
        super()._create_table(curs)

    def before_create_tables(self, curs: Cursor[DictRow]) -> None:
        """In the schema transaction, before the library's DDL runs."""

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        assert positions is not None
        self.after_insert_events(curs, stored_events, positions, **kwargs)
        return positions

    def after_insert_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent],
                            positions: Sequence[int], **kwargs: Any) -> None:
        """In the insert's transaction (under the table lock), once the events have their
        positions."""


class CommitHooks(Application[UUID]):
    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        super()._notify(recordings)
        self.after_commit(recordings)

    def after_commit(self, recordings: list[Recording[UUID]]) -> None:
        """After a save has committed."""
