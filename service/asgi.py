"""The ASGI app: ``create_app(settings)`` wires everything inside a lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from service.application import Riwayat
from service.auth import Authenticator, Principal, utc_now
from service.graphql.schema import build_schema
from service.limits import BodySizeLimit, RequestContext
from service.settings import Settings

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


class RiwayatGraphQL(GraphQL[dict[str, Any], None]):
    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        services: Services = request.state.services
        authorization = request.headers.get("authorization")
        cached: list[Principal] = []

        def principal() -> Principal:
            # Authenticated on first use, so a rejected token fails the fields that need it.
            if not cached:
                cached.append(services.authenticator.authenticate(authorization))
            return cached[0]

        return {
            "request": request,
            "response": response,
            "services": services,
            "principal": principal,
            "request_id": getattr(request.state, "request_id", "-"),
        }


def open_services(settings: Settings) -> Services:
    app = Riwayat(env=settings.eventsourcing_env())
    return Services(settings=settings, app=app, authenticator=Authenticator(settings))


def create_app(settings: Settings, services: Services | None = None) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(starlette: Starlette) -> AsyncIterator[dict[str, Any]]:
        built = services or await asyncio.to_thread(open_services, settings)
        read_models = _start_read_models(built)
        try:
            yield {"services": built}
        finally:
            if read_models is not None:
                await asyncio.to_thread(read_models.stop)
            built.app.close()

    graphql = RiwayatGraphQL(
        build_schema(settings),
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=not settings.production,
        multipart_uploads_enabled=False,
    )

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        built: Services = request.state.services
        problems = await asyncio.to_thread(_readiness_problems, built)
        status = 200 if not problems else 503
        return JSONResponse({"status": "ready" if not problems else "unready", "problems": problems}, status)

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext, timeout=settings.request_timeout_seconds)
    return app


def _start_read_models(services: Services) -> Any:
    try:
        from service.projection_wiring import open_read_models
    except ImportError:  # the projections are optional while they are being built
        return None
    services.read_models = open_read_models(services.settings, services.app)
    if services.settings.run_projections:
        services.read_models.start()
    return services.read_models


def _readiness_problems(services: Services) -> list[str]:
    problems = []
    try:
        services.app.recorder.max_notification_id()
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        problems.append(f"database: {type(error).__name__}")
        return problems
    read_models = services.read_models
    if read_models is not None and hasattr(read_models, "lag_problems"):
        problems += read_models.lag_problems(services.settings.ready_max_lag_events)
    return problems
