"""Entry point for uvicorn workers: each process reads the settings once and builds its app."""

from __future__ import annotations

from starlette.applications import Starlette

from service.asgi import create_app
from service.pages import mount_pages
from service.settings import Settings


def app() -> Starlette:
    settings = Settings.from_env()
    # The web pages (/app) and report downloads (/downloads) beside the API.
    return mount_pages(create_app(settings), settings)
