"""Write a realistic career log through the Riwayat application.

    .venv/bin/python -m bench.generate_log --servants 40000 \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench'

Careers are built with the domain's commands (bench/careers.py) and saved in chunks with one
``app.save(*servants)`` each, so every event goes through the application's recorder."""

from __future__ import annotations

import argparse
import time

from bench.careers import build_servants
from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--first-index", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=200, help="servants per app.save()")
    args = parser.parse_args()
    app = Riwayat(env=Settings(database_url=args.database_url).eventsourcing_env())
    started, events = time.perf_counter(), 0
    try:
        for first in range(args.first_index, args.first_index + args.servants, args.chunk):
            count = min(args.chunk, args.first_index + args.servants - first)
            servants = build_servants(first, count)
            app.save(*servants)
            events += sum(s.version for s in servants)
            print(f"\r{first + count - args.first_index} servants, {events} events", end="",
                  flush=True)
    finally:
        app.close()
    elapsed = time.perf_counter() - started
    print(f"\nwrote {events} events for {args.servants} servants in {elapsed:.1f}s "
          f"({events / elapsed:,.0f} events/s); log head {events}")


if __name__ == "__main__":
    main()
