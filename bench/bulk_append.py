"""Bulk append through admission: events/s for N generated careers (service.sample.careers),
built as commands and appended with ``service.bulk_append.bulk_append``.

    .venv/bin/python -m bench.bulk_append --servants 2000 \
        --database-url 'postgresql://postgres@127.0.0.1:5432/test?schema=bench_bulk'

The database (or schema) should be empty: every career opens with its appointment. Building
the commands (the generator runs the domain's commands once itself) is timed apart; the
figure is admission (every command decided again on the servant's stored state) plus the
appends, from the first command to the last commit. ``--workers`` sets how many processes
admit (default: ``bulk_append``'s, one per core for a call this large); the CPU figure
counts this process and its workers, and the database's own work apart."""

from __future__ import annotations

import argparse
import resource
import time

from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.bulk_append import bulk_append  # noqa: TID251 - a script, like the CLI
from service.sample.career_commands import career_commands  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servants", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--first-index", type=int, default=0)
    parser.add_argument("--events-per-transaction", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    commands = career_commands(args.first_index, args.servants)
    built = time.perf_counter()
    print(f"built {len(commands)} commands of {args.servants} servants in {built - started:.1f}s",
          flush=True)
    app = Riwayat(env=Settings(database_url=args.database_url).eventsourcing_env())
    try:
        head_before = int(app.recorder.max_notification_id() or 0)
        began, cpu_began, workers_began = time.perf_counter(), time.process_time(), _workers_cpu()
        results = bulk_append(app, commands, events_per_transaction=args.events_per_transaction,
                              workers=args.workers)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu_began
        workers_cpu = _workers_cpu() - workers_began
        head = int(app.recorder.max_notification_id() or 0)
    finally:
        app.close()
    accepted = sum(r.accepted for r in results)
    refused: dict[str, int] = {}
    for r in results:
        if not r.accepted:
            refused[str(r.code)] = refused.get(str(r.code), 0) + 1
    print(f"appended {accepted} events ({len(results) - accepted} refused {refused}) in "
          f"{elapsed:.2f}s: {accepted / elapsed:,.0f} events/s; log grew by {head - head_before}; "
          f"this process used {cpu:.2f}s of CPU and its workers {workers_cpu:.2f}s "
          f"({accepted / (cpu + workers_cpu):,.0f} events per CPU second; "
          "the database's own work is not in it)")


def _workers_cpu() -> float:
    """CPU seconds of this process's ended child processes (the admission workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
