"""Remembered principals are exact: the same token string only, never past its exp, and a
refusal is never remembered."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from service.auth import Authenticator, Unauthenticated, utc_now
from service.settings import Settings
from service.token_principals import TokenPrincipals

SECRET = "unit-secret-" + "x" * 40


def _principals() -> tuple[Authenticator, TokenPrincipals]:
    authenticator = Authenticator(Settings(jwt_secret=SECRET))
    return authenticator, TokenPrincipals(authenticator)


def test_a_token_is_verified_once_and_then_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    authenticator, principals = _principals()
    token = authenticator.issue(role="viewer", subject="v1", ttl=timedelta(minutes=5),
                                now=utc_now())
    first = principals.authenticate(f"Bearer {token}")
    monkeypatch.setattr(authenticator, "authenticate", lambda _a: pytest.fail("verified again"))
    assert principals.authenticate(f"Bearer {token}") == first


def test_a_remembered_token_is_refused_once_it_expires() -> None:
    authenticator, principals = _principals()
    token = authenticator.issue(role="hr", subject="h1", scopes=("*",), ttl=timedelta(seconds=1),
                                now=utc_now())
    assert principals.authenticate(f"Bearer {token}").role == "hr"
    time.sleep(1.1)
    with pytest.raises(Unauthenticated):
        principals.authenticate(f"Bearer {token}")


def test_a_refusal_is_not_remembered_and_other_tokens_are_checked() -> None:
    authenticator, principals = _principals()
    token = authenticator.issue(role="hr", subject="h1", ttl=timedelta(minutes=5), now=utc_now())
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            principals.authenticate(f"Bearer {tampered}")
    assert principals.authenticate(f"Bearer {token}").subject == "h1"
    with pytest.raises(Unauthenticated):
        principals.authenticate(None)
