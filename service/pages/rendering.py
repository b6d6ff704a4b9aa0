"""Templates and the page wrapper: sign-in required, language, CSRF cookie, error display."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from projections import json_codec
from service.auth import Principal
from service.pages.i18n import LANGUAGES, language_of, translator
from service.pages.session import CSRF_FIELD, csrf_token, principal_of, remember_csrf
from service.redaction import PERSONAL_DATA_ROLES

PREFIX = "/app"
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["pretty"] = lambda value: (
    json_codec.readable_text(value) if isinstance(value, (dict, list))
    else value)

# Rank names as the API gives them (III_D) in the form people write them (III/d).
_TEMPLATES.filters["golongan"] = lambda rank: (
    f"{rank.split('_')[0]}/{rank.split('_')[1].lower()}" if rank and "_" in rank else rank or "—")

Handler = Callable[[Request, Principal], Awaitable[Response | tuple[str, dict[str, Any]]]]


def secure_cookies(request: Request) -> bool:
    return bool(request.state.services.settings.production)


def render(request: Request, template: str, principal: Principal | None = None,
           status: int = 200, **context: Any) -> Response:
    language = language_of(request)
    html = _TEMPLATES.get_template(template).render(
        t=translator(language), lang=language, languages=LANGUAGES, principal=principal,
        personal=principal is not None and principal.role in PERSONAL_DATA_ROLES,
        csrf_field=CSRF_FIELD, csrf=csrf_token(request), prefix=PREFIX,
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    )
    response = HTMLResponse(html, status)
    remember_csrf(request, response, secure_cookies(request))
    response.headers["Cache-Control"] = "no-store"  # pages hold personal data
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def page(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """A page that needs a signed-in user; others are sent to the sign-in page."""

    async def endpoint(request: Request) -> Response:
        principal = principal_of(request)
        if principal is None:
            target = quote(request.url.path + (f"?{request.url.query}" if request.url.query
                                               else ""))
            return RedirectResponse(f"{PREFIX}/signin?next={target}", 303)
        outcome = await handler(request, principal)
        if isinstance(outcome, Response):
            return outcome
        template, context = outcome
        return render(request, template, principal, **context)

    return endpoint


def safe_next(target: str | None) -> str:
    """Only a path of this site's pages: never an absolute or scheme-relative URL."""
    if target and target.startswith(PREFIX + "/") and not target.startswith("//"):
        return target
    return f"{PREFIX}/servants"
