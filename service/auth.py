"""Bearer-token authentication: signed JWTs carrying the actor id, role and HR scope.

Tokens come from ``riwayat token`` (HS256, development and tests) or from an identity
provider (RS256/ES256 with a PEM key or a JWKS URL, audience and issuer checked, its
claims mapped by service/identity.py)."""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt

from domain.envelope import Actor
from domain.errors import DomainError
from service.identity import ROLES, ClaimError, ClaimMapping, KeySet
from service.settings import Settings, SettingsError

ALL_UNITS = "*"
_ASYMMETRIC = ("RS256", "ES256")


@dataclass(frozen=True)
class Principal:
    subject: str
    role: str
    scopes: tuple[str, ...] = ()

    @property
    def actor(self) -> Actor:
        return Actor(self.subject, self.role)

    def covers(self, *unit_codes: str) -> bool:
        """HR scope: a token lists agency or unit codes, or ``*`` for all of them."""
        return ALL_UNITS in self.scopes or any(code in self.scopes for code in unit_codes)


class Unauthenticated(DomainError):
    """Raised when a request carries no valid token."""

    def __init__(self, message: str) -> None:
        super().__init__("UNAUTHENTICATED", message)


class Forbidden(DomainError):
    """Raised when the token's role or scope does not allow the operation."""

    def __init__(self, message: str) -> None:
        super().__init__("FORBIDDEN", message)


class Authenticator:
    def __init__(self, settings: Settings) -> None:
        self.algorithm = settings.jwt_algorithm
        self.key_set: KeySet | None = None
        self.signing_key: str | None = None
        if self.algorithm in _ASYMMETRIC:
            if settings.jwt_jwks_url:
                self.key_set = KeySet(
                    settings.jwt_jwks_url, min_refresh_seconds=settings.jwt_jwks_refresh_seconds
                )
            elif not settings.jwt_public_key:
                raise SettingsError(
                    f"RIWAYAT_JWT_PUBLIC_KEY is required for {self.algorithm} (or RIWAYAT_JWT_JWKS_URL)"
                )
            self.verify_key: str = settings.jwt_public_key or ""
        else:
            if settings.jwt_jwks_url:
                raise SettingsError("RIWAYAT_JWT_JWKS_URL needs RIWAYAT_JWT_ALGORITHM RS256 or ES256")
            self.verify_key = self.signing_key = signing_secret(settings)
        self.audience, self.issuer = settings.jwt_audience, settings.jwt_issuer
        self.claims = ClaimMapping.from_settings(settings)
        self.max_lifetime = settings.max_token_lifetime_hours * 3600

    def authenticate(self, authorization: str | None) -> Principal:
        if not authorization:
            raise Unauthenticated("Send 'Authorization: Bearer <token>'.")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Send 'Authorization: Bearer <token>'.")
        token = token.strip()
        required = ["sub", "exp", *(["aud"] if self.audience else []), *(["iss"] if self.issuer else [])]
        try:
            key = self.key_set.key_for(token) if self.key_set is not None else self.verify_key
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": required},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The token has expired.") from None
        except jwt.InvalidTokenError:
            raise Unauthenticated("The token is not valid.") from None
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject.strip() or subject != subject.strip():
            raise Unauthenticated("The token's subject must be a non-blank id.")
        self._check_lifetime(claims)
        try:
            role, scopes = self.claims.role(claims), self.claims.scopes(claims)
        except ClaimError:
            raise Unauthenticated("The token's role or scope is not valid.") from None
        return Principal(subject, role, scopes)

    def warm_keys(self, authorization: str | None) -> None:
        """Fetches the key set (first use, or a rotated key id) so that ``authenticate``
        finds the key cached: called off the event loop, since the fetch is network I/O."""
        if self.key_set is None or not authorization:
            return
        token = authorization.partition(" ")[2].strip()
        with contextlib.suppress(jwt.InvalidTokenError):  # authenticate reports it
            self.key_set.key_for(token)

    def _check_lifetime(self, claims: dict[str, Any]) -> None:
        """A leaked token must not work for ever: exp at most the maximum lifetime ahead, and
        after iat when the token says when it was issued."""
        exp, iat = claims["exp"], claims.get("iat")
        if exp - utc_now().timestamp() > self.max_lifetime or (
            isinstance(iat, int | float) and exp - iat > self.max_lifetime
        ):
            raise Unauthenticated(
                f"The token lives longer than {self.max_lifetime / 3600:g} hours; ask for a shorter one."
            )

    def issue(
        self,
        *,
        role: str,
        subject: str,
        scopes: tuple[str, ...] = (),
        ttl: timedelta,
        now: datetime,
    ) -> str:
        if self.signing_key is None:
            raise SettingsError("Tokens for asymmetric keys are issued by the identity provider.")
        if role not in ROLES:
            raise SettingsError(f"role must be one of {', '.join(ROLES)}")
        if not subject.strip() or subject != subject.strip():
            raise SettingsError("the subject must be a non-blank id without surrounding spaces")
        if ttl.total_seconds() > self.max_lifetime:
            raise SettingsError(
                f"the lifetime is limited to {self.max_lifetime / 3600:g} hours "
                "(RIWAYAT_MAX_TOKEN_LIFETIME_HOURS)"
            )
        claims = {"sub": subject, "role": role, "scope": list(scopes), "iat": now, "exp": now + ttl}
        return jwt.encode(claims, self.signing_key, algorithm=self.algorithm)


def signing_secret(settings: Settings) -> str:
    """The HS256 secret: configured, or in development a generated one kept in a local file
    so tokens survive restarts. Production refuses to start without a configured secret."""
    if settings.jwt_secret:
        if len(settings.jwt_secret) < 32:
            raise SettingsError("RIWAYAT_JWT_SECRET must be at least 32 characters")
        return settings.jwt_secret
    if settings.production:
        raise SettingsError("Production mode needs RIWAYAT_JWT_SECRET (or RIWAYAT_JWT_PUBLIC_KEY).")
    path = Path(settings.secret_file)
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.write_text(secret)
    path.chmod(0o600)
    return secret


def utc_now() -> datetime:
    return datetime.now(UTC)
