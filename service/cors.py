"""Cross-origin access for browser apps served from other origins (RIWAYAT_CORS_ORIGINS)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from service.settings import Settings

# What a GraphQL client in a browser sends: JSON bodies with a bearer token, over POST (and GET
# for queries in development). A bearer token is a header the page sets, not a browser
# credential, so cookies stay out of it (allow_credentials=False keeps "*" usable too).
ALLOWED_METHODS = ("GET", "POST")
ALLOWED_HEADERS = ("authorization", "content-type", "accept")
# The request id lets a browser app quote the failing request to the operators.
EXPOSED_HEADERS = ("x-request-id",)
PREFLIGHT_CACHE_SECONDS = 600


def allow_cross_origin(app: Starlette, settings: Settings) -> None:
    """Answer preflights and tag responses for the configured origins; with none configured,
    nothing is added and browsers keep their same-origin rule."""
    if not settings.cors_origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=list(ALLOWED_METHODS),
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        allow_credentials=False,
        max_age=PREFLIGHT_CACHE_SECONDS,
    )
