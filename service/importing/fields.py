"""Reading one value of a source record (SIASN JSON or a CSV row): text, dates in SIASN's
``dd-mm-yyyy`` or ISO form, numbers and codes, each under its SIASN field name or an alias.

A value that is missing or does not read is a row error with a stable code (``MISSING_FIELD``,
``INVALID_VALUE``, ``INVALID_DATE``), the same codes admission gives a mutation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from domain.errors import DomainError

E = TypeVar("E", bound=Enum)
T = TypeVar("T")
Record = Mapping[str, Any]


def _raw(record: Record, names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if type(value) is not str or (value and not value.isspace()):
            return value
    return None


def _missing(names: tuple[str, ...]) -> DomainError:
    return DomainError("MISSING_FIELD", f"The record has no {' / '.join(names)}.", names[0])


def _required(record: Record, names: tuple[str, ...], read: Callable[[Any, str], T]) -> T:
    """``read`` of the first of ``names`` that is present and not blank; MISSING_FIELD when
    none is."""
    value = _raw(record, names)
    if value is None:
        raise _missing(names)
    return read(value, names[0])


def _optional(record: Record, names: tuple[str, ...], read: Callable[[Any, str], T]) -> T | None:
    value = _raw(record, names)
    return None if value is None else read(value, names[0])


def _stripped(value: Any, name: str) -> str:
    return str(value).strip()


def text(record: Record, *names: str) -> str:
    """A required text value: the first of ``names`` that is present and not blank."""
    return _required(record, names, _stripped)


def optional_text(record: Record, *names: str) -> str | None:
    return _optional(record, names, _stripped)


def parse_day(value: Any, name: str) -> date:
    """SIASN writes dates as ``dd-mm-yyyy``; ISO ``yyyy-mm-dd`` (and a date-time) reads too.
    Sliced by hand: ``strptime`` cost more than the rest of a record's mapping."""
    raw = str(value).strip()
    try:
        if len(raw) == 10 and raw[2] in "-/" and raw[5] == raw[2]:
            return date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))
        if len(raw) >= 10 and raw[4] == "-" and raw[7] == "-":
            return date.fromisoformat(raw[:10])
    except ValueError:
        pass
    raise DomainError("INVALID_DATE", f"{name} {raw!r} is not a date (dd-mm-yyyy).", name)


def day(record: Record, *names: str) -> date:
    return _required(record, names, parse_day)


def optional_day(record: Record, *names: str) -> date | None:
    return _optional(record, names, parse_day)


def integer(record: Record, *names: str) -> int:
    return _required(record, names, _int)


def optional_integer(record: Record, *names: str) -> int | None:
    return _optional(record, names, _int)


def _int(value: Any, name: str) -> int:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.to_integral_value():
        raise DomainError("INVALID_VALUE", f"{name} {value!r} is not a whole number.", name)
    return int(number)


def optional_decimal(record: Record, *names: str) -> Decimal | None:
    value = _raw(record, names)
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError("INVALID_VALUE", f"{names[0]} {value!r} is not a number.",
                          names[0]) from None
    return number if number.is_finite() else None


def code_of(enum: type[E], value: Any, name: str, codes: Mapping[str, E] | None = None) -> E:
    """The member named ``value``, or whose value (or first value) is ``value``, or that
    ``codes`` gives for it: SIASN ids and the domain's names both read."""
    raw = str(value).strip()
    if codes is not None and raw in codes:
        return codes[raw]
    member = _members(enum).get(raw) or _members(enum).get(raw.upper())
    if member is None:
        raise DomainError("INVALID_VALUE", f"{name} {raw!r} is not one of "
                          f"{', '.join(m.name for m in enum)}.", name)
    return cast(E, member)


@cache
def _members(enum: type[Enum]) -> dict[str, Enum]:
    by_value = {str(m.value[0] if isinstance(m.value, tuple) else m.value): m for m in enum}
    return by_value | {m.name: m for m in enum}


def coded(record: Record, enum: type[E], *names: str, codes: Mapping[str, E] | None = None) -> E:
    return _required(record, names, lambda value, name: code_of(enum, value, name, codes))


def optional_coded(record: Record, enum: type[E], *names: str,
                   codes: Mapping[str, E] | None = None) -> E | None:
    return _optional(record, names, lambda value, name: code_of(enum, value, name, codes))
