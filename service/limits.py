"""HTTP-level limits and request context: body size, time per request, request ids, access log."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from projections import json_codec
from service.metrics import REGISTRY

log = logging.getLogger("riwayat.access")
# Paths counted under their own label; anything else is "other", so scanners cannot add labels.
KNOWN_PATHS = frozenset({"/graphql", "/healthz", "/readyz", "/metrics"})
# The access log's status for a client that left before its answer (nginx's convention).
CLIENT_CLOSED_REQUEST = 499


class BodyTooLarge(Exception):
    pass


class HttpMiddleware:
    """An ASGI middleware acting on HTTP requests (``handle``); any other scope (lifespan,
    websockets) passes through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodySizeLimit(HttpMiddleware):
    """Refuses bodies over ``max_bytes`` with 413, counting streamed chunks too."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def _too_large(self, send: Send) -> None:
        await _reject(
            send, 413, "REQUEST_TOO_LARGE", f"Bodies are limited to {self.max_bytes} bytes."
        )

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except BodyTooLarge:
            await self._too_large(send)


class RequestContext(HttpMiddleware):
    """Gives each request an id (echoed in ``x-request-id``), a time limit, and one JSON log line."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        super().__init__(app)
        self.timeout = timeout

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500, "started": False}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        async def watched_receive() -> Message:
            message = await receive()
            if message["type"] == "http.disconnect" and not status["started"]:
                status["code"] = CLIENT_CLOSED_REQUEST
            return message

        started = time.perf_counter()
        try:
            await asyncio.wait_for(self.app(scope, watched_receive, send_with_id), self.timeout)
        except TimeoutError:
            if not status["started"]:
                await _reject(send_with_id, 503, "TIMEOUT", "The request took too long.")
        finally:
            path = scope.get("path", "")
            REGISTRY.observe_http(
                path if path in KNOWN_PATHS else "other",
                scope.get("method", ""),
                int(status["code"]),
            )
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    # Set by the GraphQL context once the token was verified: who, never the token.
                    "actor": scope["state"].get("actor", "-"),
                    "path": path,
                    "method": scope.get("method"),
                    "status": status["code"],
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )


def error_body(code: str, message: str, request_id: str | None = None) -> bytes:
    """The GraphQL error shape, for refusals made before GraphQL runs."""
    extensions = {"code": code} if request_id is None else {"code": code, "requestId": request_id}
    return json_codec.dumps({"errors": [{"message": message, "extensions": extensions}]})


async def _reject(send: Send, status: int, code: str, message: str) -> None:
    REGISTRY.count_errors(code)
    body = error_body(code, message)
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class DatabaseGate:
    """Fail fast while PostgreSQL is unreachable. The library retries each query 10 times,
    each waiting for a pooled connection, so a request could hang for most of a minute; a
    probe thread instead checks a fresh connection twice a second, and while it fails
    /graphql answers 503 DATABASE_UNAVAILABLE at once. The pool reconnects by itself; the
    gate opens again on the first successful probe."""

    def __init__(self, conninfo: dict[str, str] | None, interval: float = 0.5) -> None:
        self.conninfo, self.interval = conninfo, interval
        self.up = True
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.conninfo is not None:  # SQLite is a file: nothing to probe
            self._thread = threading.Thread(target=self._run, name="database-gate", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def probe(self) -> bool:
        import psycopg
        from psycopg.conninfo import make_conninfo

        assert self.conninfo is not None
        try:
            conninfo = make_conninfo(**self.conninfo, connect_timeout=1)
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            up = self.probe()
            if up != self.up:
                log.warning("database reachable" if up else "database unreachable")
            self.up = up
            self._stop.wait(self.interval)


class FailFast:
    """Refuses GraphQL requests with 503 while the database gate is down."""

    def __init__(self, app: ASGIApp, gate: DatabaseGate) -> None:
        self.app, self.gate = app, gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.gate.up and scope.get("path") == "/graphql":
            message = "The database is unavailable; nothing was recorded. Retry shortly."
            await _reject(send, 503, "DATABASE_UNAVAILABLE", message)
            return
        await self.app(scope, receive, send)
