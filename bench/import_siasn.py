"""Import throughput: a sample SIASN export of N servants (service.importing.sample) imported
with ``run_import`` into an empty store, printing events/s for the whole run (reading the
files, mapping, the idempotency look-up, admission and the appends) and for a re-run (nothing
is imported twice: every row is found already imported).

    .venv/bin/python -m bench.import_siasn --servants 1000 --store postgres
    .venv/bin/python -m bench.import_siasn --servants 1000 --store sqlite

``--store postgres`` makes a fresh schema in RIWAYAT_TEST_POSTGRES_URL's database (default
postgresql://postgres@127.0.0.1:5432/test) and drops it afterwards; ``--database-url`` imports
into a store you give instead (it should be empty). ``--rounds`` repeats on fresh stores and
prints the median."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg

from service.bulk_append import bulk_append  # noqa: TID251 - a script, like the CLI
from service.importing import run as importing_run  # noqa: TID251 - a script, like the CLI
from service.importing import run_import  # noqa: TID251 - a script, like the CLI
from service.importing.sample import write_sample  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

POSTGRES = os.environ.get("RIWAYAT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_store(store: str, scratch: Path) -> Iterator[str]:
    if store == "sqlite":
        yield f"sqlite:///{scratch / f'import-{uuid.uuid4().hex[:8]}.db'}"
        return
    schema = f"bench_import_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


class _TimedBulkAppend:
    """``bulk_append`` as the import calls it, timed: the rest of the run is the import's own
    cost (reading, mapping, ordering, the look-up of earlier imports, the report)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return bulk_append(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - began


def one_round(database_url: str, export: Path, scratch: Path) -> tuple[float, float, int]:
    settings = replace(Settings(database_url=database_url), import_runs_dir=scratch / "runs")
    timed = _TimedBulkAppend()
    importing_run.bulk_append = timed  # type: ignore[assignment]
    try:
        report = run_import(settings, export)
    finally:
        importing_run.bulk_append = bulk_append
    refused = report.counts["REFUSED"]
    began = time.perf_counter()
    again = run_import(settings, export)
    rerun = time.perf_counter() - began
    assert again.counts["IMPORTED"] == 0
    imported = report.counts["IMPORTED"]
    print(f"  imported {imported} events ({refused} refused) in {report.seconds:.2f}s: "
          f"{report.events_per_second:,.0f} events/s, of which bulk_append {timed.seconds:.2f}s "
          f"({imported / timed.seconds:,.0f} events/s); re-run {rerun:.2f}s "
          f"({again.counts['ALREADY_IMPORTED'] / rerun:,.0f} rows/s, none imported)", flush=True)
    return report.events_per_second, again.counts["ALREADY_IMPORTED"] / rerun, imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=1000, help="servants in the export")
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="postgres",
                        help="a fresh store of this kind per round (default: postgres)")
    parser.add_argument("--database-url", help="import into this (empty) store instead")
    parser.add_argument("--rounds", type=int, default=1, help="rounds on fresh stores")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        counts = write_sample(scratch / "siasn", args.servants)
        print(f"wrote {sum(counts.values())} records of {args.servants} servants in "
              f"{time.perf_counter() - started:.1f}s", flush=True)
        rates = []
        for _ in range(args.rounds):
            if args.database_url:
                rates.append(one_round(args.database_url, scratch / "siasn", scratch))
                break
            with fresh_store(args.store, scratch) as url:
                rates.append(one_round(url, scratch / "siasn", scratch))
    store = "given store" if args.database_url else args.store
    print(f"{store}: median import {statistics.median(r[0] for r in rates):,.0f} events/s, "
          f"re-run {statistics.median(r[1] for r in rates):,.0f} rows/s over {len(rates)} "
          f"round(s) of {rates[0][2]} events")


if __name__ == "__main__":
    main()
