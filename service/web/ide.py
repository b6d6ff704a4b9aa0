"""GraphiQL from assets installed with the package, so the IDE works with no internet access."""

from __future__ import annotations

import mimetypes
from functools import cache
from importlib.resources import files

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

# The page refers to its assets relative to /graphql, so it also works under a path prefix.
STATIC_PATH = "/static"

# Some systems' mime.types map .js to application/x-javascript; browsers want a JavaScript type.
mimetypes.add_type("text/javascript", ".js")


@cache
def graphiql_page() -> str:
    return files("service.web").joinpath("graphiql.html").read_text(encoding="utf-8")


def static_assets() -> Mount:
    """The package's own static files (``service/web/static``), at /static."""
    return Mount(STATIC_PATH, StaticFiles(packages=[("service.web", "static")]), name="static")
