"""``riwayat serve`` with stderr on a pipe (a container, systemd, CI) writes JSON lines only:
uvicorn's own records (start, shutdown, a malformed request) and the access log alike, and
none of them carries terminal colour codes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support import _free_port

RIWAYAT = str(Path(sys.executable).with_name("riwayat"))


def _serve(database_url: str, cwd: Path, **extra: str) -> tuple[list[str], str]:
    """Run a server, exercise it, stop it; its stderr lines and its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")}
    env.update(RIWAYAT_DATABASE_URL=database_url, **extra)
    process = subprocess.Popen([RIWAYAT, "serve", "--port", str(port)], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(process, url)
        httpx.post(f"{url}/graphql", json={"query": "{ __typename }"}, timeout=10)
        httpx.post(f"{url}/graphql", json={"query": "{ nope"}, timeout=10)
        httpx.get(f"{url}/no/such/page", timeout=10)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # uvicorn logs an invalid request
            raw.recv(1024)
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=30)
    # The development tokens are for the person starting the server, apart from the logs.
    assert b"Development mode. Tokens" in stdout
    return stderr.decode(errors="replace").splitlines(), url


def _wait_healthy(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("riwayat serve exited early")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("riwayat serve did not answer /healthz")


def test_serve_on_a_pipe_writes_json_lines_without_colour_codes(
        database_url: str, tmp_path: Path) -> None:
    lines, _ = _serve(database_url, tmp_path)
    assert lines
    assert [line for line in lines if "\x1b[" in line] == []
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(isinstance(entry, dict) for entry in entries)
    # JSON escapes the ESC byte as \u001b: look inside the decoded values too.
    assert [e for e in entries if "\x1b[" in json.dumps(e, ensure_ascii=False)] == []
    by_logger = {entry["logger"] for entry in entries}
    assert {"uvicorn.error", "riwayat.access"} <= by_logger, by_logger
    messages = [entry["message"] for entry in entries]
    # uvicorn attaches a coloured copy of these messages; neither it nor its codes leak.
    assert any(m.startswith("Started server process") for m in messages), messages
    assert any(m.startswith("Uvicorn running on") for m in messages), messages
    assert any("Invalid HTTP request" in m for m in messages), messages
    assert not [e for e in entries if "color_message" in e]
    statuses = {e.get("status") for e in entries if e["logger"] == "riwayat.access"}
    assert {200, 404} <= statuses, statuses


def test_console_logs_forced_onto_a_pipe_are_plain_lines(database_url: str, tmp_path: Path) -> None:
    lines, _ = _serve(database_url, tmp_path, RIWAYAT_LOG_FORMAT="console")
    assert [line for line in lines if "\x1b[" in line] == []
    assert any(" INFO    uvicorn.error Started server process" in line for line in lines), lines
    assert any("riwayat.access request" in line and "status=404" in line for line in lines)
