"""A report: its columns (with headers in Indonesian and English) and a stream of rows.

Builders return a ``Report`` whose rows are produced lazily, so a writer can put them on disk as
they come and a progress bar can count them. Personal columns are marked on the column, and
``visible_to`` drops them for a role that may not see personal fields: the same policy as the
API's redaction (service/redaction.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from projections import json_codec
from service.redaction import PERSONAL_DATA_ROLES, visible_to

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Column:
    key: str
    header_id: str
    header_en: str
    personal: bool = False
    width: int = 14  # characters, for the spreadsheet

    def header(self, language: str) -> str:
        return self.header_en if language == "en" else self.header_id


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Any]]
    total: int | None = None  # rows to come, when known (for the progress bar)

    def headers(self, language: str = "id") -> list[str]:
        return [column.header(language) for column in self.columns]

    def visible_to(self, role: str) -> Report:
        """This report as ``role`` may see it: no personal columns for a viewer, and no
        personal fields inside any structured cell."""
        if role in PERSONAL_DATA_ROLES:
            return self
        keep = [i for i, column in enumerate(self.columns) if not column.personal]
        columns = tuple(self.columns[i] for i in keep)

        def rows() -> Iterator[list[Any]]:
            for row in self.rows:
                yield [visible_to(role, row[i]) for i in keep]

        return replace(self, columns=columns, rows=rows())


def cell_text(value: Any) -> Any:
    """A cell as the writers store it: text for dates, enums and structures, numbers kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell_text(item)) for item in value)
    if isinstance(value, dict):
        return json_codec.readable_text(value)
    return str(value)
