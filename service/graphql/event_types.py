"""GraphQL payload and input types derived from the domain's event classes, so the API and
the log cannot disagree about a field. ``schema.graphql`` shows the result."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional, Union

import strawberry
from strawberry.scalars import JSON

from domain.servant import CivilServant as CS
from domain.servant import payload_fields
from service.store.transcodings import DOMAIN_ENUMS

ENUMS: dict[str, type[Enum]] = {enum.__name__: strawberry.enum(enum) for enum in DOMAIN_ENUMS}
_SCALARS: dict[str, Any] = {"date": date, "int": int, "str": str, "Decimal": Decimal}

CAREER_EVENT_CLASSES: tuple[type[CS.Event], ...] = (
    CS.CpnsAppointed,
    CS.PnsAppointed,
    CS.RankPromoted,
    CS.PositionAssigned,
    CS.InstitutionTransferred,
    CS.AppraisalRecorded,
    CS.TrainingCompleted,
    CS.EducationCompleted,
    CS.DisciplinePenaltyImposed,
    CS.DisciplinePenaltyAnnulled,
    CS.Retired,
    CS.Terminated,
    CS.EventCorrected,
    CS.EventRetracted,
)

# Payload fields that reference another event by version are exposed as event ids.
_EVENT_REFERENCES = {"penalty_version": "penalty_event_id", "target_version": "target_event_id"}
# Set by the domain from the servant's state, never taken from input.
_DERIVED_FIELDS = {"from_institution_id"}


def graphql_type(annotation: str) -> Any:
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if base.startswith("dict["):
        python_type: Any = JSON
    elif base in ENUMS:
        python_type = ENUMS[base]
    else:
        python_type = _SCALARS[base]
    return Optional[python_type] if optional else python_type  # noqa: UP045


def _payload_type(event_class: type[CS.Event]) -> type:
    annotations: dict[str, Any] = {}
    for name, annotation in payload_fields(event_class).items():
        if name in _EVENT_REFERENCES:
            annotations[_EVENT_REFERENCES[name]] = str
        else:
            annotations[name] = graphql_type(str(annotation))
    cls = type(f"{event_class.__name__}Payload", (), {"__annotations__": annotations})
    return strawberry.type(cls, description=f"Payload of a {event_class.__name__} event.")


PAYLOAD_TYPES: dict[type[CS.Event], type] = {cls: _payload_type(cls) for cls in CAREER_EVENT_CLASSES}
EventPayload = Annotated[
    Union[tuple(PAYLOAD_TYPES.values())],  # noqa: UP007
    strawberry.union("EventPayload"),
]


def payload_of(event: CS.Event, nip: str) -> Any:
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


def input_type(
    name: str,
    event_class: type[CS.Event],
    *,
    with_nip: bool = True,
    optional_tmt: bool = False,
    replace_fields: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    description: str = "",
) -> type:
    """An input object: nip, the envelope, the event's payload fields and the write options."""
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    if with_nip:
        annotations["nip"] = str
    annotations["tmt"] = Optional[date] if optional_tmt else date  # noqa: UP045
    if optional_tmt:
        defaults["tmt"] = None
    annotations["legal_basis"] = LegalBasisInput
    for field_name, annotation in payload_fields(event_class).items():
        if field_name in _DERIVED_FIELDS or field_name in (replace_fields or {}):
            continue
        annotations[field_name] = graphql_type(str(annotation))
        if str(annotation).endswith(" | None"):
            defaults[field_name] = None
    for field_name, annotation in {**(replace_fields or {}), **(extra or {})}.items():
        if annotation is None:
            continue
        annotations[field_name] = annotation
    annotations["source"] = ENUMS["Source"]
    defaults["source"] = ENUMS["Source"]["MANUAL"]
    annotations["expected_version"] = Optional[int]  # noqa: UP045
    annotations["idempotency_key"] = Optional[str]  # noqa: UP045
    defaults.update(expected_version=None, idempotency_key=None)
    # Required fields first: dataclasses need defaults last.
    ordered = dict(sorted(annotations.items(), key=lambda item: item[0] in defaults))
    cls = type(name, (), {"__annotations__": ordered, **defaults})
    return strawberry.input(cls, description=description or None)


@strawberry.input(description="The SK (surat keputusan) that is the event's legal basis.")
class LegalBasisInput:
    sk_number: str
    sk_date: date
    sk_official: str
    document_hash: Optional[str] = None  # noqa: UP045


def input_values(value: Any) -> dict[str, Any]:
    """An input object as a plain dict, for hashing idempotent requests."""
    return dataclasses.asdict(value)
