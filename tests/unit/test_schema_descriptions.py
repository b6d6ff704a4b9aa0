"""Every part of the public schema carries a description a client can read on its own.

The check runs over the live schema's SDL (strawberry's ``as_str``, built back with
graphql-core), so it sees exactly what introspection and ``schema.graphql`` show. Each
failure names the schema coordinate and the Python module that declares the type, so the
owner knows where to write the words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
)
from graphql.type import specified_scalar_types
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from service.graphql.schema import build_schema as build_riwayat_schema
from service.settings import Settings

# A client sees neither the repository nor its documents: names of files, modules and
# sections of internal papers mean nothing to it.
_FILE_REFERENCE = re.compile(r"\b[\w/.-]+\.(?:md|py|graphql|toml|json|csv|txt)\b|§|\bdomain\.md\b")


def _strawberry_schema():  # type: ignore[no-untyped-def]
    return build_riwayat_schema(Settings())


@pytest.fixture(scope="module")
def schemas():  # type: ignore[no-untyped-def]
    live = _strawberry_schema()
    return live, build_schema(live.as_str())


def _own_types(schema: GraphQLSchema) -> Iterator[GraphQLNamedType]:
    for name, named in sorted(schema.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        yield named


def _parts(named: GraphQLNamedType) -> Iterator[tuple[str, str | None]]:
    """(schema coordinate, description) of the type and each of its members."""
    yield named.name, named.description
    if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType)):
        for field_name, field in named.fields.items():
            yield f"{named.name}.{field_name}", field.description
            for arg_name, arg in field.args.items():
                yield f"{named.name}.{field_name}({arg_name}:)", arg.description
    elif isinstance(named, GraphQLInputObjectType):
        for field_name, input_field in named.fields.items():
            yield f"{named.name}.{field_name}", input_field.description
    elif isinstance(named, GraphQLEnumType):
        for value_name, value in named.values.items():
            yield f"{named.name}.{value_name}", value.description
    elif isinstance(named, GraphQLUnionType):
        return


def _root_modules() -> dict[str, str]:
    """Root field name -> module of the query or mutation class that declares it."""
    from service.graphql import schema as assembled

    roots: dict[str, str] = {}
    for part in vars(assembled).values():
        definition = get_object_definition(part) if isinstance(part, type) else None
        if definition is None or part is assembled.Query or part is assembled.Mutation:
            continue
        for field in definition.fields:
            roots.setdefault(field.name, part.__module__)
            roots.setdefault(to_camel_case(field.name), part.__module__)
    return roots


def _module_of(live, coordinate: str) -> str:  # type: ignore[no-untyped-def]
    type_name, _, member = coordinate.partition(".")
    if type_name in ("Query", "Mutation", "Subscription") and member:
        return _root_modules().get(member.split("(")[0], "?")
    definition = live.get_type_by_name(type_name)
    # A generic's concrete type (a Connection of X) is declared where the generic is.
    definition = getattr(definition, "concrete_of", None) or definition
    origin = getattr(definition, "origin", None) or getattr(definition, "wrapped_cls", None)
    return getattr(origin, "__module__", "?") if origin is not None else "?"


def _report(live, failures: list[tuple[str, str]]) -> str:  # type: ignore[no-untyped-def]
    by_module: dict[str, list[str]] = {}
    for coordinate, problem in failures:
        module = _module_of(live, coordinate)
        by_module.setdefault(module, []).append(f"  {coordinate}: {problem}")
    lines = [f"{len(failures)} schema parts need a description a client can use:"]
    for module in sorted(by_module):
        lines.append(f"{module} ({len(by_module[module])}):")
        lines.extend(by_module[module])
    return "\n".join(lines)


def test_every_type_field_argument_and_enum_value_has_a_description(schemas) -> None:  # type: ignore[no-untyped-def]
    live, schema = schemas
    failures = [
        (coordinate, "no description")
        for named in _own_types(schema)
        for coordinate, description in _parts(named)
        if not (description or "").strip()
    ]
    assert not failures, _report(live, failures)


def test_no_description_points_to_files_a_client_cannot_see(schemas) -> None:  # type: ignore[no-untyped-def]
    live, schema = schemas
    failures = [
        (coordinate, f"mentions {_FILE_REFERENCE.search(description).group(0)!r}")  # type: ignore[union-attr]
        for named in _own_types(schema)
        for coordinate, description in _parts(named)
        if description and _FILE_REFERENCE.search(description)
    ]
    assert not failures, _report(live, failures)


def test_the_lint_sees_a_missing_description() -> None:
    # The check itself must be able to fail: a bare type is reported, a described one is not.
    bare = build_schema('type Query { "Described." a: Int, b(x: Int): Int }')
    found = {c for n in _own_types(bare) for c, d in _parts(n) if not d}
    assert found == {"Query", "Query.b", "Query.b(x:)"}
    assert _FILE_REFERENCE.search("See domain.md §5.") is not None
    assert _FILE_REFERENCE.search("The SK number, e.g. 800/123/2020.") is None
