"""uvicorn as `riwayat serve` configures it (service/http_server.py), over raw sockets:
oversized headers refused, request heads that never finish cut off, so idle sockets
cannot use up the connection limit."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
import uvicorn

from service.asgi import create_app, open_services
from service.http_server import uvicorn_options
from service.settings import Settings
from tests.support import _free_port

LIMIT = 20


@pytest.fixture
def served(settings: Settings) -> Iterator[tuple[Settings, int]]:
    settings = replace(
        settings, header_timeout_seconds=1.0, keep_alive_seconds=1.0, limit_concurrency=LIMIT
    )
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, open_services(settings)), host="127.0.0.1", port=port,
        log_level="warning", **uvicorn_options(settings),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    yield settings, port
    server.should_exit = True
    thread.join(timeout=20)


def _closed_by_server(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        while chunk := sock.recv(65536):
            if chunk.startswith(b"HTTP/1.1 4"):
                continue
        return True
    except (TimeoutError, ConnectionResetError):
        return False


def test_a_header_over_the_limit_is_refused(served: tuple[Settings, int]) -> None:
    settings, port = served
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\nx-pad: ")
        try:
            for _ in range(64):  # up to 4 MB, far over the limit
                sock.sendall(b"a" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(5)
        try:
            reply = sock.recv(4096)
        except ConnectionResetError:
            reply = b""
    assert not reply.startswith(b"HTTP/1.1 200"), reply
    assert settings.max_header_bytes == 16 * 1024


def test_sockets_stuck_mid_header_are_closed_and_do_not_exhaust_the_limit(
    served: tuple[Settings, int],
) -> None:
    settings, port = served
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(LIMIT)]
    try:
        for sock in idle:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\n")  # and never the blank line
        time.sleep(0.2)
        # While they hold the limit, a new request is turned away ...
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 503
        # ... until the header timeout closes them.
        assert all(_closed_by_server(s, settings.header_timeout_seconds + 3) for s in idle)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    finally:
        for sock in idle:
            sock.close()


def test_a_trickled_head_after_a_response_is_cut_off_too(served: tuple[Settings, int]) -> None:
    settings, port = served
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        sock.sendall(b"G")  # cancels uvicorn's keep-alive timer; the head never completes
        assert _closed_by_server(sock, settings.header_timeout_seconds + 3)
        assert time.monotonic() - started < settings.header_timeout_seconds + 3
