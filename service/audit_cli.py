"""``riwayat verify``, ``checkpoint``, ``export`` and ``verify-package``: the auditor's
command-line tools.

Exit codes: 0 verified, 1 verification failed (or the package does not check), 2 bad input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from projections import json_codec
from service.progress import Display, add_quiet_option, progress_bar, progress_display
from service.settings import Settings

DATABASE_URL_HELP = "sqlite:///path.db or postgresql://... (default: RIWAYAT_DATABASE_URL)"


def add_audit_commands(subparsers: Any) -> None:
    verify = _command(subparsers, "verify", _verify, quiet=True,
                      help="recompute the hash chain; or check a digest or an audit package")
    verify.add_argument("--digest", metavar="HASH@POSITION",
                        help="prove the log up to POSITION is what it was when HASH was taken")
    verify.add_argument("--package", metavar="FILE", type=Path,
                        help="check an audit package offline (no database needed)")
    verify.add_argument("--checkpoint", metavar="SAVED", type=Path,
                        help="with --package: the checkpoint you saved, to check it against")

    _command(subparsers, "checkpoint", _checkpoint, output=True,
             help="print the log's Merkle checkpoint (JSON) for an auditor to save")

    export = _command(subparsers, "export", _export, output=True, quiet=True,
                      help="write a servant's audit package (JSON)")
    export.add_argument("--nip", required=True, help="the servant's 18-digit NIP")
    export.add_argument("--since-checkpoint", metavar="FILE", type=Path,
                        help="a checkpoint saved earlier: add the proof that the log extends it")

    package = _command(
        subparsers, "verify-package",
        lambda _settings, args: _verify_package(args.package, args.checkpoint),
        database=False, help="check an audit package offline (no database needed)")
    package.add_argument("package", metavar="FILE", type=Path,
                         help="the audit package written by riwayat export")
    package.add_argument("--checkpoint", metavar="SAVED", type=Path,
                         help="the checkpoint you saved, to check the package against")


def _command(subparsers: Any, name: str, handler: Any, *, help: str, database: bool = True,
             output: bool = False, quiet: bool = False) -> argparse.ArgumentParser:
    """A sub-command with the options the audit commands share: where to write, which log,
    and whether to show progress."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=help)
    parser.set_defaults(handler=handler)
    if output:
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
    if database:
        parser.add_argument("--database-url", help=DATABASE_URL_HELP)
    if quiet:
        add_quiet_option(parser)
    return parser


def _verify(settings: Settings, args: argparse.Namespace) -> int:
    if args.package is not None:
        return _verify_package(args.package, args.checkpoint)
    from service.application import Riwayat
    from service.audit import tables_of, verify, verify_digest
    from service.audit.merkle_log import MerkleLog

    app = Riwayat(env=settings.eventsourcing_env())
    try:
        with progress_bar("verifying the chain", _head(app), quiet=args.quiet) as bar:
            report = (verify_digest(app, args.digest, progress=bar.reach) if args.digest
                      else verify(app, progress=bar.reach))
        # The whole log was read anyway: check the stored Merkle subtrees against it too.
        merkle = MerkleLog(tables_of(app)) if report.ok and not args.digest else None
        mismatch = merkle.first_stored_mismatch() if merkle else None
    except DomainError as error:
        print(f"riwayat verify: {error.message}", file=sys.stderr)
        return 2
    finally:
        app.close()
    scope = f"log through digest {args.digest}" if args.digest else "log"
    if mismatch:
        print(f"{scope}: BROKEN: {mismatch}")
        return 1
    print(f"{scope}: {report.describe()}")
    if merkle is not None:
        print(f"merkle: tree of {merkle.size} events, root {merkle.subtree(0, merkle.size).hex()}"
              if merkle.size else "merkle: empty tree")
    return 0 if report.ok else 1


def _read_json(path: Path) -> Any:
    try:
        return json_codec.loads_lenient(path.read_text())
    except (OSError, ValueError) as error:
        print(f"riwayat: cannot read {path}: {error}", file=sys.stderr)
        return None


def _verify_package(path: Path, saved_path: Path | None = None) -> int:
    from service.audit.package import verify_package

    package = _read_json(path)
    saved = _read_json(saved_path) if saved_path is not None else None
    if not isinstance(package, dict) or (saved_path is not None and not isinstance(saved, dict)):
        return 2
    problems = verify_package(package, saved)
    if problems:
        print(f"package {path}: FAILED")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    head = package["checkpoint"]
    against = (f"consistent with your saved checkpoint {saved_path}" if saved_path is not None
               else "compare that checkpoint with one you saved")
    print(f"package {path}: OK: {len(package['events'])} events of NIP {package['nip']} are in "
          f"the log of {head['tree_size']} events with root {head['root_hash']}; {against}")
    return 0


def _checkpoint(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from service.application import Riwayat
    from service.audit import tables_of
    from service.audit.merkle_log import MerkleLog

    app = Riwayat(env=settings.eventsourcing_env())
    try:
        checkpoint = MerkleLog(tables_of(app)).checkpoint(datetime.now(UTC).isoformat())
    finally:
        app.close()
    _write(json_codec.pretty_text(checkpoint.to_dict()) + "\n", args.output,
           f"checkpoint of {checkpoint.tree_size} events, digest {checkpoint.digest}")
    return 0


def _write(text: str, output: Path | None, summary: str) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text)
        print(f"wrote {output}: {summary}", file=sys.stderr)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from service.application import Riwayat
    from service.audit.checkpoint import parse_checkpoint
    from service.audit.package import export

    since = None
    if args.since_checkpoint is not None:
        saved = _read_json(args.since_checkpoint)
        if saved is None:
            return 2
        try:
            since = parse_checkpoint(saved)
        except DomainError as error:
            print(f"riwayat export: {error.message}", file=sys.stderr)
            return 2
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        with progress_display(quiet=args.quiet) as display:
            package = export(app, args.nip, since=since, progress=_phases(display, _head(app)))
    except DomainError as error:
        print(f"riwayat export: {error.message}", file=sys.stderr)
        return 1 if error.code in ("LOG_TAMPERED", "CHECKPOINT_MISMATCH") else 2
    finally:
        app.close()
    text = json_codec.pretty_text(package) + "\n"
    _write(text, args.output, f"{len(package['events'])} events, checkpoint of "
                              f"{package['checkpoint']['tree_size']} events")
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
