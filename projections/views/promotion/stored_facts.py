"""Reading stored promotion facts back (the JSON ``facts`` writes).

Each fact class is read by a decoder derived once from its fields' types, so a fact field added
in ``domain.promotion.facts`` is read back without a change here; a field missing from older
stored text takes the field's default."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from domain.promotion.facts import PromotionFacts
from projections import json_codec

Decode = Callable[[Any], Any]
_MISSING = dataclasses.MISSING


def facts_from_json(text: str) -> PromotionFacts:
    facts: PromotionFacts = _READ_FACTS(json_codec.loads(text))
    return facts


def _decoder(annotation: Any) -> Decode:
    if get_origin(annotation) in (Union, types.UnionType):
        (present,) = (a for a in get_args(annotation) if a is not type(None))
        decode = _decoder(present)
        return lambda value: None if value is None else decode(value)
    if get_origin(annotation) is tuple:
        item = _decoder(get_args(annotation)[0])
        return lambda values: tuple(map(item, values))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation.__getitem__
    if annotation is date:
        return date.fromisoformat
    if annotation is Decimal:
        return Decimal
    if dataclasses.is_dataclass(annotation):
        return _record_decoder(annotation)  # type: ignore[arg-type]
    if annotation in (str, int, bool):
        return _kept
    raise TypeError(f"no decoder for {annotation!r} in promotion facts")


def _record_decoder(cls: type[Any]) -> Decode:
    hints = get_type_hints(cls)
    fields = [
        (f.name, _decoder(hints[f.name]),
         f.default if f.default_factory is _MISSING else f.default_factory())
        for f in dataclasses.fields(cls)
    ]

    def decode(tree: dict[str, Any]) -> Any:
        values = {}
        for name, read, default in fields:
            value = tree.get(name, _MISSING)
            if value is not _MISSING:
                values[name] = read(value)
            elif default is not _MISSING:
                values[name] = default
            else:
                raise KeyError(name)
        return cls(**values)
    return decode


def _kept(value: Any) -> Any:
    return value


_READ_FACTS = _record_decoder(PromotionFacts)
