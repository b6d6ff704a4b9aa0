"""``seed``, ``rebuild``, ``verify`` and ``export`` show a progress bar with rate and time left
on a terminal, and write nothing of it when stderr is a pipe (scripts, CI logs) or with -q."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.integration.cli_run import cli_env, run_on_terminal, run_piped

SHOWCASE_NIP = "198203152008031001"  # the first scripted career of riwayat seed
ANSI = "\x1b["


@pytest.fixture
def seeded(database_url: str, tmp_path: Path) -> dict[str, str]:
    env = cli_env(database_url)
    ran = run_piped(["seed", "--servants", "40", "--random-seed", "3"], env, tmp_path)
    assert ran.returncode == 0, ran.stderr
    return env


def test_seed_on_a_pipe_writes_its_report_and_no_progress(database_url: str, tmp_path: Path) -> None:
    ran = run_piped(["seed", "--servants", "30"], cli_env(database_url), tmp_path)
    assert ran.returncode == 0
    assert json.loads(ran.stdout)["servants"] == 30
    assert ran.stderr == ""


def test_seed_on_a_terminal_shows_servants_per_second_and_time_left(
        database_url: str, tmp_path: Path) -> None:
    ran = run_on_terminal(["seed", "--servants", "30"], cli_env(database_url), tmp_path)
    assert ran.returncode == 0
    assert json.loads(ran.stdout)["servants"] == 30
    assert "seeding" in ran.stderr and "30/30" in ran.stderr
    assert re.search(r"[\d,]+ servants/s", ran.stderr), ran.stderr
    assert "ETA" in ran.stderr


@pytest.mark.parametrize("command", [["verify"], ["rebuild"],
                                     ["export", "--nip", SHOWCASE_NIP, "--output", "p.json"]])
def test_long_commands_on_a_pipe_write_no_progress(
        seeded: dict[str, str], tmp_path: Path, command: list[str]) -> None:
    ran = run_piped(command, seeded, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ANSI not in ran.stderr and "events/s" not in ran.stderr
    assert ran.stderr in ("", f"wrote p.json: {_events(tmp_path)} events, checkpoint of "
                              f"{_tree_size(tmp_path)} events\n")


def _events(cwd: Path) -> int:
    path = cwd / "p.json"
    return len(json.loads(path.read_text())["events"]) if path.exists() else -1


def _tree_size(cwd: Path) -> int:
    path = cwd / "p.json"
    return int(json.loads(path.read_text())["checkpoint"]["tree_size"]) if path.exists() else -1


@pytest.mark.parametrize(("command", "label"), [
    (["verify"], "verifying the chain"),
    (["rebuild"], "rebuilding all views"),
    (["export", "--nip", SHOWCASE_NIP, "--output", "p.json"], "packaging the servant's events"),
])
def test_long_commands_on_a_terminal_show_the_log_pass(
        seeded: dict[str, str], tmp_path: Path, command: list[str], label: str) -> None:
    ran = run_on_terminal(command, seeded, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert label in ran.stderr
    head = _head(seeded, tmp_path)
    assert f"{head}/{head}" in ran.stderr, ran.stderr  # the bar ends at the log's last position
    assert "events/s" in ran.stderr and "ETA" in ran.stderr


def _head(env: dict[str, str], cwd: Path) -> int:
    ran = run_piped(["verify"], env, cwd)
    return int(re.search(r"head [0-9a-f]{64}@(\d+)", ran.stdout).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("command", [["verify", "-q"], ["rebuild", "--quiet"],
                                     ["export", "--nip", SHOWCASE_NIP, "-q"]])
def test_quiet_draws_nothing_even_on_a_terminal(
        seeded: dict[str, str], tmp_path: Path, command: list[str]) -> None:
    ran = run_on_terminal(command, seeded, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""


def test_quiet_seed_draws_nothing_on_a_terminal(database_url: str, tmp_path: Path) -> None:
    ran = run_on_terminal(["seed", "--servants", "5", "--quiet"], cli_env(database_url), tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["servants"] == 5
    assert ran.stderr == ""
