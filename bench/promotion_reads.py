"""Promotion reads over HTTP: ``promotionCandidates(first: 50)`` with and without filters, and
``promotionEligibility``, on the real app, comparing two checkouts in one run.

    .venv/bin/python -m bench.promotion_reads --servants 5000 \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench_promo' \
        --baseline /path/to/a/checkout/of/main

Generates N servants (``bench.generate_log``, i.e. ``service.sample.careers``) into the store,
builds the views with this checkout (``riwayat rebuild``), then serves the same database from
this checkout (B) and, with ``--baseline``, from another one (A, e.g. a worktree of main whose
promotion reads evaluate every servant), each ``riwayat serve --no-projections`` in its own
process. Each scenario runs in rounds, A then B, ``--requests`` requests per round at
``--concurrency``; the figures are the medians over the rounds of p50, p99 and requests/s, and
the ratio B/A. ``--skip-generate`` reuses a store already generated."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

FIELDS = "nip eligible candidateTmt earliestEligibleDate failedRules merit { total }"
CANDIDATES = ("query($f: CandidateFilter, $o: CandidateOrder, $a: String) { promotionCandidates("
              f"filter: $f, orderBy: $o, first: 50, after: $a) {{ totalCount edges {{ cursor "
              f"node {{ {FIELDS} }} }} }} }}")
UNCOUNTED = CANDIDATES.replace("totalCount ", "pageInfo { hasNextPage } ")
ELIGIBILITY = f"query($n: String!) {{ promotionEligibility(nip: $n) {{ {FIELDS} }} }}"
ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> str:
    done = subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


class Server:
    def __init__(self, label: str, checkout: Path, port: int, env: dict[str, str],
                 workdir: Path) -> None:
        self.label, self.url = label, f"http://127.0.0.1:{port}/graphql"
        process_env = {**env, "PYTHONPATH": str(checkout)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port),
             "--no-projections"], env=process_env, cwd=workdir,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


async def _wait_ready(client: httpx.AsyncClient, server: Server) -> None:
    for _ in range(600):
        try:
            await client.post(server.url, json={"query": "{ __typename }"})
            return
        except httpx.TransportError:
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{server.label} did not start")


async def _round(client: httpx.AsyncClient, url: str, bodies: list[dict[str, Any]],
                 concurrency: int) -> tuple[float, float, float]:
    latencies: list[float] = []
    queue = list(bodies)

    async def worker() -> None:
        while queue:
            body = queue.pop()
            started = time.perf_counter()
            response = await client.post(url, json=body)
            latencies.append(time.perf_counter() - started)
            payload = response.json()
            if response.status_code != 200 or payload.get("errors"):
                raise RuntimeError(f"{url}: {response.status_code} {str(payload)[:300]}")

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return statistics.median(latencies) * 1000, p99 * 1000, len(latencies) / elapsed


def _scenarios(nips: list[str], units: list[str], n: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(9)

    def candidates(**f: Any) -> list[dict[str, Any]]:
        return [{"query": CANDIDATES, "variables": {"f": f}} for _ in range(n)]

    return {
        "candidates": candidates(),
        "candidates unit": [{"query": CANDIDATES, "variables": {"f": {"unit": rng.choice(units)}}}
                            for _ in range(n)],
        "candidates rank III_B": candidates(rank="III_B"),
        "candidates eligibleOnly": candidates(eligibleOnly=True),
        "candidates by NIP": [{"query": CANDIDATES, "variables": {"o": "NIP"}}
                              for _ in range(n)],
        "candidates no totalCount": [{"query": UNCOUNTED, "variables": {"f": {}}}
                                     for _ in range(n)],
        "eligibility": [{"query": ELIGIBILITY, "variables": {"n": rng.choice(nips)}}
                        for _ in range(n)],
    }


async def _bench(servers: list[Server], token: str, args: argparse.Namespace) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=args.concurrency * 2)
    async with httpx.AsyncClient(headers=headers, timeout=600, limits=limits) as client:
        for server in servers:
            await _wait_ready(client, server)
        first = await client.post(servers[-1].url, json={
            "query": "{ promotionCandidates(first: 100, orderBy: NIP) { edges { node { nip unitId"
                     " } } } }"})
        if first.json().get("errors"):
            raise RuntimeError(str(first.json())[:500])
        edges = first.json()["data"]["promotionCandidates"]["edges"]
        nips = [e["node"]["nip"] for e in edges]
        units = sorted({e["node"]["unitId"] for e in edges})
        print(f"{'scenario':24} {'':3} {'p50 ms':>9} {'p99 ms':>9} {'req/s':>8}")
        for name, bodies in _scenarios(nips, units, args.requests).items():
            figures: dict[str, list[tuple[float, float, float]]] = {s.label: [] for s in servers}
            for _ in range(args.rounds):
                for server in servers:
                    figures[server.label].append(
                        await _round(client, server.url, bodies, args.concurrency))
            medians = {label: tuple(statistics.median(f[i] for f in runs) for i in range(3))
                       for label, runs in figures.items()}
            for label, (p50, p99, rps) in medians.items():
                print(f"{name:24} {label:3} {p50:9.1f} {p99:9.1f} {rps:8.1f}", flush=True)
            if len(medians) == 2:
                (a50, a99, ars), (b50, b99, brs) = medians["A"], medians["B"]
                print(f"{name:24} B/A p50 {b50 / a50:.3f}  p99 {b99 / a99:.3f}  "
                      f"req/s {brs / ars:.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, default=5000)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with (A)")
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--requests", type=int, default=200, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=18620)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="promotion-reads-"))
    env = {**os.environ, "RIWAYAT_DATABASE_URL": args.database_url,
           "RIWAYAT_JWT_SECRET": "bench-secret-" + "x" * 32}
    if not args.skip_generate:
        started = time.perf_counter()
        print(_run([sys.executable, "-m", "bench.generate_log", "--servants", str(args.servants),
                    "--database-url", args.database_url], env).strip().splitlines()[-1])
        _run([sys.executable, "-m", "service.cli", "rebuild", "--database-url",
              args.database_url], env)
        print(f"generated and built the views in {time.perf_counter() - started:.0f}s")
    token = _run([sys.executable, "-m", "service.cli", "token", "--role", "auditor",
                  "--sub", "bench"], env, workdir).strip()
    servers = []
    if args.baseline is not None:
        servers.append(Server("A", args.baseline, args.port, env, workdir))
    servers.append(Server("B", ROOT, args.port + 1, env, workdir))
    try:
        asyncio.run(_bench(servers, token, args))
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
