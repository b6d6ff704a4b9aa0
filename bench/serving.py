"""Waiting for a server a benchmark started: until its health URL answers 200."""

from __future__ import annotations

import subprocess
import time

import httpx


def answers_within(url: str, seconds: float, server: subprocess.Popen[bytes] | None = None,
                   *, every: float = 0.3, timeout: float = 2) -> bool:
    """Whether ``url`` answers 200 within ``seconds``; RuntimeError as soon as ``server``
    (when given) has exited, since it will never answer then."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=timeout).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"riwayat serve exited with {server.returncode}")
        time.sleep(every)
    return False
