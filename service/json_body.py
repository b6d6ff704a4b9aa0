"""Request bodies as JSON with a nesting limit.

Python's decoder recurses once per level and gives up near 1,000 levels with RecursionError
(an HTTP 500 before authentication); nothing the API takes nests deeper than a handful of
levels, so deeper bodies are refused as a client error."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException

from projections import json_codec

MAX_JSON_DEPTH = 32
TOO_DEEP = f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels."


def decode_bounded(data: str | bytes) -> Any:
    try:
        value = json_codec.loads_lenient(data)
    except RecursionError:
        raise HTTPException(400, TOO_DEEP) from None
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
