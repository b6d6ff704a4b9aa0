"""Every operation of the schema × every kind of caller, over HTTP: who is let in, who is
refused with UNAUTHENTICATED or FORBIDDEN, and that a refusal writes nothing.

The operations are read from the schema itself, so queries added later are covered without
editing this file; only an operation whose policy differs from the default below needs a row
in POLICY."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
)
from strawberry.utils.str_converters import to_camel_case

from domain.kinds import KINDS
from service.graphql.schema import build_schema, graphql_schema
from service.settings import Settings
from tests import support
from tests.e2e.career import NIP, Career, cpns_input, default_input
from tests.support import LiveServer, errors_of

SCHEMA = graphql_schema(build_schema(Settings()))
READERS = frozenset({"hr", "auditor", "viewer"})
LOG_READERS = frozenset({"hr", "auditor"})
AUDITORS = frozenset({"auditor"})
# Exceptions to the default policy (see expected_roles). The raw log carries personal fields.
POLICY: dict[str, frozenset[str]] = {"careerEvents": LOG_READERS, "event": LOG_READERS}
AUDIT_WORDS = ("audit", "integrity", "verify", "chain", "tamper")
PERSONAL_FIELDS = frozenset({"birthDate", "gender"})
SCALARS = {
    "String": "x",
    "Int": 1,
    "Boolean": False,
    "Date": "2020-01-01",
    "DateTime": "2020-01-01T00:00:00+00:00",
    "Decimal": "1",
    "JSON": {},
    "ID": "x",
}
NAMED_VALUES = {
    "nip": NIP,
    "id": f"{NIP}:1",
    "eventId": f"{NIP}:1",
    # Every input field naming another event (a kind's ``references``), from the declarations.
    **{to_camel_case(field): f"{NIP}:1" for kind in KINDS for field in kind.references},
    "first": 1,
    "year": 2016,
    "expectedVersion": 999,
}


def operations() -> list[tuple[str, str]]:
    roots = [("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)]
    return [(kind, name) for kind, root in roots if root is not None for name in root.fields]


def expected_roles(kind: str, name: str) -> frozenset[str]:
    if name in POLICY:
        return POLICY[name]
    if kind == "mutation":
        return frozenset({"hr"})
    if any(word in name.lower() for word in AUDIT_WORDS):
        return AUDITORS
    return READERS


def value_for(name: str, type_: GraphQLInputType, depth: int = 0) -> Any:
    """A well-typed value, so a call reaches the resolver (and its permission checks)."""
    if isinstance(type_, GraphQLNonNull):
        return value_for(name, type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        return [value_for(name, type_.of_type, depth)]
    if name in NAMED_VALUES:
        return NAMED_VALUES[name]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            field_name: value_for(field_name, field.type, depth + 1)
            for field_name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) or field_name in NAMED_VALUES
        }
    assert isinstance(type_, GraphQLScalarType)
    return SCALARS[type_.name]


def selection(
    type_: GraphQLOutputType, depth: int = 0, skip: frozenset[str] | set[str] = frozenset()
) -> str:
    """Every leaf field reachable without arguments, a few levels deep."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        members = SCHEMA.get_possible_types(named)
        # Same-named fields of different types may not share one response key: leave them out.
        types: dict[str, set[str]] = {}
        for member in members:
            for field_name, field in member.fields.items():
                types.setdefault(field_name, set()).add(str(field.type))
        extra = {field_name for field_name, seen in types.items() if len(seen) > 1}
        return "__typename " + " ".join(
            f"... on {m.name} {{ __typename {selection(m, depth, skip | extra)} }}" for m in members
        )
    if not isinstance(named, GraphQLObjectType):
        return ""
    parts = []
    for name, field in named.fields.items():
        if name in skip or any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if not isinstance(inner, GraphQLScalarType | GraphQLEnumType):
            if depth < 3 and (sub := selection(field.type, depth + 1, skip)):
                parts.append(f"{name} {{ {sub} }}")
        else:
            parts.append(name)
    return " ".join(parts)


# Links to other nodes (a history row's event): each has its own tests; followed everywhere they
# would make the documents too long. So would the typed payload unions (one member per kind of
# event), which test_typed_reads covers, a viewer's personal fields included.
LINKS = frozenset({"event", "payload", "originalPayload", "corrected"})


def call(kind: str, name: str, skip: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]]:
    """The document and variables calling one operation with every required argument."""
    root = SCHEMA.query_type if kind == "query" else SCHEMA.mutation_type
    assert root is not None
    field: GraphQLField = root.fields[name]
    args = {
        a: f
        for a, f in field.args.items()
        if isinstance(f.type, GraphQLNonNull) or a in NAMED_VALUES
    }
    variables = {a: value_for(a, f.type) for a, f in args.items()}
    if name in KNOWN_INPUTS:
        variables["input"] = {**variables["input"], **KNOWN_INPUTS[name]}
    declared = ", ".join(f"${a}: {f.type}" for a, f in args.items())
    passed = ", ".join(f"{a}: ${a}" for a in args)
    head = f"{kind}({declared})" if declared else kind
    call_args = f"({passed})" if passed else ""
    sub = selection(field.type, skip=skip | LINKS)
    return f"{head} {{ {name}{call_args}{f' {{ {sub} }}' if sub else ''} }}", variables


# Realistic inputs where the career fixtures have them; expectedVersion 999 makes an allowed
# HR call stop with VERSION_CONFLICT after the permission checks, so it writes nothing either.
KNOWN_INPUTS: dict[str, dict[str, Any]] = {
    act: {**default_input(act), "expectedVersion": 999}
    for act in (
        "appointPns",
        "promoteRank",
        "assignPosition",
        "transferInstitution",
        "recordAppraisal",
        "recordTraining",
        "recordEducation",
        "imposeDiscipline",
        "retire",
        "terminate",
    )
}
KNOWN_INPUTS["appointCpns"] = cpns_input()  # the servant exists: DUPLICATE_APPOINTMENT if let in
OPERATIONS = operations()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # Authorization does not depend on the store: SQLite keeps this matrix quick.
    tmp: Path = tmp_path_factory.mktemp("access")
    with LiveServer(support.test_settings(f"sqlite:///{tmp / 'riwayat.db'}", tmp)) as api:
        Career(api).appoint_pns()  # a KEMENKEU / KEU-01 servant every operation can target
        yield api


def refused(
    api: LiveServer,
    kind: str,
    name: str,
    code: str,
    *,
    token: str | None,
    headers: dict[str, str] | None = None,
) -> None:
    document, variables = call(kind, name)
    head = api.log_head()
    sent = headers or ({"authorization": f"Bearer {token}"} if token else {})
    response = api.client.post(
        "/graphql", json={"query": document, "variables": variables}, headers=sent
    )
    body = response.json()
    assert response.status_code == 200, body
    assert code in errors_of(body), (name, body)
    assert not (body.get("data") or {}).get(name), body
    assert api.log_head() == head, f"a refused {name} wrote to the log"


def bad_tokens(api: LiveServer) -> dict[str, dict[str, str]]:
    claims = {"sub": "mallory", "role": "auditor", "scope": ["*"], "exp": 4102444800}  # 2100
    expired = api.token("auditor", ttl=timedelta(seconds=-60))
    forged = jwt.encode(claims, "not-the-server-secret-" + "y" * 20, "HS256")
    unsigned = jwt.encode(claims, None, "none")
    superuser = jwt.encode({**claims, "role": "root"}, api.settings.jwt_secret, "HS256")
    return {
        "no-token": {},
        "not-bearer": {"authorization": f"Basic {api.token('auditor')}"},
        "expired": {"authorization": f"Bearer {expired}"},
        "bad-signature": {"authorization": f"Bearer {forged}"},
        "alg-none": {"authorization": f"Bearer {unsigned}"},
        "unknown-role": {"authorization": f"Bearer {superuser}"},
    }


@pytest.mark.parametrize(("kind", "name"), OPERATIONS, ids=[n for _, n in OPERATIONS])
def test_operation_refuses_callers_without_a_valid_token(
    server: LiveServer, kind: str, name: str
) -> None:
    for label, headers in bad_tokens(server).items():
        try:
            refused(
                server, kind, name, "UNAUTHENTICATED", token=None, headers=headers or {"x": "y"}
            )
        except AssertionError as error:
            raise AssertionError(f"{label}: {error}") from None


@pytest.mark.parametrize(("kind", "name"), OPERATIONS, ids=[n for _, n in OPERATIONS])
def test_operation_lets_in_exactly_its_roles(server: LiveServer, kind: str, name: str) -> None:
    allowed = expected_roles(kind, name)
    for role in sorted(READERS):
        token = server.token(role, scopes=("KEMENKEU",) if role == "hr" else ())
        if role not in allowed:
            refused(server, kind, name, "FORBIDDEN", token=token)
            continue
        # Personal fields are refused field by field; the viewer's own test covers them.
        document, variables = call(kind, name, PERSONAL_FIELDS if role == "viewer" else frozenset())
        head = server.log_head()
        body = server.gql(document, variables, token=token)
        codes = set(errors_of(body))
        assert not codes & {"UNAUTHENTICATED", "FORBIDDEN", "INTERNAL_SERVER_ERROR"}, (role, body)
        assert server.log_head() == head, f"{name} as {role} was meant to stop before writing"


@pytest.mark.parametrize(("kind", "name"), OPERATIONS, ids=[n for _, n in OPERATIONS])
def test_hr_token_for_another_unit_cannot_touch_the_servant(
    server: LiveServer, kind: str, name: str
) -> None:
    if "hr" not in expected_roles(kind, name) or NIP not in str(call(kind, name)[1]):
        pytest.skip(f"{name} does not address one servant")
    if name in ("node", "nodes"):
        pytest.skip("node(id:) answers null for what a token may not see (test_servant_directory)")
    refused(server, kind, name, "FORBIDDEN", token=server.token("hr", scopes=("BKN", "BKN-02")))


@pytest.mark.parametrize(
    ("kind", "name"),
    [op for op in OPERATIONS if "viewer" in expected_roles(*op)],
    ids=[n for k, n in OPERATIONS if "viewer" in expected_roles(k, n)],
)
def test_viewer_never_receives_personal_fields(server: LiveServer, kind: str, name: str) -> None:
    for personal in sorted(PERSONAL_FIELDS):  # one at a time: one refusal must not hide another
        document, variables = call(kind, name, PERSONAL_FIELDS - {personal})
        body = server.gql(document, variables, role="viewer")
        leaked = list(_personal_values(body.get("data")))
        assert not leaked, f"{name} showed a viewer {leaked}"


def _personal_values(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PERSONAL_FIELDS and value is not None:
                yield f"{key}={value}"
            yield from _personal_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from _personal_values(item)
