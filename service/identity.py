"""Tokens from identity providers: where the verification key comes from (one PEM key, or a
JWKS URL with key rotation), and how the provider's claims map to a role and a unit scope."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

from service.settings import Settings, SettingsError

ROLES = ("hr", "auditor", "viewer")
SCOPE_FORMATS = ("list", "space-separated")


class ClaimError(ValueError):
    """The token is signed correctly but its claims do not name one role and a scope."""


@dataclass(frozen=True)
class ClaimMapping:
    """``role_claim`` and ``scope_claim`` are dotted paths (Keycloak: ``realm_access.roles``);
    a role claim may be one string or a list; ``role_map`` renames provider roles to ours
    (``riwayat-hr=hr``); OAuth2's ``scope`` is one space-separated string, of which only
    the entries starting with ``scope_prefix`` name units."""

    role_claim: str = "role"
    role_map: tuple[tuple[str, str], ...] = ()
    scope_claim: str = "scope"
    scope_format: str = "list"
    scope_prefix: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> ClaimMapping:
        if settings.jwt_scope_format not in SCOPE_FORMATS:
            raise SettingsError(f"RIWAYAT_JWT_SCOPE_FORMAT must be one of {', '.join(SCOPE_FORMATS)}")
        pairs = []
        for item in filter(None, (p.strip() for p in settings.jwt_role_map.split(","))):
            provider, _, ours = item.partition("=")
            if ours.strip() not in ROLES or not provider.strip():
                raise SettingsError(f"RIWAYAT_JWT_ROLE_MAP: {item!r} is not 'provider-role=hr|auditor|viewer'")
            pairs.append((provider.strip(), ours.strip()))
        return cls(
            settings.jwt_role_claim,
            tuple(pairs),
            settings.jwt_scope_claim,
            settings.jwt_scope_format,
            settings.jwt_scope_prefix,
        )

    def role(self, claims: dict[str, Any]) -> str:
        value = _at(claims, self.role_claim)
        given = [value] if isinstance(value, str) else value
        if not isinstance(given, list) or not all(isinstance(v, str) for v in given):
            raise ClaimError("no role")
        renames = dict(self.role_map) if self.role_map else {r: r for r in ROLES}
        roles = {renames[v] for v in given if v in renames}
        if len(roles) != 1:
            # Several roles would make the choice of powers a guess; none is no role.
            raise ClaimError("not exactly one known role")
        return roles.pop()

    def scopes(self, claims: dict[str, Any]) -> tuple[str, ...]:
        value = _at(claims, self.scope_claim)
        if value is None:
            return ()
        if self.scope_format == "space-separated" and isinstance(value, str):
            entries = value.split()
        elif self.scope_format == "list" and isinstance(value, list):
            entries = value
        else:
            raise ClaimError("scope has the wrong shape")
        if not all(isinstance(e, str) for e in entries):
            raise ClaimError("scope entries must be strings")
        prefix = self.scope_prefix
        return tuple(e[len(prefix) :] for e in entries if e.startswith(prefix) and e != prefix)


def _at(claims: dict[str, Any], path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


class KeySet:
    """Verification keys from a JWKS URL, cached. A token naming a key id the cache does not
    hold triggers one refetch (the provider rotated its keys), at most once per
    ``min_refresh_seconds`` so tokens with invented key ids cannot make us fetch per request."""

    def __init__(
        self,
        url: str,
        *,
        min_refresh_seconds: float,
        timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = jwt.PyJWKClient(url, cache_keys=False, cache_jwk_set=True, timeout=timeout)
        self.min_refresh_seconds = min_refresh_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._last_refresh = float("-inf")

    def key_for(self, token: str) -> Any:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            keys = self.client.get_signing_keys()
            match = _by_kid(keys, kid)
            if match is None:
                with self._lock:
                    due = self.clock() - self._last_refresh >= self.min_refresh_seconds
                    if due:
                        self._last_refresh = self.clock()
                if due:
                    match = _by_kid(self.client.get_signing_keys(refresh=True), kid)
        except jwt.PyJWKClientError as error:
            raise jwt.InvalidTokenError(str(error)) from None
        if match is None:
            raise jwt.InvalidTokenError("no key with this key id")
        return match.key


def _by_kid(keys: list[jwt.PyJWK], kid: Any) -> jwt.PyJWK | None:
    if kid is None and len(keys) == 1:
        return keys[0]
    return next((k for k in keys if k.key_id == kid), None)
