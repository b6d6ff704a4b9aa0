"""How the views write values into their rows: JSON in the forms the views store (enums by
name, dates in ISO form, decimals as strings), and dates as ISO text remembered per day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any

from projections import json_codec


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def per_type(scalars: frozenset[type], converter_for: Callable[[type], Callable[[Any], Any]],
             ) -> Callable[[Any], Any]:
    """A conversion chosen once per value type: values of the ``scalars`` types are kept, any
    other is converted by what ``converter_for`` gives for its type (asked once per type)."""
    converters: dict[type, Callable[[Any], Any]] = {}

    def convert(value: Any) -> Any:
        kind = type(value)
        if kind in scalars:
            return value
        found = converters.get(kind)
        if found is None:
            found = converters[kind] = converter_for(kind)
        return found(value)
    return convert


_SCALARS: frozenset[type] = frozenset({str, int, bool, float, type(None)})


def plain_converter(kind: type) -> Callable[[Any], Any] | None:
    """What ``plain`` does to a value of type ``kind``: None where it returns the value."""
    return None if kind in _SCALARS else _converter(kind)


def _converter(kind: type) -> Callable[[Any], Any]:
    # The order of ``jsonable``'s checks.
    if issubclass(kind, Enum):
        return attrgetter("_name_")
    if issubclass(kind, (date, datetime)):
        return iso
    return jsonable


# ``jsonable(value)``, faster: the conversion is chosen once per type.
plain = per_type(_SCALARS, _converter)


def to_json(value: Any) -> str:
    """Compact, not ASCII-escaped JSON of ``value`` with our value types as ``jsonable`` writes
    them (enums by name, dates in ISO form, decimals as strings)."""
    return json_codec.dumps_text(jsonable(value))


def plain_json(value: Any) -> str:
    """JSON of a value built from str, int, float, bool, None, lists and str-keyed dicts only
    (what ``jsonable`` returns): no enum may reach it, as orjson would write an enum's value,
    not its name. Compact and not ASCII-escaped, like ``to_json``."""
    return json_codec.dumps_text(value)


def json_strings(values: Sequence[str]) -> str:
    """A JSON list of plain strings (event ids), without the encoder's overhead."""
    return "[" + ",".join(f'"{v}"' for v in values) + "]"


def json_ints(values: Sequence[int]) -> str:
    return "[" + ",".join(map(str, values)) + "]"


_TEXTS: dict[date, str] = {}


def iso(value: date) -> str:
    """``value.isoformat()``, remembered for dates and for naive or UTC datetimes (a view
    writes the same few thousand days and timestamps over and over; ``isoformat`` costs
    ten dict look-ups, an aware datetime's forty). Only values of those exact kinds are looked
    up, so an equal value that would be written differently (another offset) never is."""
    kind = type(value)
    if kind is date or (kind is datetime and (value.tzinfo is None  # type: ignore[attr-defined]
                                              or value.tzinfo is UTC)):  # type: ignore[attr-defined]
        text = _TEXTS.get(value)
        if text is None:
            if len(_TEXTS) >= 100_000:
                _TEXTS.clear()
            text = _TEXTS[value] = value.isoformat()
        return text
    return value.isoformat()


def day(value: date | None) -> str | None:
    return iso(value) if value is not None else None
