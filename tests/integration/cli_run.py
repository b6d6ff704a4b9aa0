"""Running ``riwayat`` as a real subprocess, with stderr on a pipe or on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

RIWAYAT = str(Path(sys.executable).with_name("riwayat"))


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")}
    return {**env, "RIWAYAT_DATABASE_URL": database_url, "COLUMNS": "120", **extra}


def run_piped(args: list[str], env: dict[str, str], cwd: Path) -> Ran:
    done = subprocess.run([RIWAYAT, *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    return Ran(done.returncode, done.stdout, done.stderr)


def run_on_terminal(args: list[str], env: dict[str, str], cwd: Path) -> Ran:
    """stderr on a pseudo-terminal, as when a person runs the command; stdout on a pipe."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([RIWAYAT, *args], env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=terminal)
    os.close(terminal)
    stdout: list[bytes] = []
    # stdout is drained beside the terminal, so a long output cannot fill the pipe and stall.
    drain = threading.Thread(target=lambda: stdout.append(process.stdout.read()))  # type: ignore[union-attr]
    drain.start()
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    drain.join(timeout=60)
    assert process.stdout is not None
    process.stdout.close()
    return Ran(process.wait(timeout=60), b"".join(stdout).decode(), seen.decode(errors="replace"))
