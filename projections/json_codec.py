"""The one JSON codec of the service and the projections: every JSON text they read or write
goes through here (``tests/unit/test_json_codec.py`` refuses any other ``json`` or ``orjson``
import in ``service/`` and ``projections/``). It lives in ``projections`` because the
projections may not import the service, and both need it.

Three forms, for three purposes:

- ``dumps``, ``dumps_text``, ``pretty_text`` and ``loads`` are orjson, for what is only read
  back or shown: responses, cursors, view rows, stored results, command output, logs, files.
  UTF-8 (not ASCII-escaped), dates and datetimes in ISO form, ``default`` for other types.
- ``readable_text`` is the form people read inside other text (a report's cell, a page, a
  checkpoint to save): keys sorted, spaces after ``,`` and ``:``, which orjson cannot write.
- ``canonical_bytes`` is the one form of everything hashed: the hash chain's event hashes,
  checkpoint digests, audit packages' leaf hashes and idempotency request hashes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

JSONDecodeError = orjson.JSONDecodeError  # a ValueError, and a ``json.JSONDecodeError``
_dumps = orjson.dumps
_INDENT = orjson.OPT_INDENT_2


def dumps(value: Any, default: Callable[[Any], Any] | None = None) -> bytes:
    """Compact UTF-8 JSON of ``value``. Refuses (``TypeError``) non-string keys and integers
    beyond 64 bits."""
    return _dumps(value, default)


def dumps_text(value: Any, default: Callable[[Any], Any] | None = None) -> str:
    """``dumps`` as text, for columns and log lines (on every view row: kept to one call)."""
    return _dumps(value, default).decode()


def dumps_sorted(value: Any) -> bytes:
    """``dumps`` with keys sorted, so equal structures give equal bytes (a cache key)."""
    return _dumps(value, option=orjson.OPT_SORT_KEYS)


def pretty_text(value: Any) -> str:
    """``dumps`` laid out two spaces a level, for people: command output and saved files."""
    return _dumps(value, option=_INDENT).decode()


def readable_text(value: Any) -> str:
    """``{"a": 1, "b": "Đặng"}``: keys sorted, a space after each separator, not
    ASCII-escaped, anything not JSON (a Decimal, a date) as its ``str``. The exports' cells
    and the pages show structures so, and a checkpoint is handed out so to be saved."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# The value of a JSON text (str, bytes, bytearray or memoryview), orjson's own function so
# that decoding every stored event pays no extra call. Stricter than ``json.loads`` (no NaN,
# no lone surrogates, no integers beyond 64 bits, UTF-8 only): it raises ``JSONDecodeError``
# where that accepts.
loads: Callable[[str | bytes | bytearray | memoryview], Any] = orjson.loads


def loads_lenient(data: str | bytes) -> Any:
    """``loads``, and what only the standard library accepts (a lone surrogate such as
    ``"\\ud800"``, NaN, integers beyond 64 bits, nesting deep enough for ``RecursionError``)
    as ``json.loads`` reads it: for request bodies, where the input policy, not the parser,
    refuses such text with its own code, and for files and stored events written before."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def canonical_bytes(value: Any) -> bytes:
    """The canonical JSON of a hashed value: keys sorted, no spaces, ASCII only, anything
    else (a date, a Decimal, a UUID) as its ``str``.

    This form is fixed: the hash chain of every stored log, the checkpoints auditors saved,
    the audit packages already exported and the request hashes of recorded idempotency keys
    were all computed over exactly these bytes, and must still verify. Change one byte and
    they all fail. It stays the standard library's encoder, because orjson with
    ``OPT_SORT_KEYS`` writes other bytes for the same values: it never escapes non-ASCII
    (names such as "Müller" or "Đặng", an emoji, U+007F), it writes a datetime with ``T``
    where ``str`` puts a space, it formats floats differently (``1e-7``, not ``1e-07``), writes
    NaN as ``null``, and refuses integers beyond 64 bits. ``tests/unit/test_json_codec.py``
    pins these bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      default=str).encode("ascii")
