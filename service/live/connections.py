"""A websocket connection's life: who it is, how many feeds it runs, when it falls idle.

The graphql-transport-ws protocol authenticates once, in ``connection_init``: its payload
carries the same bearer token as the HTTP ``Authorization`` header (as ``Authorization``,
``authorization`` or ``token``). A connection without a valid token is closed with 4401, one
over the per-subject limit with 4429, and one left idle (no running subscription and no
message from the client) with 4408; strawberry itself closes with 4403 or 4400 otherwise."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from service.auth import Authenticator, Principal, Unauthenticated

CLOSE_UNAUTHENTICATED = 4401
CLOSE_TOO_MANY_CONNECTIONS = 4429
CLOSE_IDLE = 4408
Message = MutableMapping[str, Any]


@dataclass
class LiveConnection:
    principal: Principal | None = None
    subscriptions: int = 0
    close_code: int | None = None
    close_reason: str = ""
    last_seen: float = field(default_factory=time.monotonic)
    closed: bool = False


@dataclass
class Subjects:
    """Open connections per token subject, in this process."""

    limit: int
    open: Counter[str] = field(default_factory=Counter)

    def admit(self, subject: str) -> bool:
        if self.open[subject] >= self.limit:
            return False
        self.open[subject] += 1
        return True

    def release(self, subject: str) -> None:
        self.open[subject] -= 1
        if self.open[subject] <= 0:
            del self.open[subject]


def token_of(params: object) -> str | None:
    """The bearer token a client put in its connection_init payload."""
    if not isinstance(params, dict):
        return None
    for key in ("Authorization", "authorization", "token"):
        value = params.get(key)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return value if value.lower().startswith("bearer ") else f"Bearer {value}"
    return None


def authenticate(conn: LiveConnection, authenticator: Authenticator, subjects: Subjects,
                 params: object) -> bool:
    """Admit the connection, or say which close code refuses it."""
    try:
        principal = authenticator.authenticate(token_of(params))
    except Unauthenticated:
        conn.close_code, conn.close_reason = CLOSE_UNAUTHENTICATED, "Unauthorized"
        return False
    if not subjects.admit(principal.subject):
        conn.close_code, conn.close_reason = CLOSE_TOO_MANY_CONNECTIONS, "Too many connections"
        return False
    conn.principal = principal
    return True


def closing_send(conn: LiveConnection, send: Callable[[Message], Awaitable[None]]
                 ) -> Callable[[Message], Awaitable[None]]:
    """``send`` that closes with the code authentication chose, and only once."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "websocket.close":
            if conn.closed:
                return
            conn.closed = True
            if conn.close_code is not None:
                # A websocket close code (RFC 6455), not an error code of the API.
                message = dict(message, code=conn.close_code, reason=conn.close_reason)
        elif conn.closed:
            return
        await send(message)

    return wrapped


def idle_receive(conn: LiveConnection, receive: Callable[[], Awaitable[Message]],
                 send: Callable[[Message], Awaitable[None]], idle_seconds: float
                 ) -> Callable[[], Awaitable[Message]]:
    """``receive`` that closes a connection idle for ``idle_seconds`` with 4408."""

    pending: list[asyncio.Task[Message]] = []

    async def wrapped() -> Message:
        while True:
            if not pending:
                pending.append(asyncio.ensure_future(receive()))
            done, _ = await asyncio.wait(pending, timeout=idle_seconds / 4)
            if done:
                conn.last_seen = time.monotonic()
                return pending.pop().result()
            idle = time.monotonic() - conn.last_seen
            if conn.subscriptions == 0 and idle >= idle_seconds:
                conn.close_code, conn.close_reason = CLOSE_IDLE, "Idle timeout"
                await send(dict(type="websocket.close", code=CLOSE_IDLE))
                pending.pop().cancel()
                return dict(type="websocket.disconnect", code=CLOSE_IDLE)
            if conn.subscriptions:
                conn.last_seen = time.monotonic()

    return wrapped
