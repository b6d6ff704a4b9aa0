"""What a correction changed, as a type per kind of corrected event.

Derived like the payloads (``event_types``): one ``<Kind>Changes`` type per correctable kind,
with every field a correction may replace, optional, and ``changedFields`` naming the ones it
did replace (so a field corrected to null is told apart from one left alone). The values are
read through the domain's own coercion, so they have the event's field types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Optional, Union

import strawberry

from domain.corrections import coerce_changes
from domain.envelope import CORRECTABLE_ENVELOPE_FIELDS
from domain.events import CORRECTION_KINDS, CareerEvent, payload_fields
from domain.kinds import kind_of
from service.graphql.field_notes import act_note, field_note
from service.graphql.field_types import CAREER_EVENT_CLASSES, graphql_type

_ENVELOPE_ANNOTATIONS: dict[str, Any] = {
    "tmt": date, "sk_number": str, "sk_date": date, "sk_official": str, "document_hash": str,
}


def correctable_fields(event_class: type[CareerEvent]) -> dict[str, Any]:
    """The fields a correction of ``event_class`` may replace, with their types."""
    kind = kind_of(event_class)
    fixed = {"nip", *kind.derived, *kind.references.values()}
    fields = {name: annotation for name, annotation in payload_fields(event_class).items()
              if name not in fixed and name not in kind.json_fields}
    fields.update({name: _ENVELOPE_ANNOTATIONS[name] for name in sorted(CORRECTABLE_ENVELOPE_FIELDS)})
    return fields


def _optional(annotation: Any) -> Any:
    typed = graphql_type(annotation)
    return typed if getattr(typed, "__origin__", None) is Union else Optional[typed]  # noqa: UP045


def _changes_type(event_class: type[CareerEvent]) -> type:
    fields = correctable_fields(event_class)
    annotations: dict[str, Any] = {"changed_fields": list[str]}
    namespace: dict[str, Any] = {"changed_fields": strawberry.field(
        description="The fields the correction replaced (camelCase); the others are null.")}
    for name, annotation in fields.items():
        annotations[name] = _optional(annotation)
        namespace[name] = strawberry.field(
            default=None, description=f"The new value, when replaced. {field_note(name) or ''}".strip())
    cls = type(f"{event_class.__name__}Changes", (), {"__annotations__": annotations, **namespace})
    return strawberry.type(cls, description=f"What a correction of a {event_class.__name__} "
                           f"event replaced. {act_note(kind_of(event_class))}")


CHANGES_TYPES: dict[type[CareerEvent], type] = {
    cls: _changes_type(cls) for cls in CAREER_EVENT_CLASSES if cls not in CORRECTION_KINDS
}
EventChanges = Annotated[  # type: ignore[valid-type]  # built from the kinds at import
    Union[tuple(CHANGES_TYPES.values())],  # noqa: UP007
    strawberry.union("EventChanges", description="What a correction replaced, typed by the kind "
                     "of the corrected event."),
]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def changes_of(event: Any, stream: Sequence[Any]) -> Any | None:
    """The typed changes of the correction ``event``, whose target is in ``stream`` (the
    servant's events in version order); None when the target cannot be found."""
    index = getattr(event, "target_version", 0) - 1
    if not 0 <= index < len(stream) or type(stream[index]) not in CHANGES_TYPES:
        return None
    return changes_for(type(stream[index]), event.changes)


def changes_for(target_class: type[CareerEvent], changes: Mapping[str, Any]) -> Any | None:
    """``changes`` (as a correction of a ``target_class`` event records them) typed."""
    if target_class not in CHANGES_TYPES:
        return None
    values = coerce_changes(target_class, dict(changes))
    return CHANGES_TYPES[target_class](changed_fields=[_camel(n) for n in values], **values)
