"""Over HTTP: a Keycloak-shaped token, verified with a key from a JWKS URL, reads and writes
with the role and unit scope its claims map to; after a key rotation the new key works."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import jwt
import pytest

from service.auth import utc_now
from service.settings import Settings
from tests.e2e.career import NIP, cpns_input, mutation
from tests.support import LiveServer, errors_of
from tests.unit.test_identity_provider import JwksServer, _rsa


@pytest.fixture
def provider(settings: Settings) -> Iterator[tuple[LiveServer, JwksServer]]:
    jwks = JwksServer()
    provider_settings = replace(
        settings,
        jwt_algorithm="RS256",
        jwt_jwks_url=jwks.url,
        jwt_jwks_refresh_seconds=0,
        jwt_audience="riwayat",
        jwt_issuer="https://idp.example/realms/bkn",
        jwt_role_claim="realm_access.roles",
        jwt_role_map="riwayat-hr=hr,riwayat-auditor=auditor",
        jwt_scope_format="space-separated",
        jwt_scope_prefix="unit:",
    )
    with LiveServer(provider_settings) as api:
        yield api, jwks
    jwks.httpd.shutdown()
    jwks.httpd.server_close()


def _keycloak(key: Any, kid: str, roles: list[str], scope: str) -> str:
    now = utc_now()
    claims = {
        "sub": "f3b2-user", "aud": "riwayat", "iss": "https://idp.example/realms/bkn",
        "realm_access": {"roles": roles}, "scope": scope, "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    return jwt.encode(claims, key, "RS256", headers={"kid": kid})


def test_a_provider_token_writes_within_its_mapped_scope_and_survives_rotation(
    provider: tuple[LiveServer, JwksServer],
) -> None:
    api, jwks = provider
    old, new = _rsa(), _rsa()
    jwks.publish(("k1", old))
    hr = _keycloak(old, "k1", ["offline_access", "riwayat-hr"], "openid unit:KEMENKEU")
    body = api.gql(mutation("appointCpns"), {"input": cpns_input()}, token=hr)
    assert not body.get("errors"), body
    elsewhere = _keycloak(old, "k1", ["riwayat-hr"], "openid unit:BKN")
    assert errors_of(api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=elsewhere)) == [
        "FORBIDDEN"
    ]
    jwks.publish(("k2", new))
    auditor = _keycloak(new, "k2", ["riwayat-auditor"], "openid")
    read = api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=auditor)
    assert read == {"data": {"servant": {"nip": NIP}}}
    withdrawn = api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=hr)  # k1 is gone
    assert errors_of(withdrawn) == ["UNAUTHENTICATED"]
