"""Principals of recently verified HS256 tokens, so a client's next request with the same
token skips the signature check (PyJWT prepares the key and verifies the HMAC each time:
a third of a cached answer's CPU).

Exact: an entry is the principal ``Authenticator.authenticate`` returned for that very
token string, and is used only until the token's own ``exp``. Every other check it made
either cannot change for the same string (signature, claims, role and scope mapping) or
only turns from refusal into acceptance as time passes (not-before, issued-at, the maximum
lifetime ahead), and refusals are never remembered. Tokens checked against a key set
(RS256/ES256, possibly a JWKS that rotates) are verified every time."""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import OrderedDict

from projections import json_codec
from service.auth import Authenticator, Principal

MAX_TOKENS = 1024


class TokenPrincipals:
    def __init__(self, authenticator: Authenticator, max_tokens: int = MAX_TOKENS) -> None:
        self.authenticator = authenticator
        self.max_tokens = max_tokens
        self._known: OrderedDict[str, tuple[Principal, float]] = OrderedDict()
        self._lock = threading.Lock()  # resolvers may authenticate from worker threads

    def authenticate(self, authorization: str | None) -> Principal:
        """``Authenticator.authenticate``, remembered for HS256 tokens until they expire."""
        if self.authenticator.key_set is not None or not authorization:
            return self.authenticator.authenticate(authorization)
        with self._lock:
            found = self._known.get(authorization)
            if found is not None and time.time() < found[1]:
                self._known.move_to_end(authorization)
                return found[0]
        principal = self.authenticator.authenticate(authorization)  # raises when refused
        expires = _expiry(authorization)
        if expires is not None:
            with self._lock:
                self._known[authorization] = (principal, expires)
                while len(self._known) > self.max_tokens:
                    self._known.popitem(last=False)
        return principal


def _expiry(authorization: str) -> float | None:
    """The verified token's ``exp``, read from its payload segment."""
    try:
        payload = authorization.partition(" ")[2].strip().split(".")[1]
        claims = json_codec.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error, json_codec.JSONDecodeError):
        return None
    exp = claims.get("exp") if isinstance(claims, dict) else None
    return float(exp) if isinstance(exp, int | float) else None
