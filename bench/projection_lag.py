"""Projection lag under a sustained write load: time from a mutation's acknowledgement to each
view having applied it.

    .venv/bin/python -m bench.projection_lag --rate 500 --seconds 30 --workers 2
    # lag as seen through a hot standby (scripts/standby.sh start): applied AND replayed there
    .venv/bin/python -m bench.projection_lag --rate 500 \
        --observe-url postgresql://postgres@127.0.0.1:5432/test postgresql://postgres@127.0.0.1:5433/test

A fresh PostgreSQL schema is served as in production (bench.write_load's deployment: API
workers without projections plus one ``riwayat project`` worker). ``recordTraining`` requests
are sent open-loop at ``--rate`` per second (each at its scheduled time, over up to
``--connections`` keep-alive connections), and each acknowledgement's log position and arrival
time are kept. A thread per ``--observe-url`` (default: the primary; a standby's URL too, to
compare in the same run) polls every view's tracking row there every ``--poll-ms``; the lag of an event for a view is
the first poll that saw the view at or past its position minus the acknowledgement time (0 if
the view was already there). Prints the achieved rate and p50/p99/max lag per view and for the
slowest view."""

from __future__ import annotations

import argparse
import asyncio
import bisect
import statistics
import threading
import time
import uuid
from pathlib import Path

import psycopg

from bench.write_load import POSTGRES, Client, deployment
from service.sample.load import training_input  # noqa: TID251 - a script, like the CLI

TRACKING = ("SELECT t.name, t.position FROM projection_tracking t JOIN projection_registry r "
            "ON r.name = t.name AND r.active_generation = t.generation")


class Observer(threading.Thread):
    """Samples (time, {view: position}) until stopped."""

    def __init__(self, url: str, schema: str, poll_seconds: float) -> None:
        super().__init__(daemon=True)
        self.url, self.schema, self.poll_seconds = url, schema, poll_seconds
        self.samples: list[tuple[float, dict[str, int]]] = []
        self.halt = threading.Event()
        self._positions: dict[str, list[int]] = {}

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{self.schema}"')
            while not self.halt.is_set():
                rows = conn.execute(TRACKING).fetchall()
                self.samples.append((time.perf_counter(), {n: int(p) for n, p in rows}))
                time.sleep(self.poll_seconds)

    def applied_at(self, view: str, position: int) -> float | None:
        """The first sample time at which ``view`` had applied ``position``."""
        if view not in self._positions:
            self._positions[view] = [s[1].get(view, -1) for s in self.samples]
        index = bisect.bisect_left(self._positions[view], position)
        return self.samples[index][0] if index < len(self.samples) else None


async def _open_loop(port: int, token: str, nips: list[str], rate: float, seconds: float,
                     connections: int) -> tuple[list[tuple[float, int]], int, float]:
    """(ack time, position) per acknowledged write, failures, and the elapsed time."""
    idle: asyncio.Queue[Client] = asyncio.Queue()
    for _ in range(connections):
        idle.put_nowait(Client(port, token))
    acks: list[tuple[float, int]] = []
    failures = 0
    query = "mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { position } }"

    async def send(n: int, client: Client) -> None:
        nonlocal failures
        try:
            answer = await client.post(query, {"input": training_input(
                nips[n % len(nips)], f"lag-{n}-{uuid.uuid4().hex[:8]}")})
        finally:
            idle.put_nowait(client)
        if answer.get("errors"):
            failures += 1
        else:
            acks.append((time.perf_counter(), int(answer["data"]["recordTraining"]["position"])))

    began = time.perf_counter()
    tasks = []
    for n in range(int(rate * seconds)):
        delay = began + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(n, await idle.get())))
    await asyncio.gather(*tasks)
    return acks, failures, time.perf_counter() - began


def _caught_up(observer: Observer, position: int) -> bool:
    latest = observer.samples[-1][1] if observer.samples else {}
    return bool(latest) and min(latest.values()) >= position


def _quantiles(values: list[float]) -> str:
    if not values:
        return "no samples"
    q = statistics.quantiles(values, n=100) if len(values) > 1 else [values[0]] * 99
    return (f"p50 {q[49] * 1000:6.1f} ms  p99 {q[98] * 1000:6.1f} ms  "
            f"max {max(values) * 1000:6.1f} ms  ({len(values)} events)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500, help="writes per second, open loop")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--connections", type=int, default=64, help="at most this many in flight")
    parser.add_argument("--workers", type=int, default=2, help="API processes")
    parser.add_argument("--servants", type=int, default=200)
    parser.add_argument("--poll-ms", type=float, default=5)
    parser.add_argument("--drain-seconds", type=float, default=60,
                        help="after the load, wait this long at most for the views to catch up")
    parser.add_argument("--observe-url", nargs="+", default=[POSTGRES],
                        help="where to read the views' positions, each polled by its own "
                             "thread (default: the primary; add a standby's URL to compare)")
    parser.add_argument("--checkout", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args()
    args.store, args.keep = "postgres", False
    with deployment(args) as (port, token, url, nips):
        schema = url.split("schema=")[1]
        observers = [Observer(u, schema, args.poll_ms / 1000) for u in args.observe_url]
        for observer in observers:
            observer.start()
        try:
            acks, failures, elapsed = asyncio.run(_open_loop(
                port, token, nips, args.rate, args.seconds, args.connections))
            last = max((p for _, p in acks), default=0)
            deadline = time.monotonic() + args.drain_seconds
            while time.monotonic() < deadline and not all(_caught_up(o, last) for o in observers):
                time.sleep(0.1)  # let the views finish what was acknowledged
        finally:
            for observer in observers:
                observer.halt.set()
                observer.join()
    print(f"{len(acks) / elapsed:,.0f} acknowledged writes/s for {elapsed:.1f}s (asked "
          f"{args.rate:g}/s, {failures} errors), {args.workers} API workers + 1 projection "
          f"worker; views' positions polled every {args.poll_ms:g} ms", flush=True)
    if len(acks) / elapsed < 0.9 * args.rate:
        print(f"NOT SUSTAINED: the server acknowledged {len(acks) / elapsed:,.0f}/s of the "
              f"{args.rate:g}/s asked, so requests queued and the lags below include that "
              "backlog; lower --rate to what the write path sustains here", flush=True)
    for observer in observers:
        print(f"as read on {'the primary' if observer.url == POSTGRES else observer.url}:")
        _report(observer, acks, args.drain_seconds)


def _report(observer: Observer, acks: list[tuple[float, int]], drain_seconds: float) -> None:
    views = sorted({v for _, sample in observer.samples for v in sample})
    slowest: dict[int, float] = {}
    for view in views:
        lags, missing = [], 0
        for i, (acked, position) in enumerate(acks):
            applied = observer.applied_at(view, position)
            if applied is None:
                missing += 1
                continue
            lags.append(max(0.0, applied - acked))
            slowest[i] = max(slowest.get(i, 0.0), lags[-1])
        print(f"lag {view:24} {_quantiles(lags)}"
              + (f"; {missing} not applied {drain_seconds:g} s after the end" if missing else ""),
              flush=True)
    print(f"lag {'all views (slowest)':24} {_quantiles(list(slowest.values()))}", flush=True)


if __name__ == "__main__":
    main()
