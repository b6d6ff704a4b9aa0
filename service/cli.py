"""The ``riwayat`` command: serve, seed, token, schema, and the projection and audit tools."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from projections import json_codec
from service.audit_cli import DATABASE_URL_HELP, add_audit_commands
from service.exports.command import add_report_command
from service.importing.cli import add_import_commands
from service.progress import add_quiet_option, progress_bar
from service.settings import Settings, SettingsError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if getattr(args, "database_url", None):
            settings = replace(settings, database_url=args.database_url)
        result: int = args.handler(settings, args)
        return result
    except SettingsError as error:
        print(f"riwayat: configuration error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="riwayat", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND", help="one of:")

    serve = commands.add_parser("serve", help="run the GraphQL API (and the projections)")
    serve.add_argument("--host", help="address to listen on (default: RIWAYAT_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: RIWAYAT_PORT or 8000)")
    serve.add_argument("--database-url", help=DATABASE_URL_HELP)
    serve.add_argument("--workers", type=int, default=1, help="API processes (PostgreSQL only)")
    serve.add_argument("--no-projections", action="store_true", help="run them with 'riwayat project'")
    serve.set_defaults(handler=_serve)

    seed = commands.add_parser("seed", help="load a realistic sample through the command path")
    seed.add_argument("--servants", type=int, default=300,
                      help="how many servants, four scripted ones included (default: 300)")
    seed.add_argument("--random-seed", type=int, default=20261122,
                      help="seed of the generated careers; the same seed gives the same sample")
    seed.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(seed)
    seed.set_defaults(handler=_seed)

    token = commands.add_parser("token", help="issue a bearer token (development and tests)")
    token.add_argument("--role", required=True, choices=["hr", "auditor", "viewer"],
                       help="hr records events; auditor reads everything; viewer reads no personal fields")
    token.add_argument("--sub", required=True, help="the actor id recorded on events")
    token.add_argument("--scope", nargs="*", default=[], help="agency/unit codes for hr ('*' = all)")
    token.add_argument("--ttl", default="8h", help="lifetime, e.g. 30m, 8h, 7d")
    token.set_defaults(handler=_token)

    schema = commands.add_parser("schema", help="print the GraphQL schema (schema.graphql)",
                                 description="Print the GraphQL schema in SDL to standard output.")
    schema.set_defaults(handler=_schema)

    _add_projection_commands(commands)
    add_audit_commands(commands)
    add_report_command(commands)
    add_import_commands(commands)
    for listed in commands._choices_actions:  # ``riwayat COMMAND --help`` says what it does
        command = commands.choices[listed.dest]
        command.description = command.description or listed.help
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from service.auth import Authenticator, utc_now
    from service.http_server import uvicorn_options
    from service.logs import configure_logging, logging_config, resolved_format
    from service.metrics_dir import metrics_directory

    settings = replace(
        settings,
        host=args.host or settings.host,
        port=args.port or settings.port,
        run_projections=settings.run_projections and not args.no_projections,
    )
    log_format = resolved_format(settings.log_format, settings.production)
    configure_logging(log_format)
    authenticator = Authenticator(settings)
    if not settings.production:
        # On stdout: stderr carries the logs, and free text would break their JSON lines.
        print("Development mode. Tokens for trying the API (valid 8 hours):")
        for role, scopes in (("hr", ("*",)), ("auditor", ()), ("viewer", ())):
            token = authenticator.issue(
                role=role, subject=f"dev-{role}", scopes=scopes, ttl=timedelta(hours=8), now=utc_now()
            )
            print(f"  {role:8} {token}")
        sys.stdout.flush()
    if args.workers > 1 and not settings.is_postgres:
        raise SettingsError("several API processes need PostgreSQL; SQLite is single-process")
    _export_settings(settings)
    with metrics_directory():
        uvicorn.run(
            "service.app_factory:app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=args.workers,
            log_config=logging_config(log_format),
            **uvicorn_options(settings),
        )
    return 0


def _export_settings(settings: Settings) -> None:
    """uvicorn imports the app in each worker, so pass the effective settings by environment."""
    import os

    os.environ["RIWAYAT_DATABASE_URL"] = settings.database_url
    os.environ["RIWAYAT_RUN_PROJECTIONS"] = "true" if settings.run_projections else "false"


def _seed(settings: Settings, args: argparse.Namespace) -> int:
    from service.application import Riwayat
    from service.seed import seed

    app = Riwayat(env=settings.eventsourcing_env())
    with progress_bar("seeding", max(args.servants, 4), unit="servants", quiet=args.quiet) as bar:
        report = seed(app, servants=args.servants, random_seed=args.random_seed,
                      progress=bar.advance)
    print(json_codec.pretty_text(report))
    return 0


def _token(settings: Settings, args: argparse.Namespace) -> int:
    from service.auth import Authenticator, utc_now

    ttl = _duration(args.ttl)
    token = Authenticator(settings).issue(
        role=args.role, subject=args.sub, scopes=tuple(args.scope), ttl=ttl, now=utc_now()
    )
    print(token)
    return 0


def _duration(text: str) -> timedelta:
    units = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        raise SettingsError(f"--ttl {text!r}: use a number and s, m, h or d (e.g. 8h)")
    return timedelta(**{units[text[-1]]: int(text[:-1])})


def _schema(settings: Settings, args: argparse.Namespace) -> int:
    from service.graphql.schema import sdl

    sys.stdout.write(sdl())
    return 0


def _add_projection_commands(commands: Any) -> None:
    project = commands.add_parser("project", help="run projection workers (PostgreSQL deployments)")
    project.add_argument("names", nargs="*", help="projections to run (default: all)")
    project.add_argument("--database-url", help=DATABASE_URL_HELP)
    project.set_defaults(handler=_project)

    rebuild = commands.add_parser("rebuild", help="rebuild a view into fresh tables, then switch")
    rebuild.add_argument("name", nargs="?", help="projection to rebuild (default: all)")
    rebuild.add_argument("--database-url", help=DATABASE_URL_HELP)
    add_quiet_option(rebuild)
    rebuild.set_defaults(handler=_rebuild)


def _project(settings: Settings, args: argparse.Namespace) -> int:
    from service.logs import configure_logging, resolved_format
    from service.projection_wiring import run_worker

    configure_logging(resolved_format(settings.log_format, settings.production))
    run_worker(settings, list(args.names))
    return 0


def _rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from service.projection_wiring import rebuild

    with progress_bar(f"rebuilding {args.name or 'all views'}", quiet=args.quiet) as bar:
        rebuild(settings, args.name, bar)
    print(f"rebuilt {args.name or 'all views'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig()
    raise SystemExit(main())



