"""The input policy's mechanics: it is on every root field, and it walks nested inputs, lists
and free-form JSON by field name."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from domain.errors import DomainError
from domain.events import payload_fields
from domain.kind import EventKind
from domain.kinds import KINDS, event_references
from service.graphql.mutations import Mutation
from service.graphql.schema import Query, build_schema
from service.input_policy import (
    IDENTIFIER,
    NUMBER_KINDS,
    TEXT_KINDS,
    VERSION,
    InputPolicy,
    check_arguments,
)
from service.settings import Settings


def test_every_query_and_mutation_field_carries_the_policy_once() -> None:
    build_schema(Settings())
    build_schema(Settings())  # building twice must not stack a second check
    for root in (Query, Mutation):
        for field in root.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            assert sum(isinstance(e, InputPolicy) for e in field.extensions) == 1, field.name


@dataclass
class Basis:
    sk_number: str


@dataclass
class Input:
    name: str
    hours: int
    legal_basis: Basis
    tags: list[str]


def _code(arguments: dict[str, object]) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as refused:
        check_arguments(arguments)
    return refused.value.code, refused.value.field


def test_nested_inputs_lists_and_json_are_checked_by_field_name() -> None:
    good = Input("Budi", 40, Basis("SK/1"), ["a"])
    check_arguments({"input": good})
    assert _code({"input": Input("Budi", 40, Basis("S" * 101), [])}) == ("VALUE_TOO_LONG", "skNumber")
    assert _code({"input": Input("Budi", 40, Basis("SK"), ["\x00"])}) == ("INVALID_TEXT", "tags")
    assert _code({"input": Input("Budi", 2001, Basis("SK"), [])}) == ("VALUE_OUT_OF_RANGE", "hours")
    assert _code({"changes": {"formationYear": 10**30}}) == ("VALUE_OUT_OF_RANGE", "formationYear")
    assert _code({"changes": {"birthPlace": "\ud800"}}) == ("INVALID_TEXT", "birthPlace")
    assert _code({"changes": {"k" * 65: 1}}) == ("VALUE_TOO_LONG", "changes")
    assert _code({"credit_score": Decimal("NaN")}) == ("VALUE_OUT_OF_RANGE", "creditScore")
    assert _code({"credit_score": Decimal("1e999")}) == ("VALUE_OUT_OF_RANGE", "creditScore")


def test_messages_never_echo_the_refused_text() -> None:
    with pytest.raises(DomainError) as refused:
        check_arguments({"name": "secret\x00value"})
    assert "secret" not in refused.value.message


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.command)
def test_every_event_id_and_version_field_of_a_kind_is_limited_as_one(
        kind: EventKind[object]) -> None:
    # Derived from the declaration, so a new kind's reference or id field needs no line.
    for input_field in kind.references:
        assert TEXT_KINDS[input_field] == IDENTIFIER, input_field
    for name in payload_fields(kind.event_class):
        if name.endswith("_version"):
            assert NUMBER_KINDS[name] == VERSION, name
            assert TEXT_KINDS[event_references()[name]] == IDENTIFIER, name
        if name.endswith("_id"):
            assert TEXT_KINDS[name] == IDENTIFIER, name
    with pytest.raises(DomainError) as refused:
        check_arguments({name: -1 for name in payload_fields(kind.event_class)
                         if name.endswith("_version")} or {"expected_version": -1})
    assert refused.value.code == "VALUE_OUT_OF_RANGE"
