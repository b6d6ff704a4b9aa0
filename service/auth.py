"""Bearer-token authentication: signed JWTs carrying the actor id, role and HR scope."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt

from domain.envelope import Actor
from domain.errors import DomainError
from service.settings import Settings, SettingsError

ROLES = ("hr", "auditor", "viewer")
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
        if self.algorithm in _ASYMMETRIC:
            if not settings.jwt_public_key:
                raise SettingsError(f"RIWAYAT_JWT_PUBLIC_KEY is required for {self.algorithm}")
            self.verify_key: str = settings.jwt_public_key
            self.signing_key: str | None = None
        else:
            self.verify_key = self.signing_key = signing_secret(settings)

    def authenticate(self, authorization: str | None) -> Principal:
        if not authorization:
            raise Unauthenticated("Send 'Authorization: Bearer <token>'.")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Send 'Authorization: Bearer <token>'.")
        try:
            claims: dict[str, Any] = jwt.decode(
                token.strip(),
                self.verify_key,
                algorithms=[self.algorithm],
                options={"require": ["sub", "exp", "role"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The token has expired.") from None
        except jwt.InvalidTokenError:
            raise Unauthenticated("The token is not valid.") from None
        role, scopes = claims.get("role"), claims.get("scope", [])
        if role not in ROLES or not isinstance(scopes, list):
            raise Unauthenticated("The token's role or scope is not valid.")
        return Principal(str(claims["sub"]), str(role), tuple(str(s) for s in scopes))

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
