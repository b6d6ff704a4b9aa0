"""Browser apps on other origins: preflights and responses over real HTTP (RIWAYAT_CORS_ORIGINS).

CORS is decided before any store is touched, so these run on SQLite only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.settings import Settings, SettingsError
from tests import support
from tests.support import LiveServer

ALLOWED = "https://sdm.example.go.id"
REFUSED = "https://elsewhere.example.com"


def _preflight(api: LiveServer, origin: str) -> dict[str, str]:
    response = api.client.options(
        "/graphql",
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
    )
    return {"status": str(response.status_code), **response.headers}


@pytest.fixture
def cors_api(tmp_path: Path) -> Iterator[LiveServer]:
    settings = support.test_settings(
        f"sqlite:///{tmp_path / 'riwayat.db'}", tmp_path, cors_origins=(ALLOWED,)
    )
    with LiveServer(settings) as server:
        yield server


def test_preflight_from_an_allowed_origin_permits_a_bearer_token_post(cors_api: LiveServer) -> None:
    headers = _preflight(cors_api, ALLOWED)
    assert headers["status"] == "200"
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in headers["access-control-allow-methods"]
    allowed_headers = headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers
    # A bearer token is a header, not a cookie: the browser is never told to send cookies.
    assert "access-control-allow-credentials" not in headers


def test_preflight_from_a_refused_origin_gets_no_permission(cors_api: LiveServer) -> None:
    headers = _preflight(cors_api, REFUSED)
    assert headers["status"] == "400"
    assert "access-control-allow-origin" not in headers


def test_post_with_an_allowed_origin_is_answered_readable_by_that_origin(
    cors_api: LiveServer,
) -> None:
    response = cors_api.client.post(
        "/graphql",
        json={"query": "{ projections { name } }"},
        headers={"origin": ALLOWED, "authorization": f"Bearer {cors_api.token('viewer')}"},
    )
    assert response.status_code == 200, response.text
    assert "errors" not in response.json()
    assert response.headers["access-control-allow-origin"] == ALLOWED
    # The request id is readable by the page, to quote to the operators.
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_post_with_a_refused_origin_carries_no_permission(cors_api: LiveServer) -> None:
    response = cors_api.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"origin": REFUSED}
    )
    assert "access-control-allow-origin" not in response.headers


def test_no_origin_is_allowed_when_none_is_configured(tmp_path: Path) -> None:
    settings = support.test_settings(f"sqlite:///{tmp_path / 'riwayat.db'}", tmp_path)
    with LiveServer(settings) as api:
        headers = _preflight(api, ALLOWED)
        response = api.client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"origin": ALLOWED}
        )
    assert headers["status"] != "200"
    assert "access-control-allow-origin" not in headers
    assert "access-control-allow-origin" not in response.headers


def test_origins_are_read_as_a_comma_separated_list() -> None:
    settings = Settings.from_env(
        {"RIWAYAT_CORS_ORIGINS": " https://a.example.go.id, http://localhost:5173 ,"}
    )
    assert settings.cors_origins == ("https://a.example.go.id", "http://localhost:5173")
    assert Settings.from_env({"RIWAYAT_CORS_ORIGINS": ""}).cors_origins == ()


@pytest.mark.parametrize(
    "value",
    ["sdm.example.go.id", "https://sdm.example.go.id/app", "ftp://x.example", "https://a:99999"],
)
def test_a_value_that_is_not_an_origin_is_refused_at_start(value: str) -> None:
    with pytest.raises(SettingsError, match="RIWAYAT_CORS_ORIGINS"):
        Settings.from_env({"RIWAYAT_CORS_ORIGINS": value})
