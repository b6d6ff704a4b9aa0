"""Sign in (paste a token), sign out and the language switch."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.errors import DomainError
from service.pages.i18n import LANGUAGE_COOKIE, LANGUAGES
from service.pages.rendering import PREFIX, render, safe_next, secure_cookies
from service.pages.session import check_csrf, principal_of, sign_in, sign_out


async def signin_form(request: Request) -> Response:
    return render(request, "signin.html", principal_of(request),
                  next=safe_next(request.query_params.get("next")))


async def signin(request: Request) -> Response:
    try:
        form = await check_csrf(request)
        token = form.get("token", "").strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        principal = request.state.services.authenticator.authenticate(f"Bearer {token}")
    except DomainError as error:
        return render(request, "signin.html", None, status=_status(error.code),
                      error={"code": error.code, "message": error.message},
                      next=safe_next(request.query_params.get("next")))
    response = RedirectResponse(safe_next(form.get("next")), 303)
    sign_in(response, token, secure_cookies(request))
    request.state.actor = f"{principal.role}:{principal.subject}"
    return response


async def signout(request: Request) -> Response:
    try:
        await check_csrf(request)
    except DomainError as error:
        return render(request, "error.html", principal_of(request), status=403,
                      error={"code": error.code, "message": error.message})
    response = RedirectResponse(f"{PREFIX}/signin", 303)
    sign_out(response)
    return response


async def language(request: Request) -> Response:
    chosen = request.path_params["language"]
    response = RedirectResponse(safe_next(request.query_params.get("next")), 303)
    if chosen in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 86400, samesite="lax",
                            path="/")
    return response


async def home(request: Request) -> Response:
    target = "/servants" if principal_of(request) else "/signin"
    return RedirectResponse(PREFIX + target, 303)


def _status(code: str) -> int:
    return {"CSRF_TOKEN_INVALID": 403, "UNAUTHENTICATED": 401}.get(code, 400)
