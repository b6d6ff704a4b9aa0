"""The input policy: every argument of every root field (queries and mutations, literals and
variables alike) is checked here once strawberry has converted it, before any resolver runs.

The read side stores text in PostgreSQL, which cannot hold NUL, and encodes it as UTF-8, which
cannot hold a lone surrogate; its integer columns are 32-bit. What the read side cannot hold
must never reach the log, so the write path refuses it here, and read arguments get the same
treatment so that no query reaches the database with a value it would choke on. Limits are per
field *kind* (a name, an SK number, free text...), looked up by the field's name, so a new
field of a known kind is covered without a special case."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, get_args

from strawberry.extensions import FieldExtension

from domain.errors import DomainError
from domain.events import payload_fields
from domain.kinds import KINDS, event_references

INT32 = (-(2**31), 2**31 - 1)


@dataclass(frozen=True)
class TextKind:
    max_length: int


@dataclass(frozen=True)
class NumberKind:
    low: int
    high: int


IDENTIFIER = TextKind(64)  # NIPs, unit and institution codes, event ids, position ids
NAME = TextKind(200)  # people, units, institutions, positions, programmes, organisers
DOCUMENT_NUMBER = TextKind(100)  # SK, STTPL, SPMT, pertek, certificate and diploma numbers
FREE_TEXT = TextKind(2000)  # reasons
IDEMPOTENCY_KEY = TextKind(200)
CURSOR = TextKind(200)
DIGEST = TextKind(200)  # document hashes and integrity digests
DEFAULT_TEXT = NAME

YEAR = NumberKind(1900, 2200)
TRAINING_HOURS = NumberKind(0, 2000)  # JP per training; 0 is left to the domain's own rule
MONTHS = NumberKind(0, 1200)
SERVICE_YEARS = NumberKind(0, 100)
VERSION = NumberKind(0, INT32[1])
POSITION = NumberKind(0, INT32[1])
CREDIT_SCORE = NumberKind(0, 100_000)  # angka kredit
DEFAULT_NUMBER = NumberKind(*INT32)


def _event_identifiers() -> dict[str, TextKind | NumberKind]:
    """The kinds of the event fields the declarations say are identifiers or versions: every
    input field naming another event (``references``) and the id the API shows it under, and
    every payload field holding an id (``*_id``, ``*nip``: text) or an event's version
    (``*_version``: a number). A new kind's fields are covered without a line here."""
    found: dict[str, TextKind | NumberKind] = {}
    for kind in KINDS:
        found.update(dict.fromkeys(kind.references, IDENTIFIER))
        for name, annotation in payload_fields(kind.event_class).items():
            types_held = {annotation, *get_args(annotation)}
            if str in types_held and name.endswith(("_id", "nip")):
                found[name] = IDENTIFIER
            elif int in types_held and name.endswith("_version"):
                found[name] = VERSION
    found.update(dict.fromkeys(event_references().values(), IDENTIFIER))
    return found


_EVENT_IDENTIFIERS = _event_identifiers()
TEXT_KINDS: dict[str, TextKind] = {
    **{name: kind for name, kind in _EVENT_IDENTIFIERS.items() if isinstance(kind, TextKind)},
    # Identifiers of what is not a career event: read arguments and position standards.
    **dict.fromkeys(
        ("unit", "eselon", "id", "position_id", "standard_event_id"), IDENTIFIER,
    ),
    **dict.fromkeys(
        (
            "sk_number", "sttpl_number", "spmt_number", "pertek_number", "certificate_number",
            "diploma_number",
        ),
        DOCUMENT_NUMBER,
    ),
    "reason": FREE_TEXT,
    "idempotency_key": IDEMPOTENCY_KEY,
    "after": CURSOR,
    "document_hash": DIGEST,
    "digest": DIGEST,
}
NUMBER_KINDS: dict[str, NumberKind] = {
    **{name: kind for name, kind in _EVENT_IDENTIFIERS.items() if isinstance(kind, NumberKind)},
    "year": YEAR,
    "formation_year": YEAR,
    "hours": TRAINING_HOURS,
    "duration_months": MONTHS,
    "service_months": MONTHS,
    "min_experience_months": MONTHS,
    "service_years": SERVICE_YEARS,
    "expected_version": VERSION,
    "min_position": POSITION,
    "credit_score": CREDIT_SCORE,
}
# Keys of free-form JSON objects (a correction's changes) are field names.
MAX_KEY_LENGTH = 64


def check_arguments(arguments: dict[str, Any]) -> None:
    """Raise a DomainError for the first value the policy refuses."""
    for name, value in arguments.items():
        _check(name, value)


def _check(name: str, value: Any) -> None:
    if value is None or isinstance(value, (bool, Enum)):
        return
    if isinstance(value, str):
        _check_text(name, value)
    elif isinstance(value, int):
        _check_number(name, value)
    elif isinstance(value, (Decimal, float)):
        _check_decimal(name, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            key_name = _snake(str(key))
            _check_text("changes", str(key), TextKind(MAX_KEY_LENGTH))
            _check(key_name, item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check(name, item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _check(field.name, getattr(value, field.name))


def _check_text(name: str, value: str, kind: TextKind | None = None) -> None:
    if "\x00" in value:
        raise DomainError("INVALID_TEXT", f"{_camel(name)} must not contain a NUL character.", _camel(name))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DomainError(
            "INVALID_TEXT", f"{_camel(name)} must be valid Unicode (it has a lone surrogate).",
            _camel(name),
        ) from None
    limit = (kind or TEXT_KINDS.get(name, DEFAULT_TEXT)).max_length
    if len(value) > limit:
        raise DomainError(
            "VALUE_TOO_LONG", f"{_camel(name)} is limited to {limit} characters, not {len(value)}.",
            _camel(name),
        )


def _check_number(name: str, value: int) -> None:
    kind = NUMBER_KINDS.get(name, DEFAULT_NUMBER)
    if not kind.low <= value <= kind.high:
        raise DomainError(
            "VALUE_OUT_OF_RANGE", f"{_camel(name)} must be between {kind.low} and {kind.high}.",
            _camel(name),
        )


def _check_decimal(name: str, value: Decimal | float) -> None:
    finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    kind = NUMBER_KINDS.get(name, DEFAULT_NUMBER)
    if not finite or not kind.low <= value <= kind.high:
        raise DomainError(
            "VALUE_OUT_OF_RANGE", f"{_camel(name)} must be between {kind.low} and {kind.high}.",
            _camel(name),
        )


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class InputPolicy(FieldExtension):
    """Applied to every root field by ``apply_everywhere``: checks the converted arguments
    before the resolver is called (map_arguments runs outside the resolve chain, so fields
    below the root pay nothing)."""

    def map_arguments(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        check_arguments(kwargs)
        return kwargs


def apply_everywhere(*root_types: type) -> None:
    """Give every field of the root types the policy (once, however often schemas are built)."""
    for root in root_types:
        for field in root.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            if not any(isinstance(e, InputPolicy) for e in field.extensions):
                field.extensions.append(InputPolicy())
