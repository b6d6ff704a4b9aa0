"""Acknowledged mutations/s over HTTP, with the log growth checked against the acknowledgements.

    .venv/bin/python -m bench.write_load --store postgres --workers 2 --connections 16 64
    .venv/bin/python -m bench.write_load --store sqlite --connections 16 64
    # the same load against another checkout (say, main), for an A/B comparison:
    .venv/bin/python -m bench.write_load --checkout /path/to/main --store postgres ...

Each run starts on an empty log: a fresh PostgreSQL schema (API workers with
RIWAYAT_RUN_PROJECTIONS=false plus one ``riwayat project`` worker) or a fresh SQLite file (one
process, projections inside it). It appoints ``--servants`` servants, then C connections post
``recordTraining`` to random servants, each with a new idempotency key, for ``--seconds``.
The client is a small asyncio HTTP/1.1 keep-alive client, light enough not to be the limit.
It prints acknowledged/s, p50/p99 latency, and the events the log gained against the
acknowledgements (they must be equal)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from bench.serving import answers_within
from service.sample.load import APPOINT, TRAINING, cpns_input, training_input  # noqa: TID251

SECRET = "bench-secret-" + "x" * 32
# The database whose schemas the runs create (CI points it at its own database).
POSTGRES = os.environ.get("RIWAYAT_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


class Client:
    """One keep-alive HTTP/1.1 connection posting GraphQL."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        try:
            return await self._post(query, variables)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            # The server closed an idle keep-alive connection; the request carries its
            # idempotency key, so sending it again on a new connection cannot write twice.
            self.writer = None
            return await self._post(query, variables)

    async def _post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        body = json.dumps({"query": query, "variables": variables}).encode()
        self.writer.write(
            b"POST /graphql HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\n"
            + f"authorization: Bearer {self.token}\r\ncontent-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        answer: dict[str, Any] = json.loads(await self.reader.readexactly(length))
        return answer


def start(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(port: int, timeout: float = 60) -> None:
    if not answers_within(f"http://127.0.0.1:{port}/healthz", timeout, every=0.2, timeout=1):
        raise RuntimeError("the server did not start")


async def load(port: int, token: str, nips: list[str], connections: int, seconds: float) -> tuple[int, int, list[float]]:
    acknowledged, failed, latencies = 0, 0, []
    stop = time.monotonic() + seconds

    async def loop(c: int) -> None:
        nonlocal acknowledged, failed
        client, n = Client(port, token), 0
        while time.monotonic() < stop:
            key = f"w{c}-{n}-{uuid.uuid4().hex[:8]}"
            n += 1
            began = time.perf_counter()
            answer = await client.post(TRAINING, {"input": training_input(random.choice(nips), key)})
            if answer.get("errors"):
                failed += 1
            else:
                acknowledged += 1
                latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(loop(c) for c in range(connections)))
    return acknowledged, failed, latencies


def log_size(url: str) -> int:
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return int(db.execute("SELECT count(*) FROM stored_events").fetchone()[0])
    schema = url.split("schema=")[1]
    with psycopg.connect(POSTGRES) as conn:
        row = conn.execute(f'SELECT count(*) FROM "{schema}".riwayat_events').fetchone()
        return int(row[0]) if row else 0


@contextmanager
def deployment(args: argparse.Namespace) -> Iterator[tuple[int, str, str, list[str]]]:
    """A fresh log served as in production, with ``args.servants`` servants appointed:
    yields (port, hr token, database URL, NIPs). PostgreSQL: ``args.workers`` API processes
    without projections plus one ``riwayat project`` worker; SQLite: one process."""
    work = Path(tempfile.mkdtemp(prefix="riwayat-write-load-"))
    checkout = Path(args.checkout).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")}
    env.update(PYTHONPATH=str(checkout), RIWAYAT_JWT_SECRET=SECRET, RIWAYAT_MODE="development")
    if args.store == "postgres":
        schema = f"bench_write_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"{POSTGRES}?schema={schema}"
        env.update(RIWAYAT_RUN_PROJECTIONS="false")
    else:
        url = f"sqlite:///{work / 'riwayat.db'}"
    env["RIWAYAT_DATABASE_URL"] = url
    cli = [sys.executable, "-m", "service.cli"]
    port = random.randint(20000, 40000)
    processes = [start([*cli, "serve", "--port", str(port), "--workers", str(args.workers)],
                       env, work, work / "serve.log")]
    try:
        if args.store == "postgres":
            processes.append(start([*cli, "project"], env, work, work / "project.log"))
        wait_healthy(port)
        token = subprocess.run(
            [*cli, "token", "--role", "hr", "--sub", "bench", "--scope", "*"], env=env,
            cwd=work, capture_output=True, text=True, check=True,
        ).stdout.strip()
        nips = [f"1990{1 + i // 28 % 12:02d}{1 + i % 28:02d}2015031{i // 336 + 1:03d}"
                for i in range(args.servants)]

        async def appoint() -> None:
            client = Client(port, token)
            for nip in nips:
                answer = await client.post(APPOINT, {"input": cpns_input(nip)})
                assert not answer.get("errors"), answer

        asyncio.run(appoint())
        yield port, token, url, nips
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.store == "postgres" and not getattr(args, "keep", False):
            with psycopg.connect(POSTGRES, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{url.split("schema=")[1]}" CASCADE')


def run(args: argparse.Namespace, connections: int) -> None:
    with deployment(args) as (port, token, url, nips):
        before = log_size(url)
        began = time.perf_counter()
        acknowledged, failed, latencies = asyncio.run(
            load(port, token, nips, connections, args.seconds)
        )
        elapsed = time.perf_counter() - began
        time.sleep(0.5)
        grown = log_size(url) - before
        q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
        print(
            f"{args.label or Path(args.checkout).resolve().name} {args.store} workers={args.workers} "
            f"connections={connections}: {acknowledged / elapsed:,.0f} acknowledged/s "
            f"({acknowledged} in {elapsed:.1f}s, {failed} errors), p50 {q[49] * 1000:.0f} ms "
            f"p99 {q[98] * 1000:.0f} ms; log grew {grown} "
            f"({'== acknowledged' if grown == acknowledged else 'MISMATCH'})",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--workers", type=int, default=1, help="API processes (PostgreSQL)")
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--servants", type=int, default=200)
    parser.add_argument("--checkout", default=str(Path(__file__).resolve().parent.parent),
                        help="the source tree to serve (default: this one)")
    parser.add_argument("--label", default="")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    args = parser.parse_args()
    for connections in args.connections:
        run(args, connections)


if __name__ == "__main__":
    main()
