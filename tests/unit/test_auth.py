"""Token verification: the three algorithms, and the ways a token can be wrong."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest

from service.auth import Authenticator, Unauthenticated, utc_now
from service.settings import Settings, SettingsError

SECRET = "unit-secret-" + "z" * 40
crypto = pytest.importorskip("cryptography", reason="RS256/ES256 need pyjwt[crypto]")


def _keypair(algorithm: str) -> tuple[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    key: Any = (
        rsa.generate_private_key(65537, 2048)
        if algorithm == "RS256"
        else ec.generate_private_key(ec.SECP256R1())
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def _claims(**overrides: Any) -> dict[str, Any]:
    now = utc_now()
    return {
        "sub": "idp-user-1",
        "role": "hr",
        "scope": ["KEMENKEU"],
        "iat": now,
        "exp": now + timedelta(minutes=5),
        **overrides,
    }


@pytest.mark.parametrize("algorithm", ["RS256", "ES256"])
def test_identity_provider_tokens_are_verified_with_the_public_key(algorithm: str) -> None:
    private, public = _keypair(algorithm)
    auth = Authenticator(Settings(jwt_algorithm=algorithm, jwt_public_key=public))
    principal = auth.authenticate("Bearer " + jwt.encode(_claims(), private, algorithm))
    assert (principal.subject, principal.role, principal.scopes) == (
        "idp-user-1",
        "hr",
        ("KEMENKEU",),
    )
    other_private, _ = _keypair(algorithm)
    with pytest.raises(Unauthenticated):
        auth.authenticate("Bearer " + jwt.encode(_claims(), other_private, algorithm))


def test_hs256_token_signed_with_the_public_key_is_refused() -> None:
    """Algorithm confusion: the public key is public, so it must never act as an HMAC secret."""
    _, public = _keypair("RS256")
    auth = Authenticator(Settings(jwt_algorithm="RS256", jwt_public_key=public))
    forged = _hmac_token(public)  # by hand: PyJWT itself refuses to HMAC with a PEM key
    with pytest.raises(Unauthenticated):
        auth.authenticate(f"Bearer {forged}")


def _hmac_token(key: str) -> str:
    import base64
    import hashlib
    import hmac
    import json

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    claims = {**_claims(), "iat": 0, "exp": 4102444800}
    header = json.dumps({"alg": "HS256", "typ": "JWT"}).encode()
    signing_input = f"{b64(header)}.{b64(json.dumps(claims).encode())}"
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        (_claims(exp=utc_now() - timedelta(seconds=1)), "expired"),
        ({k: v for k, v in _claims().items() if k != "sub"}, "no subject"),
        ({k: v for k, v in _claims().items() if k != "exp"}, "no expiry"),
        (_claims(role="admin"), "unknown role"),
        (_claims(scope="KEMENKEU"), "scope not a list"),
    ],
)
def test_malformed_tokens_are_unauthenticated(claims: dict[str, Any], reason: str) -> None:
    auth = Authenticator(Settings(jwt_secret=SECRET))
    with pytest.raises(Unauthenticated):
        auth.authenticate("Bearer " + jwt.encode(claims, SECRET, "HS256"))


def test_development_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(secret_file=tmp_path / ".riwayat" / "jwt-secret")
    first = Authenticator(settings).issue(
        role="viewer", subject="v", ttl=timedelta(minutes=1), now=utc_now()
    )
    assert Authenticator(settings).authenticate(f"Bearer {first}").subject == "v"


def test_production_without_a_secret_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        Authenticator(Settings(mode="production", secret_file=tmp_path / "s"))
    assert not (tmp_path / "s").exists()
