"""`riwayat serve` / `riwayat project` as real subprocesses, for tests that kill or restart
them; their output goes to a file that the test reads back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

RIWAYAT = str(Path(sys.executable).with_name("riwayat"))


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without any RIWAYAT_ setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")}
    return {**env, **extra}


class Process:
    def __init__(
        self, args: list[str], cwd: Path, env: dict[str, str], name: str = "riwayat"
    ) -> None:
        self.args, self.cwd, self.env = [RIWAYAT, *args], cwd, env
        self.log_path = cwd / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Process:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.args, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def kill9(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill9()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def __enter__(self) -> Process:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Server(Process):
    """`riwayat serve` on a loopback port; ``start`` returns once /healthz answers."""

    def __init__(self, cwd: Path, port: int, env: dict[str, str], *extra: str) -> None:
        super().__init__(["serve", "--port", str(port), *extra], cwd, env, name="serve")
        self.url = f"http://127.0.0.1:{port}"

    def start(self, timeout: float = 30) -> Server:
        super().start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"riwayat serve exited:\n{self.output()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"riwayat serve did not answer in {timeout}s")
