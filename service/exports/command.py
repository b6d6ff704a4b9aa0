"""``riwayat report NAME --format csv|xlsx --out FILE``: a report from the command line.

The command reads the database directly, as the other operator commands do. With ``--token``
it applies that token's access rules, exactly as the API and the web pages do (an HR token's
unit scope, no personal columns for a viewer); without one it reads as an auditor.

Exit codes: 0 written, 2 bad input or refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from service.audit_cli import DATABASE_URL_HELP
from service.progress import add_quiet_option, progress_bar
from service.settings import Settings


def add_report_command(subparsers: Any) -> None:
    from service.exports import FORMATS, REPORTS

    names = ", ".join(f"{n} ({spec.description})" for n, spec in REPORTS.items())
    report = subparsers.add_parser("report", help="write a report (DUK, riwayat, ...) as CSV or XLSX",
                                   description=f"Write a report. Reports: {names}.")
    report.add_argument("name", choices=list(REPORTS), help="which report")
    report.add_argument("--format", choices=FORMATS, help="csv or xlsx (default: from --out)")
    report.add_argument("--out", type=Path, required=True, help="file to write")
    report.add_argument("--unit", help="unit id (duk, nominative, candidates, training-ledger, "
                        "development-plan)")
    report.add_argument("--nip", help="the servant's NIP (riwayat)")
    report.add_argument("--as-of", help="day the ages and service years are counted at "
                        "(duk, nominative; default today), YYYY-MM-DD")
    report.add_argument("--period", help="candidates: judged at the period date on or after "
                        "this day, YYYY-MM-DD")
    report.add_argument("--year", help="training-ledger, development-plan: the year")
    report.add_argument("--lang", choices=("id", "en"), default="id",
                        help="language of the column headers (default: id, Indonesian)")
    report.add_argument("--token", help="read with this bearer token's role and scope "
                        "(default: as an auditor)")
    report.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(report)
    report.set_defaults(handler=_report)


def _report(settings: Settings, args: argparse.Namespace) -> int:
    from service.application import Riwayat
    from service.auth import Authenticator, Principal, utc_now
    from service.exports import ExportSource, build_report, write_report
    from service.projection_wiring import open_read_models

    fmt = args.format or args.out.suffix.lstrip(".").lower()
    if fmt not in ("csv", "xlsx"):
        print("riwayat report: give --format csv or xlsx (or an --out ending in one)",
              file=sys.stderr)
        return 2
    app = Riwayat(env=settings.eventsourcing_env())
    models = open_read_models(settings, app)
    try:
        principal = (Authenticator(settings).authenticate(f"Bearer {args.token}") if args.token
                     else Principal("cli-operator", "auditor"))
        models.catch_up()
        source = ExportSource(models, app, principal, utc_now().date())
        parameters = {"unit": args.unit, "nip": args.nip, "as_of": args.as_of,
                      "period": args.period, "year": args.year}
        report = build_report(source, args.name, parameters)
        with progress_bar(f"report {args.name}", report.total, unit="rows",
                          quiet=args.quiet) as bar:
            count = write_report(report, args.out, fmt, args.lang, bar.advance)
    except DomainError as error:
        print(f"riwayat report: {error.code}: {error}", file=sys.stderr)
        return 2
    finally:
        models.stop()
        app.close()
    print(f"wrote {count} rows to {args.out}")
    return 0
