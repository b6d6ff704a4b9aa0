"""API worker memory (VmRSS from /proc) under a mixed read load on a large log, with each
read's requests/s and p50/p99.

    .venv/bin/python -m bench.generate_log --servants 35100 --database-url "$URL"   # ~1M events
    .venv/bin/riwayat rebuild --database-url "$URL"
    .venv/bin/python -m bench.worker_rss --database-url "$URL" --seconds 20
    # the same reads served from a hot standby (scripts/standby.sh start):
    .venv/bin/python -m bench.worker_rss --database-url "$URL" \
        --read-database-url postgresql://postgres@127.0.0.1:5433/test

Serves an existing log whose views are built (``riwayat serve --no-projections``, one worker,
as an API process of a deployment whose projections run in ``riwayat project``), then drives,
one after another at ``--connections`` keep-alive connections for ``--seconds`` each:
careerHistory and promotionEligibility for random servants, promotionCandidates(first: 50)
without a filter, by unit, by rank and eligible only, and the page after a random cursor.
Prints each phase's figures, the worker's RSS after each phase, its peak (VmHWM), and the log
and view sizes, so the memory can be read against the log's size."""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import psycopg

from bench.career_history import QUERY as HISTORY
from bench.http_load import graphql_load
from bench.promotion_reads import CANDIDATES, ELIGIBILITY
from bench.serving import answers_within
from service.auth import Authenticator, utc_now  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

SECRET = "bench-secret-" + "x" * 40
ROOT = Path(__file__).resolve().parent.parent


def proc_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def serve(url: str, read_url: str | None, port: int) -> subprocess.Popen[bytes]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")},
           "PYTHONPATH": str(ROOT), "RIWAYAT_DATABASE_URL": url, "RIWAYAT_JWT_SECRET": SECRET}
    if read_url:
        env["RIWAYAT_READ_DATABASE_URL"] = read_url
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--no-projections", "--port", str(port)],
        env=env, cwd=tempfile.mkdtemp(prefix="riwayat-rss-"), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    if answers_within(f"http://127.0.0.1:{port}/healthz", 120, server):
        return server
    server.kill()
    raise RuntimeError("riwayat serve did not start within 120 s")


def population(url: str) -> tuple[list[str], list[str], dict[str, int]]:
    """NIPs and units from the career_history view, and the sizes of the log and the views."""
    settings = Settings(database_url=url)
    pg = settings.postgres
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{pg["schema"]}"')
        row = conn.execute("SELECT active_generation FROM projection_registry "
                           "WHERE name = 'career_history'").fetchone()
        assert row is not None and row[0] is not None, "build the views first (riwayat rebuild)"
        table = f"career_servant_g{row[0]}"
        pairs = conn.execute(f"SELECT nip, unit_id FROM {table}").fetchall()
        events = conn.execute("SELECT count(*) FROM riwayat_events").fetchone()
        sizes = {
            "events": int(events[0]) if events else 0,
            "log MB": _mb(conn, "'riwayat_events','riwayat_chain','riwayat_idempotency_keys'"),
            "views MB": _mb(conn, None),
        }
    return [n for n, _ in pairs], sorted({u for _, u in pairs}), sizes


def _mb(conn: psycopg.Connection[tuple[object, ...]], names: str | None) -> int:
    """Total size (tables, indexes, TOAST) of the named tables, or of every other table."""
    where = f"c.relname IN ({names})" if names else (
        "c.relname NOT IN ('riwayat_events','riwayat_chain','riwayat_idempotency_keys',"
        "'riwayat_idempotency','riwayat_merkle_nodes')")
    row = conn.execute(
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace"
        f" n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' "
        f"AND {where}").fetchone()
    return int(row[0]) // 2**20 if row else 0


def phases(nips: list[str], units: list[str]) -> dict[str, tuple[str, list[dict[str, object]]]]:
    rng = random.Random(7)
    sample = rng.sample(nips, min(len(nips), 2000))
    return {
        "careerHistory": (HISTORY, [{"nip": n} for n in sample]),
        "promotionEligibility": (ELIGIBILITY, [{"n": n} for n in sample]),
        "promotionCandidates": (CANDIDATES, [{}]),
        "candidates by unit": (CANDIDATES, [{"f": {"unit": u}} for u in units]),
        "candidates rank III_B": (CANDIDATES, [{"f": {"rank": "III_B"}}]),
        "candidates eligibleOnly": (CANDIDATES, [{"f": {"eligibleOnly": True}}]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL log with built views")
    parser.add_argument("--read-database-url", help="serve the reads from this standby")
    parser.add_argument("--seconds", type=float, default=20, help="per phase")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=18740)
    args = parser.parse_args()
    nips, units, sizes = population(args.database_url)
    print(f"{len(nips)} servants, {sizes['events']:,} events; log {sizes['log MB']} MB, views "
          f"{sizes['views MB']} MB on disk", flush=True)
    token = Authenticator(Settings(jwt_secret=SECRET)).issue(
        role="auditor", subject="bench", scopes=("*",), ttl=timedelta(hours=8), now=utc_now())
    server = serve(args.database_url, args.read_database_url, args.port)
    try:
        print(f"worker RSS after start: {proc_kb(server.pid, 'VmRSS') / 1024:.0f} MB", flush=True)
        for name, (query, variables) in phases(nips, units).items():
            result = graphql_load("127.0.0.1", args.port, token, query,
                                  variables, args.connections, args.seconds)  # type: ignore[arg-type]
            print(f"{name:24} {result.line()}  worker RSS "
                  f"{proc_kb(server.pid, 'VmRSS') / 1024:.0f} MB", flush=True)
        print(f"worker RSS at the end: {proc_kb(server.pid, 'VmRSS') / 1024:.0f} MB, peak "
              f"{proc_kb(server.pid, 'VmHWM') / 1024:.0f} MB (pid {server.pid}, "
              f"{'reads from ' + args.read_database_url if args.read_database_url else 'primary'})",
              flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
