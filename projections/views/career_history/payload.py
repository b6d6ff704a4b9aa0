"""An event's payload as the career rows store it: camelCase keys, JSON-ready values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any

from domain.servant import CivilServant as CS
from domain.servant import payload_fields
from projections.engine.view import jsonable, plain_converter


@cache
def _payload_keys(event_class: type[CS.Event]) -> tuple[tuple[str, str], ...]:
    return tuple((name, _camel(name)) for name in payload_fields(event_class))


def payload(event: CS.Event) -> dict[str, Any]:
    # Values as JSON has them (enums by name, dates in ISO form), ready for ``plain_json``;
    # most are strings, numbers or None, kept as they are (``plain`` per type, looked up once).
    keys = _PAYLOAD_KEYS.get(type(event))
    if keys is None:
        keys = _PAYLOAD_KEYS[type(event)] = _payload_keys(type(event))
    converters = _CONVERTERS
    out = {}
    for name, key in keys:
        value = getattr(event, name)
        convert = converters[type(value)]
        out[key] = value if convert is None else convert(value)
    return out


class _Converters(dict[type, Callable[[Any], Any] | None]):
    """Per value type, ``plain``'s conversion, or None where ``plain`` keeps the value."""

    def __missing__(self, kind: type) -> Callable[[Any], Any] | None:
        found = self[kind] = plain_converter(kind)
        return found


_PAYLOAD_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}
_CONVERTERS = _Converters()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def event_fields(event: CS.Event) -> dict[str, Any]:
    skip = {"originator_id", "originator_version", "originator_topic", "timestamp"}
    return {
        _camel(f.name): jsonable(getattr(event, f.name))
        for f in fields(event) if f.name not in skip and hasattr(event, f.name)
    }
