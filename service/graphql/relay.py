"""Relay's conventions, once for the whole schema: the ``Node`` interface with global ids
(opaque base64 of ``Type:key``), keyset cursors (a cursor names a row's place in its order,
never an offset) and pages that go forward (first/after) or backward (last/before)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Optional, TypeVar

import strawberry

from domain.errors import DomainError
from projections import json_codec

T = TypeVar("T")
# The paging arguments of every connection, declared once (strawberry reads the descriptions).
First = Annotated[Optional[int], strawberry.argument(  # noqa: UP045
    description="Page size going forward: the first rows after `after` (default the limit).")]
After = Annotated[Optional[str], strawberry.argument(  # noqa: UP045
    description="Start after this cursor (an edge's cursor or a page's endCursor).")]
Last = Annotated[Optional[int], strawberry.argument(  # noqa: UP045
    description="Page size going backward: the last rows before `before`.")]
Before = Annotated[Optional[str], strawberry.argument(  # noqa: UP045
    description="End before this cursor (an edge's cursor or a page's startCursor).")]
MinPosition = Annotated[Optional[int], strawberry.argument(  # noqa: UP045
    description="Wait (bounded) until the views have applied this log position, to read your "
    "own write.")]
Key = tuple[Any, ...]
# The key of each node type by its Python class, registered where the type's reads live.
NODE_KEYS: dict[type, Callable[[Any], str]] = {}


def global_id(type_name: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode()


def parse_global_id(value: str) -> tuple[str, str]:
    """(type name, key) of a global id; INVALID_ID when it is not one this API wrote."""
    try:
        text = base64.urlsafe_b64decode(value.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    type_name, colon, key = text.partition(":")
    if not colon or not type_name.isidentifier() or not key:
        raise DomainError("INVALID_ID", f"{value[:80]!r} is not a global id of this API.", "id")
    return type_name, key


@strawberry.interface(description="An object with a global id, which node(id:) and "
                      "nodes(ids:) fetch again under the same access rules.")
class Node:
    @strawberry.field(description="The global id: opaque, stable, unique across all types.")
    def id(self) -> strawberry.ID:
        cls = type(self)
        definition = getattr(cls, "__strawberry_definition__", None)
        name = definition.name if definition is not None else cls.__name__
        return strawberry.ID(global_id(name, NODE_KEYS[cls](self)))


def encode_key(key: Key) -> str:
    return base64.urlsafe_b64encode(b"k:" + json_codec.dumps(list(key))).decode()


def decode_key(cursor: str, argument: str, arity: int | None = None) -> Key:
    """A keyset cursor's key; INVALID_CURSOR (naming ``argument``) for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode())
        values = json_codec.loads(raw[2:]) if raw.startswith(b"k:") else None
    except (binascii.Error, ValueError, json_codec.JSONDecodeError):
        values = None
    if (not isinstance(values, list) or (arity is not None and len(values) != arity)
            or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values)):
        raise DomainError("INVALID_CURSOR", f"Cursor {cursor[:80]!r} is not valid here.", argument)
    return tuple(values)


@dataclass(frozen=True)
class PageArgs:
    """first/after or last/before, checked: a size within the limit, cursors decoded."""

    size: int
    backward: bool
    after: Key | None
    before: Key | None

    @classmethod
    def of(cls, limit: int, first: int | None, after: str | None, last: int | None = None,
           before: str | None = None, arity: int | None = None) -> PageArgs:
        if first is not None and last is not None:
            raise DomainError("INVALID_PAGE_SIZE", "Give first or last, not both.", "last")
        for name, size in (("first", first), ("last", last)):
            if size is not None and not 1 <= size <= limit:
                raise DomainError("INVALID_PAGE_SIZE", f"{name} must be between 1 and {limit}.",
                                  name)
        return cls(
            size=last if last is not None else first if first is not None else limit,
            backward=last is not None,
            after=decode_key(after, "after", arity) if after is not None else None,
            before=decode_key(before, "before", arity) if before is not None else None,
        )


def keyset_slice(items: Sequence[T], key: Callable[[T], Key],
                 args: PageArgs) -> tuple[list[T], bool, bool]:
    """The page of ``items`` (sorted ascending by ``key``, keys unique), with whether rows lie
    before and after it: the rows between the cursors, the first or last ``size`` of them."""
    chosen = [i for i in items if (args.after is None or _after(key(i), args.after))
              and (args.before is None or _after(args.before, key(i)))]
    if args.backward:
        shown = chosen[-args.size:]
        return shown, len(chosen) > args.size, args.before is not None
    return chosen[: args.size], args.after is not None, len(chosen) > args.size


def _after(left: Key, right: Key) -> bool:
    try:
        return tuple(left) > tuple(right)
    except TypeError:  # a cursor of another list (its values of other types)
        raise DomainError("INVALID_CURSOR", "The cursor belongs to another list.") from None
