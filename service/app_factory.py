"""Entry point for uvicorn workers: each process reads the settings once and builds its app."""

from __future__ import annotations

from starlette.applications import Starlette

from service.asgi import create_app
from service.settings import Settings


def app() -> Starlette:
    return create_app(Settings.from_env())
