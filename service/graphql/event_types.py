"""GraphQL payload and input types derived from the domain's event classes, so the API and
the log cannot disagree about a field. ``schema.graphql`` shows the result."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional, Union

import strawberry
from strawberry.scalars import JSON

from domain.events import CareerEvent, EventCorrected, payload_fields
from domain.kind import EventKind
from domain.kinds import event_references, kind_of
from service.graphql.change_types import EventChanges, changes_of
from service.graphql.field_notes import act_note, field_note
from service.graphql.field_types import (
    CAREER_EVENT_CLASSES,
    ENUMS,
    EventType,
    graphql_type,
    is_optional,
)
from service.redaction import is_personal

# ENUMS and EventType are imported from here by the other type modules.
__all__ = ["CAREER_EVENT_CLASSES", "ENUMS", "EventPayload", "EventType", "LegalBasisInput",
           "PAYLOAD_TYPES", "graphql_type", "input_type", "input_values", "payload_of"]

# Payload fields that reference another event by version are exposed as event ids.
_EVENT_REFERENCES = event_references()


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
        elif is_personal(name):  # withheld (null) for the tokens that may not see them
            annotations[name] = Optional[graphql_type(annotation)]  # noqa: UP045
        else:
            annotations[name] = graphql_type(annotation)
    notes = _notes(kind_of(event_class), annotations, {})
    if event_class is EventCorrected:
        # The typed form of the changes; the JSON object stays for the clients that read it.
        annotations["corrected"] = Optional[EventChanges]  # noqa: UP045
        notes["corrected"] = strawberry.field(default=None, description=(
            "What the correction replaced, typed by the kind of the corrected event."))
        notes["changes"] = strawberry.field(description=field_note("changes"),
                                            deprecation_reason="Use corrected, which is typed.")
    cls = type(f"{event_class.__name__}Payload", (), {"__annotations__": annotations, **notes})
    return strawberry.type(
        cls, description=f"The facts a {event_class.__name__} event records. "
        + act_note(kind_of(event_class)))


PAYLOAD_TYPES: dict[type[CareerEvent], type] = {cls: _payload_type(cls) for cls in CAREER_EVENT_CLASSES}
EventPayload = Annotated[
    Union[tuple(PAYLOAD_TYPES.values())],  # noqa: UP007
    strawberry.union("EventPayload", description="The facts of an event: one type per kind of event."),
]


def payload_of(event: CareerEvent, nip: str, stream: Sequence[Any] = ()) -> Any:
    """The payload object of ``event``; ``stream`` (the servant's events, in version order)
    lets a correction say what it changed in its target's types."""
    payload_class = PAYLOAD_TYPES[type(event)]
    values: dict[str, Any] = {}
    if isinstance(event, EventCorrected):
        values["corrected"] = changes_of(event, stream)
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
        if is_optional(annotation):
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
