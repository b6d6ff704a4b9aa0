"""A view's definition fingerprint: stable for one definition, different when its tables,
indexes, primary key or ``VERSION`` change, and per dialect (the stored types differ)."""

from __future__ import annotations

from typing import Any

from projections.engine.fingerprint import fingerprint
from projections.engine.view import Row, ServantHistory, Table, View

BASE = Table("sample", (("servant_id", "TEXT NOT NULL"), ("day", "DATE NOT NULL")))


def _view(table: Table, version: int = 1) -> View:
    class Sample(View):
        name = "sample"
        event_classes = ()
        tables = (table,)
        VERSION = version

        def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
            return {}

    return Sample()


def test_one_definition_has_one_fingerprint_per_dialect() -> None:
    first, again = _view(BASE), _view(BASE)
    assert fingerprint(first, "postgres") == fingerprint(again, "postgres")
    assert fingerprint(first, "sqlite") == fingerprint(again, "sqlite")
    assert fingerprint(first, "sqlite") != fingerprint(first, "postgres")


def test_columns_indexes_primary_key_and_version_each_change_it() -> None:
    changes: list[dict[str, Any]] = [
        {"columns": (*BASE.columns, ("bucket", "INTEGER NOT NULL"))},
        {"indexes": (("day",),)},
        {"primary_key": ("servant_id", "day")},
    ]
    seen = {fingerprint(_view(BASE), "postgres"), fingerprint(_view(BASE, version=2), "postgres")}
    for change in changes:
        seen.add(fingerprint(_view(Table(**{**BASE.__dict__, **change})), "postgres"))
    assert len(seen) == 2 + len(changes)
