"""Who is signed in, and forms that cannot be posted from another site.

The bearer token a user pastes (or one from the identity provider, which the same
``Authenticator`` verifies) is kept in an HttpOnly, SameSite=Strict cookie, so page scripts
never read it. Every form that posts carries a CSRF token that must equal the page's
``riwayat_csrf`` cookie (double submit; another site can neither read the cookie nor set it)."""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from domain.errors import DomainError
from service.auth import Principal

TOKEN_COOKIE = "riwayat_session"
CSRF_COOKIE = "riwayat_csrf"
CSRF_FIELD = "csrf_token"
SESSION_SECONDS = 8 * 3600


def bearer(request: Request) -> str | None:
    """The request's credentials: the session cookie, or an Authorization header (scripts
    downloading reports)."""
    header = request.headers.get("authorization")
    if header:
        return header
    token = request.cookies.get(TOKEN_COOKIE)
    return f"Bearer {token}" if token else None


def principal_of(request: Request) -> Principal | None:
    """The signed-in principal, or None when the cookie is missing, expired or not trusted."""
    authorization = bearer(request)
    if authorization is None:
        return None
    try:
        principal: Principal = request.state.services.authenticator.authenticate(authorization)
    except DomainError:
        return None
    return principal


def sign_in(response: Response, token: str, secure: bool) -> None:
    response.set_cookie(TOKEN_COOKIE, token, max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", secure=secure, path="/")


def sign_out(response: Response) -> None:
    response.delete_cookie(TOKEN_COOKIE, path="/")


def csrf_token(request: Request) -> str:
    """The page's CSRF token: the cookie's, or a new one (set by ``remember_csrf``)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) >= 32:
        return existing
    fresh: str = request.state.__dict__.setdefault("csrf_fresh", secrets.token_urlsafe(32))
    return fresh


def remember_csrf(request: Request, response: Response, secure: bool) -> None:
    fresh = request.state.__dict__.get("csrf_fresh")
    if fresh:
        response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="strict", secure=secure,
                            path="/")


async def check_csrf(request: Request) -> dict[str, str]:
    """The posted form, once its CSRF token matches the cookie; else CSRF_TOKEN_INVALID."""
    form = await request.form()
    sent = str(form.get(CSRF_FIELD, ""))
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise DomainError("CSRF_TOKEN_INVALID", "The form's CSRF token does not match; reload "
                          "the page and send the form again.")
    return {key: str(value) for key, value in form.items()}
