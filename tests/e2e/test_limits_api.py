"""The API's limits over HTTP, each with the code a client sees: query depth, aliases,
tokens, page sizes, body size, batching, GET, introspection and GraphiQL in production,
slow clients, and internal errors masked behind a request id."""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from strawberry.extensions import ParserCache, ValidationCache

from service.graphql.schema import build_schema
from service.settings import Settings
from tests import support
from tests.e2e.career import NIP, Career
from tests.e2e.test_access_matrix import OPERATIONS, SCHEMA, call
from tests.support import LiveServer, errors_of

PAGE_ARGS = ("first", "last", "limit")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp: Path = tmp_path_factory.mktemp("limits")
    settings = support.test_settings(
        f"sqlite:///{tmp / 'riwayat.db'}", tmp, request_timeout_seconds=1.5
    )
    with LiveServer(settings) as api:
        Career(api).appoint_pns()
        yield api


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp: Path = tmp_path_factory.mktemp("production")
    with LiveServer(
        support.test_settings(f"sqlite:///{tmp / 'riwayat.db'}", tmp, mode="production")
    ) as api:
        yield api


def codes(server: LiveServer, query: str, role: str = "auditor") -> list[str]:
    return errors_of(server.gql(query, role=role))


def test_query_deeper_than_the_limit_is_refused(server: LiveServer) -> None:
    limit = server.settings.max_query_depth

    def nested(levels: int) -> str:
        return '{ servant(nip: "x") ' + "{ nip " * levels + "}" * levels + " }"

    assert "QUERY_TOO_DEEP" in codes(server, nested(limit + 1))
    assert "QUERY_TOO_DEEP" not in codes(server, nested(limit))


def test_more_aliases_than_the_limit_are_refused(server: LiveServer) -> None:
    limit = server.settings.max_aliases
    assert "TOO_MANY_ALIASES" in codes(
        server, "{ " + " ".join(f"a{i}: __typename" for i in range(limit + 1)) + " }"
    )
    assert not codes(server, "{ " + " ".join(f"a{i}: __typename" for i in range(limit)) + " }")


def test_documents_over_the_token_limit_are_refused_before_parsing(server: LiveServer) -> None:
    body = server.gql("{ " + "__typename " * server.settings.max_tokens + "}")
    assert errors_of(body) == ["TOO_MANY_TOKENS"]
    assert body["errors"][0]["extensions"]["requestId"]


def test_unparseable_documents_get_a_code(server: LiveServer) -> None:
    assert errors_of(server.gql("{ servant(")) == ["GRAPHQL_PARSE_FAILED"]


def _paged() -> list[tuple[str, str, str]]:
    found = []
    for kind, name in OPERATIONS:
        root = SCHEMA.query_type if kind == "query" else SCHEMA.mutation_type
        assert root is not None
        found += [(kind, name, arg) for arg in root.fields[name].args if arg in PAGE_ARGS]
    return found


PAGED = _paged()


@pytest.mark.parametrize(("kind", "name", "arg"), PAGED, ids=[f"{n}.{a}" for _, n, a in PAGED])
def test_every_page_size_is_bounded(server: LiveServer, kind: str, name: str, arg: str) -> None:
    document, variables = call(kind, name)
    if f"${arg}" not in document:  # optional argument: declare and pass it
        head, _, rest = document.partition("{")
        declared = head.strip()
        inner = f"${arg}: Int"
        document = (
            (f"{declared[:-1]}, {inner})" if declared.endswith(")") else f"{declared}({inner})")
            + " {"
            + rest
        )
        document = (
            document.replace(f"{name}(", f"{name}({arg}: ${arg}, ", 1)
            if f"{name}(" in document
            else document.replace(f"{{ {name}", f"{{ {name}({arg}: ${arg})", 1)
        )
    for size in (server.settings.max_page_size + 1, 10**9, 0, -1):
        body = server.gql(document, {**variables, arg: size}, role="auditor")
        assert body.get("errors"), f"{name}({arg}: {size}) was answered"
        assert not {"INTERNAL_SERVER_ERROR", "GRAPHQL_VALIDATION_FAILED"} & set(errors_of(body)), (
            body
        )


def test_body_over_the_limit_is_413_whether_declared_or_streamed(server: LiveServer) -> None:
    too_big = (
        b'{"query": "{ __typename }", "pad": "' + b"x" * server.settings.max_body_bytes + b'"}'
    )
    declared = server.client.post(
        "/graphql", content=too_big, headers={"content-type": "application/json"}
    )
    streamed = server.client.post(
        "/graphql",
        content=iter([too_big[:1000], too_big[1000:]]),
        headers={"content-type": "application/json"},
    )
    for response in (declared, streamed):
        assert response.status_code == 413
        assert errors_of(response.json()) == ["REQUEST_TOO_LARGE"]


def test_batches_are_refused(server: LiveServer) -> None:
    response = server.client.post("/graphql", json=[{"query": "{ __typename }"}] * 2)
    assert response.status_code == 400
    assert errors_of(response.json()) == ["BATCHING_DISABLED"]


def test_mutations_are_never_run_over_get(server: LiveServer) -> None:
    head = server.log_head()
    query = (
        f'mutation {{ retire(input: {{nip: "{NIP}", tmt: "2050-02-01", reason: BUP, legalBasis: '
        '{skNumber: "1", skDate: "2020-01-02", skOfficial: "x"}}) { eventId } }'
    )
    response = server.client.get(
        "/graphql",
        params={"query": query},
        headers={"authorization": f"Bearer {server.token('hr')}"},
    )
    assert response.status_code == 405
    assert errors_of(response.json()) == ["MUTATION_OVER_GET"]
    assert server.log_head() == head


def test_development_serves_graphiql_and_introspection(server: LiveServer) -> None:
    page = server.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert (
        server.gql("{ __schema { queryType { name } } }")["data"]["__schema"]["queryType"]["name"]
        == "Query"
    )


def test_production_has_no_graphiql_no_get_and_no_introspection(production: LiveServer) -> None:
    assert production.client.get("/graphql", headers={"accept": "text/html"}).status_code == 405
    assert production.client.get("/graphql", params={"query": "{ __typename }"}).status_code == 405
    for probe in ("{ __schema { types { name } } }", '{ __type(name: "Servant") { name } }'):
        assert "INTROSPECTION_DISABLED" in errors_of(production.gql(probe))
    assert production.gql("{ __typename }") == {"data": {"__typename": "Query"}}


def test_parser_and_validation_caches_are_on() -> None:
    schema = build_schema(Settings())
    built = [
        factory() if not isinstance(factory, type) else factory for factory in schema.extensions
    ]
    kinds = {type(e) if not isinstance(e, type) else e for e in built}
    assert {ParserCache, ValidationCache} <= kinds


def test_slow_client_is_cut_off_by_the_request_timeout(server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
            b'content-length: 100\r\n\r\n{"query"'
        )
        started = time.monotonic()
        reply = sock.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 503"), reply
    assert '"TIMEOUT"' in reply
    assert time.monotonic() - started < server.settings.request_timeout_seconds + 3


def test_internal_errors_are_masked_and_logged_with_the_request_id(
    server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A record the code cannot read (here a row with an unknown event topic, as a damaged
    database could hold) must not leak its details to the client."""
    victim = "198505052010012002"
    from domain.servant import servant_id

    with sqlite3.connect(server.settings.sqlite_path) as db:
        db.execute(
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
            "VALUES (?, 1, 'secret.module:HiddenClass', ?)",
            (servant_id(victim).hex, b"{}"),
        )
    with caplog.at_level(logging.ERROR, logger="riwayat.errors"):
        response = server.post(f'{{ servant(nip: "{victim}") {{ nip }} }}', role="auditor")
    error = response.json()["errors"][0]
    request_id = response.headers["x-request-id"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert request_id in error["message"] and "secret" not in response.text.lower()
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
    assert logged and "secret.module" in str(logged[0].exc_info[1] if logged[0].exc_info else "")


def test_every_response_carries_a_request_id(server: LiveServer) -> None:
    for response in (
        server.client.get("/healthz"),
        server.post("{ __typename }"),
        httpx.post(
            f"{server.url}/graphql",
            content=b"not json",
            headers={"content-type": "application/json"},
        ),
    ):
        assert len(response.headers["x-request-id"]) == 16
