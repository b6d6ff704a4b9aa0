"""HTTP-level limits and request context: body size, time per request, request ids, access log."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.metrics import REGISTRY

log = logging.getLogger("riwayat.access")
# Paths counted under their own label; anything else is "other", so scanners cannot add labels.
KNOWN_PATHS = frozenset({"/graphql", "/healthz", "/readyz", "/metrics"})


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuses bodies over ``max_bytes`` with 413, counting streamed chunks too."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _reject(
                send, 413, "REQUEST_TOO_LARGE", f"Bodies are limited to {self.max_bytes} bytes."
            )
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
            await _reject(
                send, 413, "REQUEST_TOO_LARGE", f"Bodies are limited to {self.max_bytes} bytes."
            )


class RequestContext:
    """Gives each request an id (echoed in ``x-request-id``), a time limit, and one JSON log line."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        self.app, self.timeout = app, timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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

        started = time.perf_counter()
        try:
            await asyncio.wait_for(self.app(scope, receive, send_with_id), self.timeout)
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
    return json.dumps({"errors": [{"message": message, "extensions": extensions}]}).encode()


async def _reject(send: Send, status: int, code: str, message: str) -> None:
    REGISTRY.count_errors(code)
    body = error_body(code, message)
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
