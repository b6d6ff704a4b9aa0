"""p50/p99 of servant directory pages for several filters and orders at N servants.

    .venv/bin/python bench/servant_directory.py --servants 20000 --store sqlite
    .venv/bin/python bench/servant_directory.py --servants 20000 --store postgres

Rows are written straight into a directory table shaped and indexed like the view's (the
view's own columns, indexes and queries), so N can be large without seeding N careers."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg

from projections.engine.db import Conn
from projections.engine.postgres import PostgresParams, PostgresStore
from projections.engine.sqlite import SQLiteStore
from projections.views.servant_directory.queries import (
    DirectoryFilter,
    DirectoryRequest,
    directory_page,
)
from projections.views.servant_directory.rows import COLUMN_NAMES, TABLE, ServantDirectoryView
from projections.views.servant_directory.text import fold_name

FIRST = ["Budi", "Siti", "Agus", "Dewi", "Śri", "Ahmad", "Rina", "Joko", "Putri", "Andi"]
LAST = ["Santoso", "Wahyuni", "Salim", "Sartika", "Mulyani", "Hidayat", "Lestari", "Pratama"]
RANKS = ["II_C", "III_A", "III_B", "III_C", "III_D", "IV_A"]


def row(n: int, rng: random.Random) -> tuple[object, ...]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
    folded, rank = fold_name(name), rng.choice(RANKS)
    values = {c: None for c in COLUMN_NAMES} | {
        "servant_id": f"s{n}", "valid_from": "0001-01-01", "valid_to": "9999-12-31",
        "nip": f"1990{n:06d}20150310{n % 9}"[:18], "name": name, "name_folded": folded,
        "name_initial": folded[:1], "institution_id": f"I{n % 20}", "institution_name": "I",
        "unit_id": f"U{n % 400:03d}", "unit_name": "U", "rank": rank,
        "rank_order": RANKS.index(rank) + 7, "rank_tmt": f"20{n % 20 + 5:02d}-04-01",
        "status": "PNS" if n % 10 else "CPNS", "cpns_tmt": "2015-03-01",
        "position_kind": "FUNGSIONAL" if n % 3 else "PELAKSANA",
        "position_level": "FUNGSIONAL" if n % 3 else "PELAKSANA",
        "highest_education": "S1", "version": 3, "birth_date": "1990-01-01", "gender": "MALE"}
    return tuple(values[c] for c in COLUMN_NAMES)


CASES = {
    "name order, no filter": DirectoryRequest(date.today()),
    "name starts with": DirectoryRequest(date.today(), DirectoryFilter(name_starts_with="sri w")),
    "name contains (common)": DirectoryRequest(date.today(), DirectoryFilter(name_contains="yun")),
    "name contains (rare)": DirectoryRequest(date.today(), DirectoryFilter(name_contains="777")),
    "name contains (no match)": DirectoryRequest(date.today(),
                                                 DirectoryFilter(name_contains="zzq")),
    "unit, by name": DirectoryRequest(date.today(), DirectoryFilter(unit_id="U042")),
    "unit + rank, by rank tmt desc": DirectoryRequest(
        date.today(), DirectoryFilter(unit_id="U042", rank="III_B"), (("RANK_TMT", True),)),
    "status CPNS, by rank": DirectoryRequest(date.today(), DirectoryFilter(status="CPNS"),
                                             (("RANK", False),)),
    "nip prefix": DirectoryRequest(date.today(), DirectoryFilter(nip_prefix="199000")),
    "scoped (2 units), by name": DirectoryRequest(
        date.today(), DirectoryFilter(scopes=("U001", "U002"))),
    "backward, by unit desc": DirectoryRequest(date.today(), order=(("UNIT", True),),
                                               backward=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--servants", type=int, default=20_000, help="rows in the directory")
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/test",
                        help="the local test database (a schema is made in it and dropped)")
    parser.add_argument("--repeat", type=int, default=60, help="pages per case")
    args = parser.parse_args()
    conn, close = connect(args)
    try:
        view, rng = ServantDirectoryView(), random.Random(7)
        with conn.write():
            view.create_tables(conn, 1)
            conn.insert_rows(view.table_name(TABLE, 1), COLUMN_NAMES,
                             [row(n, rng) for n in range(args.servants)])
        if conn.dialect != "sqlite":
            conn.execute(f"ANALYZE {view.table_name(TABLE, 1)}")
        else:
            conn.execute("ANALYZE")
        print(f"{args.store}, {args.servants} servants, {args.repeat} pages of 20 per case")
        for label, request in CASES.items():
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                with conn.read():
                    directory_page(conn, 1, request)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"  {label:34} p50 {statistics.median(times):7.2f} ms   p99 {p99:7.2f} ms")
    finally:
        close()


def connect(args: argparse.Namespace) -> tuple[Conn, Callable[[], None]]:
    """A connection to a fresh store: a temporary SQLite file, or a PostgreSQL schema."""
    if args.store == "sqlite":
        folder = tempfile.mkdtemp()
        lite = SQLiteStore(str(Path(folder) / "bench.db"))
        conn = lite.connect()
        return conn, conn.close
    schema = f"bench_directory_{os.getpid()}"
    with psycopg.connect(args.url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    store = PostgresStore(PostgresParams("test", "127.0.0.1", "5432", "postgres", "", schema))
    conn = store.connect()

    def close() -> None:
        conn.close()
        store.close()
        with psycopg.connect(args.url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")

    return conn, close


if __name__ == "__main__":
    main()
