"""The import commands of ``riwayat``: ``import``, ``import-runs`` and ``sample-siasn``."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

from domain.envelope import Actor
from domain.errors import DomainError
from projections import json_codec
from service.audit_cli import DATABASE_URL_HELP
from service.progress import add_quiet_option, progress_bar


def add_import_commands(commands: Any) -> None:
    run = commands.add_parser(
        "import", help="import existing history: SIASN JSON per kind or the CSV template",
        description="Import SIASN history files (data-utama.json, rw-golongan.json, ...) or "
        "CSV template files through the admission rules, per servant in TMT order. Re-running "
        "imports nothing twice. Prints a summary; the per-row report is kept with the run.")
    run.add_argument("path", type=Path, help="a file, or a directory of .json/.csv files")
    run.add_argument("--format", choices=["auto", "json", "csv"], default="auto",
                     help="how to read the files (default: auto, by each file's extension)")
    run.add_argument("--dry-run", action="store_true",
                     help="judge every row by the admission rules and write nothing to the log")
    run.add_argument("--actor", default="import",
                     help="the actor id recorded on the imported events (default: import)")
    run.add_argument("--report", type=Path,
                     help="also write the per-row report CSV to this file")
    run.add_argument("--batch", type=int, default=5000,
                     help="commands per bulk append call; servants are never split across "
                     "calls (default: 5000)")
    run.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(run)
    run.set_defaults(handler=_import)

    runs = commands.add_parser("import-runs", help="list past imports, or print one's report",
                               description="Without RUN_ID, one line per past import, newest "
                               "first; with RUN_ID, that run's report CSV.")
    runs.add_argument("run_id", nargs="?", help="the run whose report CSV to print")
    runs.set_defaults(handler=_runs)

    sample = commands.add_parser("sample-siasn", help="write a sample SIASN export to import",
                                 description="Generated careers as SIASN history files, the "
                                 "same for the same seed.")
    sample.add_argument("--servants", type=int, default=1000,
                        help="how many servants (default: 1000)")
    sample.add_argument("--out", type=Path, required=True,
                        help="directory to write the files into (created if missing)")
    sample.add_argument("--csv", action="store_true",
                        help="write the CSV template instead of SIASN JSON")
    sample.add_argument("--random-seed", type=int, default=7,
                        help="seed of the generated careers (default: 7)")
    sample.set_defaults(handler=_sample)


def _import(settings: Any, args: argparse.Namespace) -> int:
    from service.importing.run import run_import

    with progress_bar("importing", unit="rows", quiet=args.quiet) as bar:
        try:
            report = run_import(settings, args.path, args.format, args.dry_run,
                                Actor(args.actor, "hr"), progress=bar,
                                commands_per_call=max(args.batch, 1))
        except DomainError as error:
            print(f"riwayat import: {error.code}: {error.message}", file=sys.stderr)
            return 2
    if args.report is not None:
        args.report.write_text(report.csv_text(), encoding="utf-8")
    summary = report.summary()
    summary["report_csv"] = str(Path(settings.import_runs_dir) / report.run_id / "report.csv")
    print(json_codec.pretty_text(summary))
    return 1 if report.counts["REFUSED"] else 0


def _runs(settings: Any, args: argparse.Namespace) -> int:
    from service.importing.runs import import_run_report, list_import_runs

    if args.run_id is None:
        for run in list_import_runs(settings):
            print(f"{run['run_id']}  {run['status']:8}  {'dry run' if run['dry_run'] else 'import'}"
                  f"  {json_codec.dumps_text(run['counts'])}  {run['path']}")
        return 0
    try:
        with import_run_report(settings, args.run_id).open(encoding="utf-8") as report:
            shutil.copyfileobj(report, sys.stdout)
    except DomainError as error:
        print(f"riwayat import-runs: {error.code}: {error.message}", file=sys.stderr)
        return 2
    return 0


def _sample(settings: Any, args: argparse.Namespace) -> int:
    from service.importing.sample import write_sample, write_sample_csv

    write = write_sample_csv if args.csv else write_sample
    counts = write(args.out, args.servants, args.random_seed)
    print(json_codec.pretty_text({"out": str(args.out), "records": counts}))
    return 0
