"""Tokens from identity providers: audience and issuer, JWKS keys fetched over HTTP and
rotated, and the provider's claims mapped to our role and unit scope."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from service.auth import Authenticator, Unauthenticated, utc_now
from service.settings import Settings


class JwksServer:
    """A JWKS endpoint on loopback serving whatever keys the test publishes."""

    def __init__(self) -> None:
        self.keys: list[dict[str, Any]] = []
        self.fetches = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.fetches += 1
                body = json.dumps({"keys": outer.keys}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/certs"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, *keys: tuple[str, rsa.RSAPrivateKey]) -> None:
        self.keys = [
            {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())), "kid": kid,
             "use": "sig", "alg": "RS256"}
            for kid, k in keys
        ]


@pytest.fixture
def jwks() -> Iterator[JwksServer]:
    server = JwksServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def _rsa() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(65537, 2048)


def _token(key: rsa.RSAPrivateKey, kid: str, **claims: Any) -> str:
    now = utc_now()
    values = {"sub": "u-1", "role": "auditor", "iat": now, "exp": now + timedelta(minutes=5), **claims}
    return "Bearer " + jwt.encode(values, key, "RS256", headers={"kid": kid})


def _provider(jwks: JwksServer, **settings: Any) -> Authenticator:
    return Authenticator(
        Settings(jwt_algorithm="RS256", jwt_jwks_url=jwks.url, jwt_jwks_refresh_seconds=0, **settings)
    )


def test_keys_come_from_the_jwks_url_and_follow_a_rotation(jwks: JwksServer) -> None:
    old, new = _rsa(), _rsa()
    jwks.publish(("k1", old))
    auth = _provider(jwks)
    assert auth.authenticate(_token(old, "k1")).role == "auditor"
    assert auth.authenticate(_token(old, "k1")).subject == "u-1"
    assert jwks.fetches == 1  # the key set is cached
    jwks.publish(("k2", new))  # the provider rotates: k1 is withdrawn
    assert auth.authenticate(_token(new, "k2")).role == "auditor"
    assert jwks.fetches == 2
    with pytest.raises(Unauthenticated):
        auth.authenticate(_token(old, "k1"))
    with pytest.raises(Unauthenticated):  # the right key id, the wrong key
        auth.authenticate(_token(_rsa(), "k2"))


def test_unknown_key_ids_refetch_the_key_set_at_most_once_per_interval(jwks: JwksServer) -> None:
    key = _rsa()
    jwks.publish(("k1", key))
    auth = Authenticator(
        Settings(jwt_algorithm="RS256", jwt_jwks_url=jwks.url, jwt_jwks_refresh_seconds=3600)
    )
    auth.authenticate(_token(key, "k1"))
    for i in range(5):
        with pytest.raises(Unauthenticated):
            auth.authenticate(_token(key, f"invented-{i}"))
    assert jwks.fetches == 2


def test_audience_and_issuer_are_checked_when_configured(jwks: JwksServer) -> None:
    key = _rsa()
    jwks.publish(("k1", key))
    auth = _provider(jwks, jwt_audience="riwayat", jwt_issuer="https://idp.example/realms/bkn")
    good = {"aud": "riwayat", "iss": "https://idp.example/realms/bkn"}
    assert auth.authenticate(_token(key, "k1", **good)).role == "auditor"
    for wrong in ({**good, "aud": "other"}, {**good, "iss": "https://evil"}, {"aud": "riwayat"}):
        with pytest.raises(Unauthenticated):
            auth.authenticate(_token(key, "k1", **wrong))
    # A token meant for some audience is never taken when no audience is configured.
    with pytest.raises(Unauthenticated):
        _provider(jwks).authenticate(_token(key, "k1", aud="riwayat"))


def test_keycloak_realm_roles_and_oauth2_scopes_map_to_role_and_units(jwks: JwksServer) -> None:
    key = _rsa()
    jwks.publish(("k1", key))
    auth = _provider(
        jwks,
        jwt_role_claim="realm_access.roles",
        jwt_role_map="riwayat-hr=hr,riwayat-auditor=auditor",
        jwt_scope_format="space-separated",
        jwt_scope_prefix="unit:",
    )
    principal = auth.authenticate(
        _token(key, "k1", role=None, realm_access={"roles": ["offline_access", "riwayat-hr"]},
               scope="openid profile unit:KEMENKEU unit:KEU-01")
    )
    assert (principal.role, principal.scopes) == ("hr", ("KEMENKEU", "KEU-01"))
    for roles in (["offline_access"], ["riwayat-hr", "riwayat-auditor"], "riwayat-root"):
        with pytest.raises(Unauthenticated):
            auth.authenticate(_token(key, "k1", realm_access={"roles": roles}, scope="openid"))


@pytest.mark.parametrize("subject", ["", " ", "\t", " padded "])
def test_blank_subjects_are_refused(subject: str) -> None:
    auth = Authenticator(Settings(jwt_secret="s" * 40))
    now = utc_now()
    token = jwt.encode(
        {"sub": subject, "role": "hr", "scope": ["*"], "exp": now + timedelta(minutes=5)},
        "s" * 40,
        "HS256",
    )
    with pytest.raises(Unauthenticated):
        auth.authenticate(f"Bearer {token}")


@pytest.mark.parametrize("claims", [{"exp": 1e20}, {"exp": 4102444800}, {"iat": 0, "exp": 4102444800}])
def test_tokens_living_longer_than_the_maximum_are_refused(claims: dict[str, Any]) -> None:
    auth = Authenticator(Settings(jwt_secret="s" * 40, max_token_lifetime_hours=24))
    token = jwt.encode({"sub": "u", "role": "viewer", **claims}, "s" * 40, "HS256")
    with pytest.raises(Unauthenticated, match="longer than 24 hours"):
        auth.authenticate(f"Bearer {token}")
    fine = auth.issue(role="viewer", subject="u", ttl=timedelta(hours=24), now=utc_now())
    assert auth.authenticate(f"Bearer {fine}").subject == "u"
