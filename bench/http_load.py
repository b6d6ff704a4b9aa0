"""A small closed-loop HTTP/1.1 load generator: N keep-alive connections, each sending the
next request as soon as the last answer is read, for a fixed time. Plain asyncio streams (no
HTTP library), so one Python process can drive thousands of requests a second.

A request counts when the answer is HTTP 200 without a GraphQL ``errors`` member."""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    requests: int
    failures: int
    seconds: float
    p50_ms: float
    p99_ms: float
    bytes_per_answer: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def line(self) -> str:
        return (f"{self.rps:8.1f} req/s  p50 {self.p50_ms:6.1f} ms  p99 {self.p99_ms:6.1f} ms  "
                f"({self.requests} ok, {self.failures} failed, {self.bytes_per_answer} B each)")


def request_bytes(host: str, port: int, path: str, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json",
             f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def _run(host: str, port: int, make: Callable[[], bytes], connections: int,
               seconds: float) -> LoadResult:
    latencies: list[float] = []
    failures = 0
    sizes: list[int] = []
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                writer.write(make())
                status, body = await _read_answer(reader)
                if status == 200 and b'"errors"' not in body:
                    latencies.append(time.perf_counter() - started)
                    if len(sizes) < 50:
                        sizes.append(len(body))
                else:
                    failures += 1
                    if failures == 1:
                        print("  first failure:", status, body[:300])
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    if not latencies:
        return LoadResult(0, failures, elapsed, 0.0, 0.0, 0)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return LoadResult(len(latencies), failures, elapsed, statistics.median(latencies) * 1000,
                      p99 * 1000, int(statistics.median(sizes)))


def graphql_load(host: str, port: int, token: str, query: str, variable_values: list[dict[str, str]],
                 connections: int, seconds: float, seed: int = 1) -> LoadResult:
    """POST ``query`` with variables drawn at random from ``variable_values``."""
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    prepared = [request_bytes(host, port, "/graphql", headers,
                              json.dumps({"query": query, "variables": v}).encode())
                for v in variable_values]
    return asyncio.run(_run(host, port, lambda: rng.choice(prepared), connections, seconds))
