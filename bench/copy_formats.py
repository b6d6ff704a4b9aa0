"""What the bulk load's COPY costs with psycopg's public API, against the former formatter.

The rows are those the views write for generated careers. Each variant formats the rows and
COPYs them into a temporary table, in one process:

- ``private``: psycopg's internal C formatter (``psycopg._copy_base.format_row_text``) to COPY
  text, sent with ``Copy.write`` (the bulk load before; skipped where that module is absent);
- ``text``: the project's own COPY text formatter (``projections.engine.copy_text``, what the
  bulk load's workers now run), sent with ``Copy.write``;
- ``write_row``: the rows as tuples through ``Copy.write_row`` (the batch path).

Runs alternate between the variants (A/B/C, A/B/C, ...) so drift affects all alike; the medians
and the ratios to ``private`` are printed, separately for the formatting (what a bulk-load
worker spends) and for formatting plus COPY (what one process holding the transaction would
spend).

    python -m bench.copy_formats --database-url postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql

from projections.engine.copy_text import copy_text
from projections.engine.view import ServantHistory
from projections.views import views_named
from service.sample.careers import build_servants  # noqa: TID251 - a benchmark, like the CLI

Rows = list[tuple[Any, ...]]


def view_rows(servants: int) -> dict[str, tuple[tuple[str, ...], Rows]]:
    """Per table, its columns and the rows every view writes for ``servants`` careers."""
    tables: dict[str, tuple[tuple[str, ...], Rows]] = {}
    for servant in build_servants(0, servants):
        events = list(servant.collect_events())
        history = ServantHistory(servant.id, events,  # type: ignore[arg-type]
                                 {e.originator_version: n for n, e in enumerate(events, 1)})
        for view in views_named(None):
            for table in view.tables:
                tables.setdefault(table.base, (table.column_names, []))
            for base, rows in view.rows(history).items():
                tables[base][1].extend(rows)
    return tables


def private_formatter() -> Callable[[Rows], bytes] | None:
    try:
        from psycopg._copy_base import format_row_text  # type: ignore[attr-defined]
        from psycopg.adapt import Transformer
    except ImportError:
        return None
    transformer = Transformer()

    def format_rows(rows: Rows) -> bytes:
        out = bytearray()
        for row in rows:
            format_row_text(row, transformer, out)
        return bytes(out)

    return format_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--servants", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    tables = view_rows(args.servants)
    total = sum(len(rows) for _, rows in tables.values())
    print(f"{args.servants} careers: {total} rows in {len(tables)} tables")
    private = private_formatter()
    formatters: dict[str, Callable[[Rows], bytes] | None] = {
        "private": private, "text": copy_text, "write_row": None}
    if private is None:
        del formatters["private"]
        print("psycopg._copy_base is absent: no baseline")
    formatting: dict[str, list[float]] = {name: [] for name in formatters}
    copying: dict[str, list[float]] = {name: [] for name in formatters}
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        for base, (columns, _rows) in tables.items():
            conn.execute(sql.SQL("CREATE TEMP TABLE {} ({})").format(
                sql.Identifier(base), sql.SQL(",").join(
                    sql.SQL("{} TEXT").format(sql.Identifier(c)) for c in columns)))
        for _ in range(args.runs):
            for name, formatter in formatters.items():
                spent_formatting, spent = _one_run(conn, tables, formatter)
                formatting[name].append(spent_formatting)
                copying[name].append(spent)
    baseline = "private" if private is not None else "text"
    for label, measured in (("format only", formatting), ("format + COPY", copying)):
        reference = statistics.median(measured[baseline])
        for name, times in measured.items():
            if label == "format only" and name == "write_row":
                continue  # write_row formats inside COPY
            median = statistics.median(times)
            print(f"{label:14} {name:10} median {median * 1000:8.1f} ms  "
                  f"min {min(times) * 1000:8.1f} ms  ratio {median / reference:5.2f}")


def _one_run(conn: psycopg.Connection[Any], tables: dict[str, tuple[tuple[str, ...], Rows]],
             formatter: Callable[[Rows], bytes] | None) -> tuple[float, float]:
    formatting = 0.0
    started = time.perf_counter()
    with conn.transaction():
        for base, (columns, rows) in tables.items():
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(base), sql.SQL(",").join(map(sql.Identifier, columns)))
            with conn.cursor() as cursor, cursor.copy(statement) as copy:
                if formatter is None:
                    for row in rows:
                        copy.write_row(row)
                else:
                    began = time.perf_counter()
                    data = formatter(rows)
                    formatting += time.perf_counter() - began
                    copy.write(data)
        spent = time.perf_counter() - started
        for base in tables:
            conn.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(base)))
    return formatting, spent


if __name__ == "__main__":
    main()
