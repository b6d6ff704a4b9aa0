"""Rebuild throughput of each view and of all together, against the raw read+decode rate of
the same log (the ceiling of a single process: a rebuild reads and decodes every event).

    .venv/bin/python -m bench.projection_rebuild \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench'

Rates are events in the log / wall seconds of ``ReadModels.rebuild`` (bulk load, then the
batch path from the head, then the switch). The machine's load average is printed beside
each figure: the 2-core machine is shared, and other processes take CPU from the run."""

from __future__ import annotations

import argparse
import logging
import os
import resource
import time
from contextlib import closing
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from projections.engine.log import LogReader
from projections.views import views_named
from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.projection_wiring import open_read_models  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

VIEWS = ("career_history", "promotion", "training_ledger")


def library_read_rate(app: Riwayat, batch_size: int) -> tuple[int, float]:
    """The library's notifications and mapper (what the batch path used to do)."""
    log = LogReader(app)
    started, position, count = time.perf_counter(), 0, 0
    while True:
        notes = log.read(position, batch_size)
        if not notes:
            break
        for note in notes:
            app.mapper.to_domain_event(StoredEvent(note.originator_id, note.originator_version,
                                                   note.topic, note.state))
        count += len(notes)
        position = notes[-1].id
    return count, time.perf_counter() - started


def fast_read_rate(settings: Settings, app: Riwayat) -> tuple[int, float]:
    """The bulk load's own read (servants by id range) and decoder, in one process."""
    log = LogReader(app)
    models = open_read_models(settings, app, list(VIEWS))
    conn = models.store.connect()
    parts = 20
    bounds = [UUID(int=(i << 128) // parts) for i in range(parts)] + [None]
    try:
        started, count, head = time.perf_counter(), 0, log.head()
        decode = log.decoder.decode
        topics = frozenset().union(*(view.topics for view in views_named(None)))
        for low, high in zip(bounds[:-1], bounds[1:], strict=True):
            assert low is not None
            for raw in log.servants_in(conn, low, high, head, topics):
                decode(raw[0], raw[1], raw[2], raw[3])
                count += 1
        return count, time.perf_counter() - started
    finally:
        conn.close()
        models.stop()


def timed_rebuild(settings: Settings, app: Riwayat, names: list[str], workers: int,
                  events: int) -> float:
    models = open_read_models(settings, app, names)
    try:
        started, cpu = time.perf_counter(), _cpu()
        models.rebuild(names, workers=workers)
        elapsed = time.perf_counter() - started
        used = [after - before for before, after in zip(cpu, _cpu(), strict=True)]
        # On a shared machine the CPU seconds are the fairer figure: other processes stretch
        # the wall time, not the work done.
        print(f"  cpu: this process {used[0]:.1f}s, workers {used[1]:.1f}s "
              f"(of {elapsed:.1f}s wall); {events / max(sum(used), 1e-9):,.0f} events per "
              f"CPU-second")
        return elapsed
    finally:
        models.stop()


def _cpu() -> tuple[float, float]:
    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                    resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2, help="bulk-load worker processes")
    parser.add_argument("--views", default=",".join(VIEWS),
                        help="comma list run one by one; then all of --together at once")
    parser.add_argument("--together", default=",".join(VIEWS))
    parser.add_argument("--skip-raw", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    settings = Settings(database_url=args.database_url, projection_batch_size=args.batch_size)
    with closing(Riwayat(env=settings.eventsourcing_env())) as app:
        head = int(app.recorder.max_notification_id() or 0)
        events = head
        print(f"log head {head}; batch size {args.batch_size}; workers {args.workers}; "
              f"{os.cpu_count()} CPUs; {load()}", flush=True)
        ceiling = 0.0
        if not args.skip_raw:
            for label, (events, seconds) in (
                ("raw read+decode (lib)", library_read_rate(app, args.batch_size)),
                ("raw read+decode (fast)", fast_read_rate(settings, app)),
            ):
                ceiling = events / seconds
                print(f"{label:24} {events:>9} events {seconds:8.1f}s {ceiling:>10,.0f} events/s"
                      f"   {load()}", flush=True)
        runs = [[name] for name in args.views.split(",") if name]
        together = [name for name in args.together.split(",") if name]
        runs += [together] if together else []
        for names in runs:
            seconds = timed_rebuild(settings, app, names, args.workers, events)
            rate = events / seconds
            label = "together: " + "+".join(n[:5] for n in names) if len(names) > 1 else names[0]
            share = f"{rate / ceiling:6.1%} of fast ceiling" if ceiling else ""
            print(f"{label:24} {events:>9} events {seconds:8.1f}s {rate:>10,.0f} events/s "
                  f"{share}   {load()}", flush=True)


if __name__ == "__main__":
    main()
