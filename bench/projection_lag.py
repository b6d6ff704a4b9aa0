"""Projection lag under a sustained write load: from an event's commit to its rows in each view.

    .venv/bin/python -m bench.projection_lag --rate 500 --seconds 30 --servants 2000
    # promotion in a worker of its own; lag through a hot standby too (scripts/standby.sh start)
    .venv/bin/python -m bench.projection_lag --groups promotion rest --observe-url \
        postgresql://postgres@127.0.0.1:5432/test postgresql://postgres@127.0.0.1:5433/test

A fresh schema gets ``--servants`` careers (bench.generate_log); ``riwayat project`` workers
(one per ``--groups`` entry) run the views as in production and catch up. Then ``--writers``
processes append ``TrainingCompleted`` events through the application's save path
(``app.save`` of the aggregates), open loop: event n is due at start + n / ``--rate`` and every
``--tick-ms`` a writer saves what is due in one transaction, so the writer is not the limit
(HTTP mutations: bench.write_load). A writer that cannot keep to it makes the run NOT SUSTAINED.

An event's commit time is taken when its save returns. A thread per ``--observe-url`` polls
the views' tracking rows every ``--poll-ms``; a view's rows and position commit together, so
an event's lag for a view is the first poll seeing the view at or past its position minus the
commit time. Prints the achieved rate, the workers' CPU per event and p50/p99/max lag per view
and for the slowest."""

from __future__ import annotations

import argparse
import bisect
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

from bench.lag_writer import write
from bench.write_load import POSTGRES
from projections.views import VIEW_CLASSES, views_named

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
                try:
                    rows = conn.execute(TRACKING).fetchall()
                except psycopg.errors.UndefinedTable:  # the worker has not created it yet
                    time.sleep(0.1)
                    continue
                self.samples.append((time.monotonic(), {n: int(p) for n, p in rows}))
                time.sleep(self.poll_seconds)

    def at_least(self, position: int) -> bool:
        latest = self.samples[-1][1] if self.samples else {}
        # Every view active (a worker of its own may still be building one) and that far.
        return len(latest) == len(VIEW_CLASSES) and min(latest.values()) >= position

    def applied_at(self, view: str, position: int) -> float | None:
        """The first sample time at which ``view`` had applied ``position``."""
        if view not in self._positions:
            self._positions[view] = [s[1].get(view, -1) for s in self.samples]
        index = bisect.bisect_left(self._positions[view], position)
        return self.samples[index][0] if index < len(self.samples) else None


def _worker_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _quantiles(values: list[float]) -> str:
    if not values:
        return "no samples"
    q = statistics.quantiles(values, n=100) if len(values) > 1 else [values[0]] * 99
    return (f"p50 {q[49] * 1000:6.1f} ms  p99 {q[98] * 1000:6.1f} ms  "
            f"max {max(values) * 1000:6.1f} ms  ({len(values)} events)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=500, help="events per second, open loop")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--writers", type=int, default=2, help="writer processes")
    parser.add_argument("--tick-ms", type=float, default=10,
                        help="a writer saves what is due at most this often")
    parser.add_argument("--servants", type=int, default=2000)
    parser.add_argument("--poll-ms", type=float, default=5)
    parser.add_argument("--drain-seconds", type=float, default=60,
                        help="after the load, wait this long at most for the views to catch up")
    parser.add_argument("--observe-url", nargs="+", default=[POSTGRES],
                        help="where to read the views' positions, each polled by its own "
                             "thread (default: the primary; add a standby's URL to compare)")
    parser.add_argument("--groups", nargs="+", default=["all"],
                        help="one projection worker per entry: comma-separated views, 'all', "
                             "or 'rest' (the views no other entry names)")
    parser.add_argument("--checkout", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args()
    schema = f"bench_lag_{uuid.uuid4().hex[:8]}"
    url = f"{POSTGRES}?schema={schema}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")}
    env.update(PYTHONPATH=args.checkout, RIWAYAT_DATABASE_URL=url)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run([sys.executable, "-m", "bench.generate_log", "--servants",
                        str(args.servants), "--database-url", url], env=env, check=True,
                       cwd=args.checkout, stdout=subprocess.DEVNULL)
        workers = [subprocess.Popen([sys.executable, "-m", "service.cli", "project", *names],
                                    env=env, cwd=args.checkout, stdout=subprocess.DEVNULL)
                   for names in _groups(args.groups)]
        observers = [Observer(u, schema, args.poll_ms / 1000) for u in args.observe_url]
        for observer in observers:
            observer.start()
        _run(args, url, [w.pid for w in workers], observers)
    finally:
        for worker in workers:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _groups(groups: list[str]) -> list[list[str]]:
    """The view names of each ``riwayat project`` worker ([] = all)."""
    named = {n for g in groups if g not in ("all", "rest") for n in g.split(",")}
    rest = [v.name for v in views_named(None) if v.name not in named]
    return [[] if g == "all" else rest if g == "rest" else g.split(",") for g in groups]


def _run(args: argparse.Namespace, url: str, pids: list[int], observers: list[Observer]) -> None:
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        schema = url.split("schema=")[1]
        head = conn.execute(f'SELECT max(notification_id) FROM "{schema}".riwayat_events'
                            ).fetchone()
        ids = [r[0] for r in conn.execute(
            f'SELECT originator_id FROM "{schema}".riwayat_events WHERE originator_version = 1 '
            "AND topic LIKE '%CpnsAppointed' ORDER BY originator_id")]
    start = int(head[0]) if head and head[0] else 0
    _wait(observers, start, 600, "the views to be built")
    total = int(args.rate * args.seconds)
    context = multiprocessing.get_context("spawn")
    began = time.monotonic() + 5 + args.writers  # time for the writers to load their servants
    pipes, processes = [], []
    for k in range(args.writers):
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=write, args=(
            url, ids[k :: args.writers], began, args.rate, total, k, args.writers,
            args.tick_ms / 1000, send))
        process.start()
        pipes.append(receive)
        processes.append(process)
    cpu_before = sum(map(_worker_cpu, pids))
    results = [pipe.recv() for pipe in pipes]
    for process in processes:
        process.join()
    commits = sorted(c for part, _ in results for c in part)
    refused = sum(r for _, r in results)
    elapsed = (commits[-1][0] - began) if commits else 0.0
    _wait(observers, max(p for _, p, _ in commits), args.drain_seconds, "the views")
    cpu = sum(map(_worker_cpu, pids)) - cpu_before
    latest = observers[0].samples[-1][1] if observers[0].samples else {}
    applied = max(min(latest.values(), default=0) - start, 1)  # by every view, since the start
    for observer in observers:
        observer.halt.set()
        observer.join()
    achieved = len(commits) / elapsed if elapsed else 0.0
    behind = sorted(b for _, _, b in commits)
    print(f"{achieved:,.0f} committed events/s for {elapsed:.1f}s (asked {args.rate:g}/s; "
          f"{len(commits)} events, {refused} refused by the domain), {args.writers} writers; "
          f"commits behind schedule p99 {behind[int(0.99 * (len(behind) - 1))] * 1000:.0f} ms; "
          f"{len(pids)} projection workers {cpu:.1f} CPU s, {cpu / applied * 1000:.2f} "
          f"ms CPU per event applied ({applied} events); positions polled every {args.poll_ms:g} ms", flush=True)
    if achieved < 0.95 * args.rate or behind[int(0.99 * (len(behind) - 1))] > 1.0:
        print(f"NOT SUSTAINED: the writers committed {achieved:,.0f}/s of the {args.rate:g}/s "
              "asked or fell over a second behind their schedule; the lags below are not "
              "those of the asked rate", flush=True)
    for observer in observers:
        print(f"as read on {'the primary' if observer.url == POSTGRES else observer.url}:")
        _report(observer, [(t, p) for t, p, _ in commits], args.drain_seconds)


def _wait(observers: list[Observer], position: int, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not all(o.at_least(position) for o in observers):
        if not all(o.is_alive() for o in observers):
            raise RuntimeError("an observer stopped")
        time.sleep(0.1)
    if not all(o.at_least(position) for o in observers):
        print(f"waited {seconds:g} s for {what}: not all at {position}", flush=True)


def _report(observer: Observer, commits: list[tuple[float, int]], drain_seconds: float) -> None:
    views = sorted({v for _, sample in observer.samples for v in sample})
    slowest: dict[int, float] = {}
    for view in views:
        lags, missing = [], 0
        for i, (committed, position) in enumerate(commits):
            applied = observer.applied_at(view, position)
            if applied is None:
                missing += 1
                continue
            lags.append(max(0.0, applied - committed))
            slowest[i] = max(slowest.get(i, 0.0), lags[-1])
        print(f"lag {view:24} {_quantiles(lags)}"
              + (f"; {missing} not applied {drain_seconds:g} s after the end" if missing else ""),
              flush=True)
    print(f"lag {'all views (slowest)':24} {_quantiles(list(slowest.values()))}", flush=True)


if __name__ == "__main__":
    main()
