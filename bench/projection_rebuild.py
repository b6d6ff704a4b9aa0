"""Rebuild throughput of each view and of all together, against the raw read+decode rate of
the same log (the ceiling: a rebuild reads and decodes every event at least once).

    .venv/bin/python -m bench.projection_rebuild \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench'
"""

from __future__ import annotations

import argparse
import time

from projections.log import LogReader
from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.projection_wiring import open_read_models  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

VIEWS = ("career_history", "promotion", "training_ledger")


def raw_read_rate(app: Riwayat, batch_size: int) -> tuple[int, float]:
    log = LogReader(app)
    started, position, count = time.perf_counter(), 0, 0
    while True:
        notes = log.read(position, batch_size)
        if not notes:
            break
        for note in notes:
            log.decode(note)
        count += len(notes)
        position = notes[-1].id
    return count, time.perf_counter() - started


def timed_rebuild(settings: Settings, app: Riwayat, names: list[str]) -> float:
    models = open_read_models(settings, app, names)
    try:
        started = time.perf_counter()
        models.rebuild(names)
        return time.perf_counter() - started
    finally:
        models.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--views", default=",".join(VIEWS), help="comma list; 'all' runs last")
    args = parser.parse_args()
    settings = Settings(database_url=args.database_url, projection_batch_size=args.batch_size)
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        head = int(app.recorder.max_notification_id() or 0)
        print(f"log head {head}; batch size {args.batch_size}")
        events, seconds = raw_read_rate(app, args.batch_size)
        ceiling = events / seconds
        print(f"{'raw read+decode':24} {events:>9} events {seconds:8.1f}s "
              f"{ceiling:>10,.0f} events/s   (ceiling)")
        runs = [[name] for name in args.views.split(",") if name] + [list(VIEWS)]
        for names in runs:
            seconds = timed_rebuild(settings, app, names)
            rate = head / seconds
            label = "all together" if len(names) > 1 else names[0]
            print(f"{label:24} {head:>9} events {seconds:8.1f}s {rate:>10,.0f} events/s "
                  f"  {rate / ceiling:5.1%} of ceiling")
    finally:
        app.close()


if __name__ == "__main__":
    main()
