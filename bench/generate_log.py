"""Write a realistic career log through the Riwayat application.

    .venv/bin/python -m bench.generate_log --servants 35000 \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench'

Careers are built with the domain's commands (bench/careers.py), in worker processes, then
their events are interleaved as a real log is: in the order they were recorded, across all
servants (a servant's own events keep their version order), and saved with ``app.save`` in
chunks of events, so every event goes through the application's recorder. ``--by-servant``
writes servant after servant instead (the old, unrealistic order)."""

from __future__ import annotations

import argparse
import multiprocessing
import time

from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.sample.careers import Keyed, build_events  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI


def _build(args: tuple[int, int]) -> list[Keyed]:
    return build_events(*args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--first-index", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=500, help="servants per build task")
    parser.add_argument("--save-events", type=int, default=5000, help="events per app.save()")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--by-servant", action="store_true", help="no interleaving")
    args = parser.parse_args()
    started = time.perf_counter()
    last = args.first_index + args.servants
    tasks = [(first, min(args.chunk, last - first))
             for first in range(args.first_index, last, args.chunk)]
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        keyed = [k for part in pool.imap(_build, tasks) for k in part]
    if not args.by_servant:
        keyed.sort(key=lambda k: k[:3])
    built = time.perf_counter()
    print(f"built {len(keyed)} events of {args.servants} servants in {built - started:.1f}s",
          flush=True)
    app = Riwayat(env=Settings(database_url=args.database_url).eventsourcing_env())
    try:
        for start in range(0, len(keyed), args.save_events):
            app.save(*(k[3] for k in keyed[start : start + args.save_events]))
            print(f"\r{min(start + args.save_events, len(keyed))} events saved", end="",
                  flush=True)
        head = int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()
    elapsed = time.perf_counter() - started
    print(f"\nwrote {len(keyed)} events for {args.servants} servants in {elapsed:.1f}s "
          f"(saving {len(keyed) / (elapsed - built + started):,.0f} events/s); log head {head}")


if __name__ == "__main__":
    main()
