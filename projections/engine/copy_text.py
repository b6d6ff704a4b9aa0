"""Rows as PostgreSQL COPY text, formatted where the rows are computed (the bulk load's worker
processes), so the process holding the transaction only passes bytes on to COPY
(``Copy.write``, psycopg's public API).

Only the types the views produce are formatted: None, str, int, float; anything else raises
``TypeError`` (the caller then sends the rows as tuples, through ``Copy.write_row``). The text
equals what ``Copy.write_row`` sends for the same rows (``bench/copy_formats.py`` measures the
cost against psycopg's own formatter)."""

from __future__ import annotations

from typing import Any


def _text(value: str) -> str:
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if "\t" in value:
        value = value.replace("\t", "\\t")
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return value


def _field(value: Any) -> str:
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return _text(value)
        return value  # type: ignore[no-any-return]
    if value is None:
        return "\\N"
    if kind is int:
        return str(value)
    if kind is float:
        return repr(value)
    raise TypeError(f"cannot COPY a {kind.__name__}")


def copy_text(rows: list[tuple[Any, ...]]) -> bytes:
    """The COPY text of ``rows`` (one line per row, tab-separated, ``\\N`` for NULL).

    Most values need no escaping, so the rows are first joined as they are; counting the tabs,
    newlines and backslashes of the result then proves no value held one (or the rows are
    formatted again, value by value)."""
    if not rows:
        return b""
    lines = [
        "\t".join([
            "\\N" if v is None else v if type(v) is str else str(v) if type(v) is int
            else _field(v) for v in row
        ])
        for row in rows
    ]
    data = "\n".join(lines) + "\n"
    fields = sum(map(len, rows))
    nulls = sum(row.count(None) for row in rows)
    if (data.count("\t") == fields - len(rows) and data.count("\n") == len(rows)
            and data.count("\\") == nulls and "\r" not in data):
        return data.encode()
    field = _field
    return "".join(["\t".join([field(v) for v in row]) + "\n" for row in rows]).encode()
