"""``riwayat verify`` and ``riwayat export``: the auditor's command-line tools.

Exit codes: 0 verified, 1 verification failed (or the package does not check), 2 bad input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from service.progress import Display, add_quiet_option, progress_bar, progress_display
from service.settings import Settings

DATABASE_URL_HELP = "sqlite:///path.db or postgresql://... (default: RIWAYAT_DATABASE_URL)"


def add_audit_commands(subparsers: Any) -> None:
    verify = subparsers.add_parser(
        "verify", help="recompute the hash chain; or check a digest or an audit package")
    verify.add_argument("--digest", metavar="HASH@POSITION",
                        help="prove the log up to POSITION is what it was when HASH was taken")
    verify.add_argument("--package", metavar="FILE", type=Path,
                        help="check an audit package offline (no database needed)")
    verify.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(verify)
    verify.set_defaults(handler=_verify)

    export = subparsers.add_parser("export", help="write a servant's audit package (JSON)")
    export.add_argument("--nip", required=True, help="the servant's 18-digit NIP")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(export)
    export.set_defaults(handler=_export)


def _verify(settings: Settings, args: argparse.Namespace) -> int:
    if args.package is not None:
        return _verify_package(args.package)
    from service.application import Riwayat
    from service.audit import verify, verify_digest

    app = Riwayat(env=settings.eventsourcing_env())
    try:
        with progress_bar("verifying the chain", _head(app), quiet=args.quiet) as bar:
            report = (verify_digest(app, args.digest, progress=bar.reach) if args.digest
                      else verify(app, progress=bar.reach))
    except DomainError as error:
        print(f"riwayat verify: {error.message}", file=sys.stderr)
        return 2
    finally:
        app.close()
    scope = f"log through digest {args.digest}" if args.digest else "log"
    print(f"{scope}: {report.describe()}")
    return 0 if report.ok else 1


def _verify_package(path: Path) -> int:
    from service.audit.package import verify_package

    try:
        package = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        print(f"riwayat verify: cannot read {path}: {error}", file=sys.stderr)
        return 2
    problems = verify_package(package)
    if problems:
        print(f"package {path}: FAILED")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"package {path}: OK: {len(package['events'])} events of NIP {package['nip']} are in "
          f"the chain ending at {package['digest']}; compare that digest with one you saved")
    return 0


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from service.application import Riwayat
    from service.audit.package import export

    app = Riwayat(env=settings.eventsourcing_env())
    try:
        with progress_display(quiet=args.quiet) as display:
            package = export(app, args.nip, progress=_phases(display, _head(app)))
    except DomainError as error:
        print(f"riwayat export: {error.message}", file=sys.stderr)
        return 1 if error.code == "LOG_TAMPERED" else 2
    finally:
        app.close()
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text)
        print(f"wrote {args.output}: {len(package['events'])} events, digest {package['digest']}",
              file=sys.stderr)
    return 0


def _head(app: Any) -> int:
    """The log's last position: the length of a pass over it."""
    return int(app.recorder.max_notification_id() or 0)


def _phases(display: Display, head: int) -> Any:
    """A callback drawing each pass of ``export`` on its own bar, from its first position."""
    names = {"verify": "verifying the chain", "package": "packaging the servant's events"}
    bars: dict[str, Any] = {}

    def reached(phase: str, position: int) -> None:
        if phase not in bars:
            bars[phase] = display.bar(names[phase], head)
        bars[phase].reach(position)

    return reached
