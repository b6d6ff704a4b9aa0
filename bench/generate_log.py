"""Write a realistic career log through the Riwayat application.

    .venv/bin/python -m bench.generate_log --servants 35000 \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench'

Careers are built with the domain's commands (bench/careers.py), in worker processes, then
their events are interleaved as a real log is: in the order they were recorded, across all
servants (a servant's own events keep their version order), and saved with ``app.save`` in
chunks of events, so every event goes through the application's recorder. ``--by-servant``
writes servant after servant instead (the old, unrealistic order). ``--slice-servants 20000``
builds and saves 20,000 servants at a time, so 100,000 servants (about 2.9M events) fit in a
few GB; each slice is interleaved in itself, and slices follow one another in the log."""

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
    parser.add_argument("--slice-servants", type=int, default=0,
                        help="build and save this many servants at a time (bounds memory for "
                             "100,000 servants; events interleave within a slice)")
    args = parser.parse_args()
    started = time.perf_counter()
    last = args.first_index + args.servants
    slice_size = args.slice_servants or args.servants
    app = Riwayat(env=Settings(database_url=args.database_url).eventsourcing_env())
    written, saving = 0, 0.0
    try:
        for first in range(args.first_index, last, slice_size):
            keyed = _slice(args, first, min(first + slice_size, last))
            began = time.perf_counter()
            for start in range(0, len(keyed), args.save_events):
                app.save(*(k[3] for k in keyed[start : start + args.save_events]))
                print(f"\r{written + min(start + args.save_events, len(keyed))} events saved",
                      end="", flush=True)
            saving += time.perf_counter() - began
            written += len(keyed)
        head = int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()
    elapsed = time.perf_counter() - started
    print(f"\nwrote {written} events for {args.servants} servants in {elapsed:.1f}s "
          f"(saving {written / saving:,.0f} events/s); log head {head}")


def _slice(args: argparse.Namespace, first_index: int, last: int) -> list[Keyed]:
    """The events of servants [first_index, last), built in worker processes, in log order."""
    started = time.perf_counter()
    tasks = [(first, min(args.chunk, last - first)) for first in range(first_index, last, args.chunk)]
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        keyed = [k for part in pool.imap(_build, tasks) for k in part]
    if not args.by_servant:
        keyed.sort(key=lambda k: k[:3])
    print(f"\nbuilt {len(keyed)} events of {last - first_index} servants in "
          f"{time.perf_counter() - started:.1f}s", flush=True)
    return keyed


if __name__ == "__main__":
    main()
