"""The websocket side of the GraphQL app: graphql-transport-ws with the API's tokens.

Mixed into the ASGI GraphQL app: each connection gets a ``LiveConnection`` (who, how many
subscriptions, when last active), authenticated from its ``connection_init`` payload; the
ASGI ``send`` and ``receive`` are wrapped so refusals close with 4401/4429 and idle
connections with 4408."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UNSET, UnsetType

from service.auth import Principal, Unauthenticated
from service.live.connections import (
    LiveConnection,
    Subjects,
    authenticate,
    closing_send,
    idle_receive,
)
from service.live.hub import LogHub


class LiveFeeds:
    """Websocket handling for a strawberry ASGI view (``super()`` is the view)."""

    async def serve_websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        services = scope["state"]["services"]
        conn = LiveConnection()
        scope["riwayat.live"] = conn
        guarded = closing_send(conn, send)
        idle = services.settings.websocket_idle_seconds
        try:
            await super().__call__(  # type: ignore[misc]
                scope, idle_receive(conn, receive, guarded, idle), guarded)
        finally:
            if conn.principal is not None:
                live_subjects(services).release(conn.principal.subject)

    async def on_ws_connect(self, context: dict[str, Any]) -> UnsetType | dict[str, object] | None:
        services = context["services"]
        conn: LiveConnection = context["live_connection"]
        admitted = await asyncio.to_thread(
            authenticate, conn, services.authenticator, live_subjects(services),
            context.get("connection_params"))
        if not admitted:
            raise ConnectionRejectionError()  # closed with the code set on conn
        unset: UnsetType = UNSET
        return unset


def websocket_context(socket: WebSocket, services: Any) -> dict[str, Any]:
    """A connection's context, shared by all its subscriptions."""
    conn: LiveConnection = socket.scope["riwayat.live"]

    def principal() -> Principal:
        if conn.principal is None:  # connection_init has not been accepted yet
            raise Unauthenticated("Send the bearer token in the connection_init payload.")
        return conn.principal

    return {"request": socket, "services": services, "principal": principal,
            "live_connection": conn, "live_hub": live_hub(services),
            "request_id": f"ws-{id(conn):x}"}


def live_hub(services: Any) -> LogHub:
    """The process's one log poller, made on first use."""
    hub: LogHub | None = services.extras.get("live_hub")
    if hub is None:
        hub = LogHub(services.app, services.settings.live_poll_seconds,
                     lambda: services.clock().date())
        services.extras["live_hub"] = hub
    return hub


def live_subjects(services: Any) -> Subjects:
    subjects: Subjects = services.extras.setdefault(
        "live_subjects", Subjects(services.settings.max_connections_per_subject))
    return subjects
