"""Request bodies as JSON with a nesting limit.

The decoder refuses documents nesting 1,024 levels or more as invalid JSON; nothing the API
takes nests deeper than a handful of levels, so deeper bodies, and those the decoder gave up
on deep inside, are refused as too deep, a client error before authentication."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException

from projections import json_codec

MAX_JSON_DEPTH = 32
TOO_DEEP = f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels."


def decode_bounded(data: str | bytes) -> Any:
    try:
        value = json_codec.loads(data)
    except json_codec.JSONDecodeError as error:
        if _nesting_at(error.doc, error.pos) > MAX_JSON_DEPTH:
            raise HTTPException(400, TOO_DEEP) from None
        raise
    if _depth(value) > MAX_JSON_DEPTH:
        raise HTTPException(400, TOO_DEEP)
    return value


def _depth(value: Any) -> int:
    deepest, pending = 0, [(value, 1)]
    while pending:  # iterative, so measuring cannot recurse either
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return deepest


def _nesting_at(text: str, end: int) -> int:
    """How many arrays and objects are open at ``text[end]``, outside strings."""
    depth, in_string, escaped = 0, False, False
    for char in text[:end]:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth
