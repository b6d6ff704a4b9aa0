"""Output types made from the domain's records, described from one table.

A type's fields, in order, and every description come from ``descriptions.toml`` (a table per
type: ``description``, then ``fields`` or, for an enum, ``values``; ``fields_of`` names a type
whose fields come first). Each field's type comes from the record's type hints, so the API and
the record cannot drift apart: a tuple or frozenset becomes a list, ``X | None`` stays
optional, a record or enum with a GraphQL type of its own (``stands_for``) becomes that type.
``from_domain`` copies the values by the same rules.

mypy sees a made type as ``Any``: its fields exist only once the table is read, at import."""

from __future__ import annotations

import tomllib
import types
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Optional, TypeVar, Union, cast, get_args, get_origin, get_type_hints

import strawberry

from service.graphql.enum_notes import describe_values

_TABLE: dict[str, Any] = tomllib.loads(
    Path(__file__).with_name("descriptions.toml").read_text(encoding="utf-8"))

# The GraphQL type that stands for a domain record or enum in the API.
_STANDS_FOR: dict[Any, Any] = {}

# strawberry.Private as a value: mypy takes a subscript of it for a type expression.
_PRIVATE: Any = strawberry.Private

EnumType = TypeVar("EnumType", bound=type[Enum])

# A nullable string, the most common field type the declarations give.
OPTIONAL_TEXT: Any = Optional[str]  # noqa: UP045


def description(type_name: str) -> str:
    """The description of a type as the table gives it."""
    note: str = _TABLE[type_name]["description"]
    return note


def field_descriptions(type_name: str) -> dict[str, str]:
    """A type's fields in schema order, with their descriptions: first those of the type its
    ``fields_of`` names, if it has one, then its own."""
    table = _TABLE[type_name]
    fields: dict[str, str] = table["fields"]
    return field_descriptions(table["fields_of"]) | fields if "fields_of" in table else fields


def stands_for(domain: Any, graphql: Any) -> None:
    """Show ``domain`` (a record or an enum) as ``graphql`` wherever a record names it."""
    _STANDS_FOR[domain] = graphql


def described_enum(enum: EnumType) -> EnumType:
    """Mark a GraphQL-only enum, with its own and its values' descriptions from the table."""
    values: dict[str, str] = _TABLE[enum.__name__]["values"]
    # A value the table does not describe, or describes but the enum lacks, is a mistake.
    assert set(values) == {member.name for member in enum}, enum.__name__
    strawberry.enum(enum, description=description(enum.__name__))
    describe_values(enum, values)
    return enum


def table_enum(name: str) -> Any:
    """A GraphQL-only enum whose values (each its own name) are those the table describes."""
    values = {value: value for value in _TABLE[name]["values"]}
    return described_enum(cast(type[Enum], Enum(name, values)))


def _unwrap(hint: Any) -> tuple[bool, Any, Any]:
    """(optional, origin, the hint without None) of a type hint."""
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and type(None) in args:
        base = next(a for a in args if a is not type(None))
        return True, get_origin(base), base
    return False, get_origin(hint), hint


def graphql_of(hint: Any) -> Any:
    """The GraphQL type of a record's field."""
    optional, origin, base = _unwrap(hint)
    if origin in (tuple, list, frozenset):
        found: Any = list[graphql_of(get_args(base)[0])]  # type: ignore[misc]
    else:
        found = _STANDS_FOR.get(base, base)
    return Optional[found] if optional else found  # noqa: UP045


def value_of(hint: Any, value: Any) -> Any:
    """A record's value as the GraphQL type of its field (``graphql_of``) holds it."""
    return None if value is None else _conversion(hint)(value)


@cache
def _conversion(hint: Any) -> Callable[[Any], Any]:
    """How a value of ``hint`` converts, worked out once per hint: a page of candidates
    converts thousands of values, and analysing the hint each time was most of its cost.
    Asked only at request time, when every type has said what it stands for."""
    _, origin, base = _unwrap(hint)
    if origin in (tuple, list, frozenset):
        item = get_args(base)[0]
        if origin is frozenset:
            return lambda value: sorted(value_of(item, member) for member in value)
        return lambda value: [value_of(item, member) for member in value]
    target = _STANDS_FOR.get(base)
    if target is None:
        return _same
    # The GraphQL enum's values are the domain's; a record converts by its type's from_domain.
    return lambda value: target(value.value) if isinstance(value, Enum) else target.from_domain(value)


def _same(value: Any) -> Any:
    return value


def _hints(record: type) -> dict[str, Any]:
    """The record's fields and properties with their types."""
    hints = get_type_hints(record)
    for name, member in vars(record).items():
        if isinstance(member, property) and member.fget is not None:
            hints.setdefault(name, get_type_hints(member.fget).get("return"))
    return hints


def _copied(source: str) -> Callable[[Any], Any]:
    return lambda found: getattr(found, source)


def _converted(source: str, hint: Any) -> Callable[[Any], Any]:
    return lambda found: value_of(hint, getattr(found, source))


def output_type(
    name: str,
    record: type | None = None,
    *,
    renamed: Mapping[str, str] | None = None,
    given: Mapping[str, Any] | None = None,
    computed: Mapping[str, Callable[[Any], Any]] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    resolved: Mapping[str, Callable[..., Any]] | None = None,
    private: Mapping[str, Any] | None = None,
    bases: tuple[type, ...] = (),
    converter: str = "from_domain",
) -> Any:
    """The strawberry type ``name``: its fields those of the table, typed by ``given`` or
    else by ``record``'s field of the same name (``renamed`` maps the API's name to the
    record's). ``computed`` reads a value that is not a plain copy; ``options`` are further
    ``strawberry.field`` arguments (a default, permissions, a deprecation). A ``resolved``
    field is its resolver's (typed by its return); ``private`` fields are kept off the
    schema. ``converter`` names the classmethod that makes the type's value from a record."""
    renamed, given, computed = renamed or {}, given or {}, computed or {}
    hints = _hints(record) if record is not None else {}
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    readers: dict[str, Callable[[Any], Any]] = {}
    options, resolved = options or {}, resolved or {}
    for field, note in field_descriptions(name).items():
        source = renamed.get(field, field)
        if field in resolved:
            namespace[field] = strawberry.field(
                resolver=resolved[field], description=note, **options.get(field, {}))
            continue
        if field in given:
            annotations[field] = given[field]
            readers[field] = computed.get(field) or _copied(source)
        else:
            hint = hints[source]
            annotations[field] = graphql_of(hint)
            readers[field] = computed.get(field) or _converted(source, hint)
        namespace[field] = strawberry.field(description=note, **options.get(field, {}))
    for field, hint in (private or {}).items():
        annotations[field] = _PRIVATE[hint]
        if "default" in options.get(field, {}):
            namespace[field] = options[field]["default"]

    def from_domain(cls: Any, found: Any, /, **values: Any) -> Any:
        """The type's value for a record; ``values`` stand in for fields read otherwise."""
        for field, read in readers.items():
            if field not in values:
                values[field] = read(found)
        return cls(**values)

    namespace["__annotations__"] = annotations
    # from_domain is what a record naming this one converts by; ``converter`` the callers' name.
    namespace["from_domain"] = namespace[converter] = classmethod(from_domain)
    made = strawberry.type(type(name, bases, namespace), description=description(name))
    if record is not None:
        stands_for(record, made)
    return made
