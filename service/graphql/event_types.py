"""GraphQL payload and input types derived from the domain's event classes, so the API and
the log cannot disagree about a field. ``schema.graphql`` shows the result."""

from __future__ import annotations

import dataclasses
import types
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional, Union, get_args, get_origin

import strawberry
from strawberry.scalars import JSON

from domain.events import CareerEvent, payload_fields
from domain.kind import EventKind
from domain.kinds import event_classes, event_references, kind_of
from service.store.transcodings import DOMAIN_ENUMS

# strawberry.enum marks the domain's enum classes in place, so a field's own type is its
# GraphQL enum; the names are for the few output types that name one.
_ENUM_NOTES = {
    "PerformanceAxis": "The nine-box performance axis, from the appraisal (domain.md §6.3).",
    "PotentialAxis": "The nine-box potential axis, from the potential assessment (§6.3).",
}
ENUMS: dict[str, type[Enum]] = {
    enum.__name__: strawberry.enum(enum, description=_ENUM_NOTES.get(enum.__name__))
    for enum in DOMAIN_ENUMS
}
_SCALARS: frozenset[Any] = frozenset({date, int, str, Decimal})

CAREER_EVENT_CLASSES: tuple[type[CareerEvent], ...] = tuple(event_classes())

# Payload fields that reference another event by version are exposed as event ids.
_EVENT_REFERENCES = event_references()


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
    for name, note in kind.field_notes.items():
        if name not in fields:
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
    return strawberry.type(cls, description=f"Payload of a {event_class.__name__} event.")


PAYLOAD_TYPES: dict[type[CareerEvent], type] = {cls: _payload_type(cls) for cls in CAREER_EVENT_CLASSES}
EventPayload = Annotated[
    Union[tuple(PAYLOAD_TYPES.values())],  # noqa: UP007
    strawberry.union("EventPayload"),
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
    return strawberry.input(cls, description=kind.description or None)


@strawberry.input(description="The SK (surat keputusan) that is the event's legal basis.")
class LegalBasisInput:
    sk_number: str
    sk_date: date
    sk_official: str
    document_hash: Optional[str] = None  # noqa: UP045


def input_values(value: Any) -> dict[str, Any]:
    """An input object as a plain dict, for hashing idempotent requests."""
    return dataclasses.asdict(value)
