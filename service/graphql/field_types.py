"""The GraphQL types of the domain's values: its enums (marked in place), the kinds of event,
and the type of each event field, shared by the payload, input and change types."""

from __future__ import annotations

import types
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Optional, Union, cast, get_args, get_origin

import strawberry
from strawberry.scalars import JSON

from domain.events import CareerEvent
from domain.kinds import event_classes, kind_of
from service.graphql.enum_notes import ENUM_TYPE_NOTES, describe_values
from service.graphql.field_notes import act_note
from service.store.transcodings import DOMAIN_ENUMS

# strawberry.enum marks the domain's enum classes in place, so a field's own type is its
# GraphQL enum; the names are for the few output types that name one.
ENUMS: dict[str, type[Enum]] = {
    enum.__name__: strawberry.enum(enum, description=ENUM_TYPE_NOTES.get(enum.__name__))
    for enum in DOMAIN_ENUMS
}
for _enum in ENUMS.values():
    describe_values(_enum)
_SCALARS: frozenset[Any] = frozenset({date, int, str, Decimal})

CAREER_EVENT_CLASSES: tuple[type[CareerEvent], ...] = tuple(event_classes())


def _type_note(event_class: type[CareerEvent]) -> str:
    return act_note(kind_of(event_class))


# The kinds of event, named as the log names them (so the values read as before, when the
# type was a plain string).
EventType: Any = strawberry.enum(
    cast(type[Enum], Enum("EventType", {
        cls.__name__: strawberry.enum_value(cls.__name__, description=_type_note(cls))
        for cls in CAREER_EVENT_CLASSES
    })),
    description="The kind of a career event in the log.",
)

def graphql_type(annotation: Any) -> Any:
    """The GraphQL type of a payload field's Python type (``X | None`` stays optional)."""
    optional = is_optional(annotation)
    base = next(a for a in get_args(annotation) if a is not type(None)) if optional else annotation
    if get_origin(base) is dict:
        python_type: Any = JSON
    else:
        # Enums are the domain's own classes (marked by strawberry.enum above).
        assert base in _SCALARS or base in DOMAIN_ENUMS, f"no GraphQL type for {base!r}"
        python_type = base
    return Optional[python_type] if optional else python_type  # noqa: UP045


def is_optional(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)
