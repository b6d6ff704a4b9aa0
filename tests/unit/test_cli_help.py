"""Every subcommand and option of ``riwayat`` explains itself in ``--help``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from service.cli import _parser


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield from _parsers(command)


def _undocumented(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            # A subcommand added without help= is not listed at all.
            helps = {listed.dest: listed.help for listed in action._choices_actions}
            for name in action.choices:
                if not helps.get(name):
                    yield f"{parser.prog} {name} (subcommand)"
            continue
        if not action.help or action.help == argparse.SUPPRESS:
            yield f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
    if parser.prog != "riwayat" and not parser.description:
        yield f"{parser.prog} (no description for its --help)"


def test_every_subcommand_and_option_has_help() -> None:
    missing = [entry for parser in _parsers(_parser()) for entry in _undocumented(parser)]
    assert missing == []


def test_the_walk_reaches_every_subcommand() -> None:
    # A check that finds nothing to check would pass; the known commands must all be walked.
    progs = {parser.prog for parser in _parsers(_parser())}
    assert {f"riwayat {c}" for c in ("serve", "seed", "token", "schema", "project", "rebuild",
                                     "verify", "export", "import", "import-runs", "sample-siasn")} <= progs


def test_an_option_without_help_is_reported() -> None:
    parser = argparse.ArgumentParser(prog="riwayat")
    commands = parser.add_subparsers()
    commands.add_parser("bare").add_argument("--flag")
    assert list(_undocumented(parser)) == ["riwayat bare (subcommand)"]
    assert list(_undocumented(commands.choices["bare"])) == [
        "riwayat bare --flag", "riwayat bare (no description for its --help)"]


@pytest.mark.parametrize("command", ["seed", "rebuild", "verify", "export", "import"])
def test_commands_with_progress_take_quiet(command: str) -> None:
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    options = {s for a in commands.choices[command]._actions for s in a.option_strings}
    assert {"--quiet", "-q"} <= options
