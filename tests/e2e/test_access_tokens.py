"""Where tokens come from and who the log says acted: `riwayat token`, the development first
start, production refusing to start without a secret, and the actor taken from the token."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import jwt
import pytest
from graphql import GraphQLInputObjectType

from service.graphql.schema import build_schema, graphql_schema
from service.settings import Settings
from tests.e2e.career import NIP, Career, cpns_input
from tests.faults.server import RIWAYAT, Server, clean_env
from tests.support import TEST_SECRET, LiveServer, _free_port

ACTOR_WORDS = ("actor", "recordedby", "subject", "recorder", "operator")


def test_riwayat_token_issues_a_token_the_server_accepts(api: LiveServer) -> None:
    out = subprocess.run(
        [
            RIWAYAT,
            "token",
            "--role",
            "hr",
            "--sub",
            "nina@bkn",
            "--scope",
            "KEMENKEU",
            "KEU-01",
            "--ttl",
            "30m",
        ],
        env=clean_env(RIWAYAT_JWT_SECRET=TEST_SECRET),
        capture_output=True,
        text=True,
        check=True,
    )
    token = out.stdout.strip()
    claims = jwt.decode(token, TEST_SECRET, algorithms=["HS256"])
    assert (claims["sub"], claims["role"], claims["scope"]) == (
        "nina@bkn",
        "hr",
        ["KEMENKEU", "KEU-01"],
    )
    assert 29 * 60 <= claims["exp"] - claims["iat"] <= 30 * 60
    Career(api).appoint()
    body = api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=token)
    assert body["data"]["servant"]["nip"] == NIP


def test_riwayat_token_refuses_an_unknown_role_and_a_bad_ttl() -> None:
    for args in (
        ["--role", "root", "--sub", "x"],
        ["--role", "hr", "--sub", "x", "--ttl", "forever"],
    ):
        result = subprocess.run(
            [RIWAYAT, "token", *args],
            env=clean_env(RIWAYAT_JWT_SECRET=TEST_SECRET),
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, result
        assert not result.stdout.strip()


def test_actor_on_the_event_comes_from_the_token(api: LiveServer) -> None:
    token = api.token("hr", subject="officer-17")
    Career(api).post("appointCpns", cpns_input(), token=token)
    body = api.gql(
        f'{{ careerEvents(nip: "{NIP}") {{ edges {{ node {{ recordedBy {{ id role }} }} }} }} }}',
        role="auditor",
    )
    assert body["data"]["careerEvents"]["edges"][0]["node"]["recordedBy"] == {
        "id": "officer-17",
        "role": "hr",
    }


def test_no_input_lets_a_client_name_the_actor() -> None:
    schema = graphql_schema(build_schema(Settings()))
    offending = [
        f"{type_.name}.{name}"
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLInputObjectType)
        for name in type_.fields
        if any(word in name.lower() for word in ACTOR_WORDS)
    ]
    assert not offending


def test_development_first_start_writes_a_secret_and_prints_working_tokens(tmp_path: Path) -> None:
    env = clean_env(RIWAYAT_DATABASE_URL=f"sqlite:///{tmp_path / 'r.db'}")
    with Server(tmp_path, _free_port(), env) as server:
        tokens = _printed_tokens(server.output())
        secret_file = tmp_path / ".riwayat" / "jwt-secret"
        assert secret_file.stat().st_mode & 0o077 == 0, "the generated secret must be private"
        assert set(tokens) == {"hr", "auditor", "viewer"}
        body = httpx.post(
            f"{server.url}/graphql",
            json={"query": '{ servant(nip: "x") { nip } }'},
            headers={"authorization": f"Bearer {tokens['auditor']}"},
        ).json()
        assert (
            body["errors"][0]["extensions"]["code"] == "INVALID_NIP"
        )  # authenticated, then validated
        assert secret_file.read_text().strip() not in server.output()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Production mode needs RIWAYAT_JWT_SECRET"),
        ({"RIWAYAT_JWT_SECRET": "short"}, "at least 32 characters"),
        ({"RIWAYAT_JWT_ALGORITHM": "RS256"}, "RIWAYAT_JWT_PUBLIC_KEY is required"),
    ],
)
def test_production_refuses_to_start_without_a_usable_secret(
    tmp_path: Path, extra: dict[str, str], message: str
) -> None:
    env = clean_env(
        RIWAYAT_MODE="production", RIWAYAT_DATABASE_URL=f"sqlite:///{tmp_path / 'r.db'}", **extra
    )
    result = subprocess.run(
        [RIWAYAT, "serve", "--port", str(_free_port())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2, result
    assert message in result.stderr
    assert not (tmp_path / ".riwayat").exists(), (
        "production must not fall back to a generated secret"
    )


def _printed_tokens(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(hr|auditor|viewer)\s+(\S+)$", output, re.MULTILINE))
