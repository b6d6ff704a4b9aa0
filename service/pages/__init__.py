"""Server-rendered pages for HR staff and auditors, under ``/app`` (Indonesian by default,
English on request), and report downloads under ``/downloads``. Templates, the style sheet and
the message catalogues are installed with the package; nothing is loaded from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from service.pages.audit_routes import audit_pages
from service.pages.downloads import download, downloads_page
from service.pages.graph import PageGraph
from service.pages.imports import import_run, imports_page
from service.pages.record_routes import record_pages
from service.pages.rendering import PREFIX
from service.pages.session_routes import home, language, signin, signin_form, signout
from service.settings import Settings


def _graphql_schema(app: Starlette, settings: Settings) -> Any:
    """The schema the app's /graphql route serves (built anew only if there is none)."""
    for route in app.routes:
        schema = getattr(getattr(route, "endpoint", None), "schema", None)
        if getattr(route, "path", None) == "/graphql" and schema is not None:
            return schema
    from service.graphql.schema import build_schema

    return build_schema(settings)


def mount_pages(app: Starlette, settings: Settings) -> Starlette:
    graph = PageGraph(_graphql_schema(app, settings))
    records, audits = record_pages(graph), audit_pages(graph)
    pages = [
        Route("/", home),
        Route("/signin", signin_form, methods=["GET"]),
        Route("/signin", signin, methods=["POST"]),
        Route("/signout", signout, methods=["POST"]),
        Route("/lang/{language}", language),
        Route("/servants", records["servants"]),
        Route("/servants/{nip}", records["servant"]),
        Route("/servants/{nip}/eligibility", records["eligibility"]),
        Route("/candidates", audits["candidates"]),
        Route("/audit/promotions/{event_id}", audits["promotion_audit"]),
        Route("/audit/findings", audits["findings"]),
        Route("/integrity", audits["integrity"]),
        Route("/downloads", downloads_page),
        Route("/imports", imports_page),
        Route("/imports/{run_id}", import_run),
        Route("/imports/{run_id}/report.csv", import_run),
        Mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static"),
    ]
    app.router.routes.append(Mount(PREFIX, routes=pages))
    app.router.routes.append(Route("/downloads/{name}", download))
    return app
