"""The ASGI app: ``create_app(settings)`` wires everything inside a lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from projections import json_codec
from service.application import Riwayat
from service.auth import Authenticator, Principal, utc_now
from service.cors import allow_cross_origin
from service.graphql.errors import ensure_codes
from service.graphql.plain_execution import PLAIN_COMPLETIONS
from service.graphql.schema import build_schema
from service.health import readiness_problems, render_metrics
from service.json_body import TOO_DEEP, decode_bounded
from service.limits import BodySizeLimit, DatabaseGate, FailFast, RequestContext, error_body
from service.live.websocket import LiveFeeds, websocket_context
from service.metrics import REGISTRY, MeteredRiwayat
from service.projection_wiring import open_read_models
from service.response_cache import ResponseCache
from service.settings import Settings
from service.token_principals import TokenPrincipals
from service.web.ide import graphiql_page, static_assets

log = logging.getLogger("riwayat")


@dataclass
class Services:
    """What resolvers need, built once per process in the lifespan."""

    settings: Settings
    app: Riwayat
    authenticator: Authenticator
    clock: Callable[[], datetime] = utc_now
    read_models: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    principals: TokenPrincipals | None = None

    def authenticate(self, authorization: str | None) -> Principal:
        """The authenticator's principal, remembered per token (service.token_principals)."""
        if self.principals is None or self.principals.authenticator is not self.authenticator:
            self.principals = TokenPrincipals(self.authenticator)
        return self.principals.authenticate(authorization)


# strawberry refuses some requests before GraphQL runs, with a plain-text reason; clients
# get the same JSON error shape and a stable code for those too.
_HTTP_CODES = {
    "Batching is not enabled": "BATCHING_DISABLED",
    "Too many operations": "BATCHING_DISABLED",
    "mutations are not allowed when using GET": "MUTATION_OVER_GET",
    "queries are not allowed when using GET": "GET_DISABLED",
    "Not Found": "NOT_FOUND",
    TOO_DEEP: "JSON_TOO_DEEP",
}


class RiwayatGraphQL(LiveFeeds, GraphQL[dict[str, Any], None]):
    response_cache: ResponseCache | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.serve_websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            request = Request(scope, receive)
            cache = self.response_cache
            response: Response = await (self.run(request) if cache is None
                                        else cache.serve(request, self.run))
        except ClientDisconnect:
            return  # the client left mid-body: no one to answer, nothing went wrong here
        except HTTPException as error:
            code = _HTTP_CODES.get(error.reason, "BAD_REQUEST")
            REGISTRY.count_errors(code)
            request_id = scope.get("state", {}).get("request_id")
            # GraphQL over HTTP: a mutation over GET is 405 Method Not Allowed, not 400.
            status = 405 if code == "MUTATION_OVER_GET" else error.status_code
            response = Response(
                error_body(code, error.reason, request_id), status, media_type="application/json"
            )
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        # strawberry's own page loads GraphiQL from a CDN; this one is served from the package.
        return HTMLResponse(graphiql_page())

    def decode_json(self, data: str | bytes) -> object:
        return decode_bounded(data)

    def encode_json(self, data: object) -> str | bytes:
        # The standard library's encoder was a tenth of a history read's CPU. Text, not
        # bytes: websocket messages go out as text frames. Values orjson refuses (integers
        # beyond 64 bits, non-string keys in a JSON scalar) keep the standard encoding.
        try:
            return json_codec.dumps_text(data)
        except TypeError:
            return super().encode_json(data)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = ensure_codes(result.errors, getattr(request.state, "request_id", "-"))
        context = getattr(request.state, "graphql_context", None)
        if context is not None:  # for the response cache: only error-free answers are kept
            context["failed"] = bool(result.errors) or result.data is None
        return await super().process_result(request, result)

    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        services: Services = request.state.services
        if isinstance(request, WebSocket):
            return websocket_context(request, services)
        authorization = request.headers.get("authorization")
        if services.authenticator.key_set is not None:
            await asyncio.to_thread(services.authenticator.warm_keys, authorization)
        cached: list[Principal] = []

        def principal() -> Principal:
            # Authenticated on first use, so a rejected token fails the fields that need it.
            if not cached:
                cached.append(services.authenticate(authorization))
                # For the access log: the actor, never the token.
                request.state.actor = f"{cached[0].role}:{cached[0].subject}"
            return cached[0]

        context = {
            "request": request,
            "response": response,
            "services": services,
            "principal": principal,
            "request_id": getattr(request.state, "request_id", "-"),
            PLAIN_COMPLETIONS: [],
        }
        request.state.graphql_context = context
        return context


def open_services(settings: Settings) -> Services:
    app = MeteredRiwayat(env=settings.eventsourcing_env())
    return Services(settings=settings, app=app, authenticator=Authenticator(settings))


def create_app(settings: Settings, services: Services | None = None) -> Starlette:
    gate = DatabaseGate(_conninfo(settings))

    @contextlib.asynccontextmanager
    async def lifespan(starlette: Starlette) -> AsyncIterator[dict[str, Any]]:
        built = (
            services if services is not None else await asyncio.to_thread(open_services, settings)
        )
        built.extras["database_gate"] = gate
        gate.start()
        read_models = _start_read_models(built)
        try:
            yield {"services": built}
        finally:
            if "live_hub" in built.extras:
                await built.extras["live_hub"].stop()
            gate.stop()
            if read_models is not None:
                await read_models.close_async()
                await asyncio.to_thread(read_models.stop)
            built.app.close()
            REGISTRY.process_exiting()

    graphql = RiwayatGraphQL(
        build_schema(settings),
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=not settings.production,
        multipart_uploads_enabled=False,
        # Live feeds over graphql-transport-ws only; the connection counts its own
        # subscriptions (with a stable error code), so strawberry's count is off.
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        max_subscriptions_per_connection=None,
    )
    graphql.response_cache = ResponseCache(settings.response_cache_bytes, settings.max_tokens)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        built: Services = request.state.services
        problems = await asyncio.to_thread(readiness_problems, built)
        status = 200 if not problems else 503
        return JSONResponse(
            {"status": "ready" if not problems else "unready", "problems": problems}, status
        )

    async def metrics(request: Request) -> Response:
        built: Services = request.state.services
        text = await asyncio.to_thread(render_metrics, built)
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4")

    app = Starlette(
        routes=[
            # Production serves GraphQL over POST only (no GraphiQL page, no GET queries).
            Route(
                "/graphql", graphql, methods=["POST"] if settings.production else ["GET", "POST"]
            ),
            WebSocketRoute("/graphql", graphql),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            static_assets(),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(FailFast, gate=gate)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext, timeout=settings.request_timeout_seconds)
    # Outermost, so refusals from the limits above reach a browser app readable too.
    allow_cross_origin(app, settings)
    return app


def _start_read_models(services: Services) -> Any:
    services.read_models = open_read_models(services.settings, services.app)
    if services.settings.run_projections:
        services.read_models.start()
    return services.read_models


def _conninfo(settings: Settings) -> dict[str, str] | None:
    if not settings.is_postgres:
        return None
    return {k: v for k, v in settings.postgres.items() if k != "schema"}
