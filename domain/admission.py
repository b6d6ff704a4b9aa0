"""Admission of a new event: its own rules, then the whole stream folded with it."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from domain import discipline, values
from domain.envelope import CORRECTABLE_ENVELOPE_FIELDS
from domain.errors import DomainError, Warning
from domain.servant import CORRECTION_KINDS, payload_fields
from domain.servant import CivilServant as CS
from domain.state import Effective, effective_events, fold
from domain.validation import validate

# Identity fields: changing them would make another servant, so they are never corrected.
_UNCORRECTABLE = frozenset({"nip", "penalty_version", "from_institution_id"})


def admit_appointment(candidate: CS.CpnsAppointed) -> list[Warning]:
    return validate(candidate, None, candidate.timestamp.date())


def admit(servant: CS, candidate: CS.Event, recorded_on: date) -> tuple[CS.Event, list[Warning]]:
    """Raise DomainError unless ``candidate`` may follow the servant's stream."""
    effective = effective_events(servant.events)
    if isinstance(candidate, CS.EventCorrected):
        return _admit_correction(servant, effective, candidate, recorded_on)
    if isinstance(candidate, CS.EventRetracted):
        return _admit_retraction(servant, effective, candidate, recorded_on)
    if isinstance(candidate, CS.InstitutionTransferred):
        current = fold(effective, valid_at=candidate.tmt)
        candidate = _replace(candidate, from_institution_id=current.institution_id)
    warnings = validate(candidate, fold(effective), recorded_on)
    fold([*effective, Effective(candidate, candidate, ())])
    return candidate, warnings


def _target(servant: CS, effective: list[Effective], version: int) -> Effective:
    original = servant.event_at(version)
    if original is None:
        raise DomainError(
            "EVENT_NOT_FOUND", f"Servant {servant.nip} has no event {servant.nip}:{version}.", "eventId"
        )
    if isinstance(original, CORRECTION_KINDS):
        raise DomainError(
            "INVALID_TARGET",
            f"Event {servant.nip}:{version} is itself a correction or retraction; correct the "
            "original event instead.",
            "eventId",
        )
    for item in effective:
        if item.version == version:
            return item
    raise DomainError(
        "EVENT_RETRACTED", f"Event {servant.nip}:{version} was retracted.", "eventId"
    )


def _admit_correction(
    servant: CS, effective: list[Effective], candidate: CS.EventCorrected, recorded_on: date
) -> tuple[CS.Event, list[Warning]]:
    target = _target(servant, effective, candidate.target_version)
    _require_reason(candidate.reason)
    changes = coerce_changes(type(target.event), candidate.changes)
    if not changes:
        raise DomainError("NO_CHANGES", "A correction must change at least one field.", "changes")
    corrected = _replace(target.event, **changes)
    others = [item for item in effective if item.version != target.version]
    if isinstance(corrected, CS.CpnsAppointed):
        warnings = validate(corrected, None, recorded_on)
    else:
        warnings = validate(corrected, fold(others), recorded_on)
    fold([*others, Effective(corrected, target.original, (*target.corrections, candidate))])
    settled = _replace(candidate, changes=changes, tmt=corrected.tmt)
    return settled, warnings


def _admit_retraction(
    servant: CS, effective: list[Effective], candidate: CS.EventRetracted, recorded_on: date
) -> tuple[CS.Event, list[Warning]]:
    target = _target(servant, effective, candidate.target_version)
    _require_reason(candidate.reason)
    if isinstance(target.event, CS.CpnsAppointed):
        raise DomainError(
            "INVALID_TARGET",
            "The CPNS appointment opens the record and cannot be retracted; correct it instead.",
            "eventId",
        )
    others = [item for item in effective if item.version != target.version]
    fold(others)
    warnings = validate(_replace(candidate, tmt=target.event.tmt), None, recorded_on)
    return _replace(candidate, tmt=target.event.tmt), warnings


def _replace(event: Any, **changes: Any) -> Any:
    """A copy of a frozen event with some fields replaced (the event classes are dataclasses)."""
    return dataclasses.replace(event, **changes)


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError("MISSING_FIELD", "A correction or retraction needs a reason.", "reason")


def coerce_changes(event_class: type[CS.Event], changes: dict[str, Any]) -> dict[str, Any]:
    """Turn plain values (strings for dates and enum names) into the event's field types."""
    allowed = {
        name: kind for name, kind in payload_fields(event_class).items() if name not in _UNCORRECTABLE
    }
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
        result[name] = _coerce(name, str(allowed[name]), raw)
    return result


_ENVELOPE_TYPES = {
    "tmt": "date", "sk_number": "str", "sk_date": "date", "sk_official": "str",
    "document_hash": "str | None",
}
_ENUMS: dict[str, type[Enum]] = {
    name: obj
    for module in (values, discipline)
    for name, obj in vars(module).items()
    if isinstance(obj, type) and issubclass(obj, Enum)
}


def _coerce(name: str, annotation: str, raw: Any) -> Any:
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if raw is None:
        if optional:
            return None
        raise DomainError("INVALID_VALUE", f"Field {name!r} cannot be empty.", "changes")
    try:
        if base == "date":
            return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        if base == "int":
            if isinstance(raw, bool) or not isinstance(raw, (int, str)):
                raise ValueError(raw)
            return int(raw)
        if base == "Decimal":
            return Decimal(str(raw))
        if base == "str":
            return str(raw)
        if base in _ENUMS:
            enum = _ENUMS[base]
            return raw if isinstance(raw, enum) else enum[str(raw)]
    except (ValueError, KeyError, InvalidOperation):
        raise DomainError(
            "INVALID_VALUE", f"{raw!r} is not a valid value for {name!r} ({base}).", "changes"
        ) from None
    raise DomainError("UNKNOWN_FIELD", f"Field {name!r} cannot be corrected.", "changes")
