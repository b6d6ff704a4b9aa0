"""GraphQL payload and input types derived from the domain's event classes, so the API and
the log cannot disagree about a field. ``schema.graphql`` shows the result."""

from __future__ import annotations

import dataclasses
import types
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional, Union, cast, get_args, get_origin

import strawberry
from strawberry.scalars import JSON

from domain.events import CareerEvent, payload_fields
from domain.kind import EventKind
from domain.kinds import event_classes, kind_of
from service.graphql.enum_notes import ENUM_TYPE_NOTES, describe_values
from service.graphql.field_notes import act_note, field_note
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

# Payload fields that reference another event by version are exposed as event ids.
_EVENT_REFERENCES = {"penalty_version": "penalty_event_id", "target_version": "target_event_id",
                     "training_version": "training_event_id"}


def graphql_type(annotation: Any) -> Any:
    """The GraphQL type of a payload field's Python type (``X | None`` stays optional)."""
    optional = _is_optional(annotation)
    base = next(a for a in get_args(annotation) if a is not type(None)) if optional else annotation
    if get_origin(base) is dict:
        python_type: Any = JSON
    else:
        # Enums are the domain's own classes (marked by strawberry.enum above).
        assert base in _SCALARS or base in DOMAIN_ENUMS, f"no GraphQL type for {base!r}"
        python_type = base
    return Optional[python_type] if optional else python_type  # noqa: UP045


def _is_optional(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(annotation)


def _notes(kind: EventKind[Any], fields: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The described fields of ``kind`` among ``fields``, keeping their defaults."""
    notes: dict[str, Any] = {}
    for name in fields:
        note = kind.field_notes.get(name) or field_note(name)
        if note is None:
            continue
        if name in defaults:
            notes[name] = strawberry.field(description=note, default=defaults[name])
        else:
            notes[name] = strawberry.field(description=note)
    return notes


def _payload_type(event_class: type[CareerEvent]) -> type:
    annotations: dict[str, Any] = {}
    for name, annotation in payload_fields(event_class).items():
        if name in _EVENT_REFERENCES:
            annotations[_EVENT_REFERENCES[name]] = str
        else:
            annotations[name] = graphql_type(annotation)
    notes = _notes(kind_of(event_class), annotations, {})
    cls = type(f"{event_class.__name__}Payload", (), {"__annotations__": annotations, **notes})
    return strawberry.type(
        cls, description=f"The facts a {event_class.__name__} event records. "
        + act_note(kind_of(event_class)))


PAYLOAD_TYPES: dict[type[CareerEvent], type] = {cls: _payload_type(cls) for cls in CAREER_EVENT_CLASSES}
EventPayload = Annotated[
    Union[tuple(PAYLOAD_TYPES.values())],  # noqa: UP007
    strawberry.union("EventPayload", description="The facts of an event: one type per kind of event."),
]


def payload_of(event: CareerEvent, nip: str) -> Any:
    payload_class = PAYLOAD_TYPES[type(event)]
    values: dict[str, Any] = {}
    for name in payload_fields(type(event)):
        value = getattr(event, name)
        if name in _EVENT_REFERENCES:
            values[_EVENT_REFERENCES[name]] = f"{nip}:{value}"
        elif isinstance(value, dict):
            values[name] = _json_safe(value)
        else:
            values[name] = value
    return payload_class(**values)


def _json_safe(value: dict[str, Any]) -> dict[str, Any]:
    return {
        key: item.name if isinstance(item, Enum) else str(item) if isinstance(item, (date, Decimal)) else item
        for key, item in value.items()
    }


def input_type(name: str, kind: EventKind[Any], *, with_nip: bool = True) -> type:
    """A kind's input object: nip, the envelope, its payload fields (references to other events
    as event ids, fields settled from the state left out) and the write options."""
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    if with_nip:
        annotations["nip"] = str
    annotations["tmt"] = Optional[date] if kind.optional_tmt else date  # noqa: UP045
    if kind.optional_tmt:
        defaults["tmt"] = None
    annotations["legal_basis"] = LegalBasisInput
    referenced = set(kind.references.values())
    for field_name, annotation in payload_fields(kind.event_class).items():
        if field_name in kind.derived or field_name in referenced or field_name in kind.json_fields:
            continue
        annotations[field_name] = graphql_type(annotation)
        if _is_optional(annotation):
            defaults[field_name] = None
    for input_field in kind.references:
        annotations[input_field] = str
    for json_field in sorted(kind.json_fields):
        annotations[json_field] = JSON
    annotations["source"] = ENUMS["Source"]
    defaults["source"] = ENUMS["Source"]["MANUAL"]
    annotations["expected_version"] = Optional[int]  # noqa: UP045
    annotations["idempotency_key"] = Optional[str]  # noqa: UP045
    defaults.update(expected_version=None, idempotency_key=None)
    # Required fields first: dataclasses need defaults last.
    ordered = dict(sorted(annotations.items(), key=lambda item: item[0] in defaults))
    described = {**defaults, **_notes(kind, ordered, defaults)}
    cls = type(name, (), {"__annotations__": ordered, **described})
    return strawberry.input(cls, description=act_note(kind))


@strawberry.input(description="The SK (surat keputusan) that is the event's legal basis.")
class LegalBasisInput:
    sk_number: str = strawberry.field(description="The SK's number.")
    sk_date: date = strawberry.field(description="The SK's date.")
    sk_official: str = strawberry.field(description="The official who signed the SK.")
    document_hash: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="A hash of the scanned SK document, if one is stored.")


def input_values(value: Any) -> dict[str, Any]:
    """An input object as a plain dict, for hashing idempotent requests."""
    return dataclasses.asdict(value)
