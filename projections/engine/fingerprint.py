"""What a view's generation was built from: a stable hash of its tables' definitions (columns,
types, indexes, primary key, as the dialect stores them) and the view's ``VERSION``.

Each generation records the fingerprint of the code that created it. A release that changes a
view's tables (or bumps ``VERSION`` because its rows now mean something else) thus finds the
active generation's fingerprint differs from its own: the worker builds a fresh generation
beside it, and readers refuse the old one rather than run new queries on old tables."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from domain.errors import DomainError
from projections import json_codec
from projections.engine.db import Conn
from projections.engine.view import View

_KNOWN: dict[tuple[type[View], str], str] = {}


def fingerprint(view: View, dialect: str) -> str:
    key = (type(view), dialect)
    if key not in _KNOWN:
        described = {
            "version": view.VERSION,
            "tables": [[table.base, table.definition(dialect), [list(i) for i in table.indexes],
                        list(table.primary_key)] for table in view.stored_tables],
        }
        _KNOWN[key] = hashlib.sha256(json_codec.dumps_sorted(described)).hexdigest()[:32]
    return _KNOWN[key]


def rebuilding(name: str) -> DomainError:
    return DomainError(
        "PROJECTION_BEHIND",
        f"The {name} view is being rebuilt for this release (its stored tables predate it); "
        "retry once the rebuild has switched.",
    )


class Freshness:
    """Which active generations this code may read: those whose fingerprint is its own.
    Each (view, generation) is looked up once; a generation's fingerprint never changes."""

    def __init__(self, views: Iterable[View], dialect: str) -> None:
        self.expected = {view.name: fingerprint(view, dialect) for view in views}
        self._fresh: set[tuple[str, int]] = set()

    def check(self, name: str, generation: int, found: str | None) -> None:
        """Raise the rebuilding error unless ``found`` is the code's fingerprint of ``name``."""
        if name in self.expected and found != self.expected[name]:
            raise rebuilding(name)
        self._fresh.add((name, generation))

    def check_stored(self, conn: Conn, name: str, generation: int) -> None:
        if (name, generation) in self._fresh or name not in self.expected:
            return
        rows = conn.execute(
            "SELECT fingerprint FROM projection_tracking WHERE name = ? AND generation = ?",
            (name, generation),
        )
        self.check(name, generation, rows[0][0] if rows else None)
