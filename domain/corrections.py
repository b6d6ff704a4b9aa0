"""Deciding corrections and retractions: the target must be a live original event, and the
stream they leave behind is judged as a stream with that event corrected or withdrawn."""

from __future__ import annotations

import types
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Union, get_args, get_origin

from domain.admission import judge, refuse_new_breaks
from domain.effective import Effective
from domain.envelope import CORRECTABLE_ENVELOPE_FIELDS
from domain.errors import DomainError, Warning
from domain.events import (
    CORRECTION_KINDS,
    CareerEvent,
    CpnsAppointed,
    EventCorrected,
    EventRetracted,
    payload_fields,
    with_fields,
)
from domain.fold import fold
from domain.kinds import kind_of
from domain.rules.base import Context


def admit_correction(
    events: list[CareerEvent], effective: list[Effective], candidate: EventCorrected,
    recorded_on: date,
) -> tuple[CareerEvent, list[Warning]]:
    target = _target(events, effective, candidate)
    changes = coerce_changes(type(target.event), candidate.changes)
    if not changes:
        raise DomainError("NO_CHANGES", "A correction must change at least one field.", "changes")
    corrected = with_fields(target.event, **changes)
    others = [item for item in effective if item.version != target.version]
    latest = None if isinstance(corrected, CpnsAppointed) else fold(others)
    warnings = judge(corrected, Context(None, latest, recorded_on), sequence=False)
    after = [*others, Effective(corrected, target.original, (*target.corrections, candidate))]
    warnings += refuse_new_breaks(effective, after, recorded_on, target.version)
    return with_fields(candidate, changes=changes, tmt=corrected.tmt), warnings


def admit_retraction(
    events: list[CareerEvent], effective: list[Effective], candidate: EventRetracted,
    recorded_on: date,
) -> tuple[CareerEvent, list[Warning]]:
    target = _target(events, effective, candidate)
    if isinstance(target.event, CpnsAppointed):
        raise DomainError(
            "INVALID_TARGET",
            "The CPNS appointment opens the record and cannot be retracted; correct it instead.",
            "eventId",
        )
    others = [item for item in effective if item.version != target.version]
    refuse_new_breaks(effective, others, recorded_on)
    settled = with_fields(candidate, tmt=target.event.tmt)
    return settled, judge(settled, Context(None, None, recorded_on), sequence=False)


def _target(events: list[CareerEvent], effective: list[Effective],
            candidate: EventCorrected | EventRetracted) -> Effective:
    """The effective event ``candidate`` corrects or retracts, once the candidate gives a
    reason."""
    version = candidate.target_version
    target = _target_at(events, effective, version)
    if not candidate.reason.strip():
        raise DomainError("MISSING_FIELD", "A correction or retraction needs a reason.", "reason")
    return target


def _target_at(events: list[CareerEvent], effective: list[Effective], version: int) -> Effective:
    nip = events[0].nip if isinstance(events[0], CpnsAppointed) else "?"
    if not 1 <= version <= len(events):
        raise DomainError("EVENT_NOT_FOUND", f"Servant {nip} has no event {nip}:{version}.", "eventId")
    if isinstance(events[version - 1], CORRECTION_KINDS):
        raise DomainError(
            "INVALID_TARGET",
            f"Event {nip}:{version} is itself a correction or retraction; correct the "
            "original event instead.",
            "eventId",
        )
    for item in effective:
        if item.version == version:
            return item
    raise DomainError("EVENT_RETRACTED", f"Event {nip}:{version} was retracted.", "eventId")


_ENVELOPE_TYPES: dict[str, Any] = {
    "tmt": date, "sk_number": str, "sk_date": date, "sk_official": str,
    "document_hash": str | None,
}


def coerce_changes(event_class: type[CareerEvent], changes: dict[str, Any]) -> dict[str, Any]:
    """Turn plain values (strings for dates and enum names) into the event's field types.
    Identity fields (the NIP, references to other events, fields settled from the state) would
    make another event, so they are never corrected."""
    kind = kind_of(event_class)
    fixed = {"nip", *kind.derived, *kind.references.values()}
    allowed = {name: kind for name, kind in payload_fields(event_class).items() if name not in fixed}
    allowed.update({name: _ENVELOPE_TYPES[name] for name in CORRECTABLE_ENVELOPE_FIELDS})
    result: dict[str, Any] = {}
    for name, raw in changes.items():
        if name not in allowed:
            raise DomainError(
                "UNKNOWN_FIELD",
                f"{event_class.__name__} has no correctable field {name!r}; correctable: "
                f"{', '.join(sorted(allowed))}.",
                "changes",
            )
        result[name] = _coerce(name, allowed[name], raw)
    return result


def _coerce(name: str, annotation: Any, raw: Any) -> Any:
    base, optional = _unwrap_optional(annotation)
    if raw is None:
        if optional:
            return None
        raise DomainError("INVALID_VALUE", f"Field {name!r} cannot be empty.", "changes")
    label = getattr(base, "__name__", str(base))
    try:
        if base is date:
            return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        if base is int:
            if isinstance(raw, bool) or not isinstance(raw, (int, str)):
                raise ValueError(raw)
            return int(raw)
        if base is Decimal:
            return Decimal(str(raw))
        if base is str:
            return str(raw)
        if isinstance(base, type) and issubclass(base, Enum):
            return raw if isinstance(raw, base) else base[str(raw)]
    except (ValueError, KeyError, InvalidOperation):
        raise DomainError(
            "INVALID_VALUE", f"{raw!r} is not a valid value for {name!r} ({label}).", "changes"
        ) from None
    raise DomainError("UNKNOWN_FIELD", f"Field {name!r} cannot be corrected.", "changes")


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), len(args) < len(get_args(annotation))
    return annotation, False
