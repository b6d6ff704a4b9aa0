"""Connections built from a page of nodes: Relay's edges and page info, once for every list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from service.graphql.relay import Key, PageArgs, encode_key, keyset_slice
from service.graphql.types import Connection, Edge, PageInfo

T = TypeVar("T")


def connection_of(nodes: list[Any], cursors: list[str], has_previous: bool, has_next: bool,
                  total: int) -> Connection[Any]:
    edges = [Edge(cursor=cursor, node=node) for cursor, node in zip(cursors, nodes, strict=True)]
    return Connection(edges=edges, total_count=total, page_info=PageInfo(
        has_next_page=has_next, has_previous_page=has_previous,
        start_cursor=cursors[0] if cursors else None, end_cursor=cursors[-1] if cursors else None))


def keyset_connection(items: Sequence[T], key: Callable[[T], Key],
                      args: PageArgs) -> Connection[Any]:
    """The page ``args`` asks for of ``items`` (sorted by ``key``), with keyset cursors."""
    shown, has_previous, has_next = keyset_slice(items, key, args)
    return connection_of(list(shown), [encode_key(key(i)) for i in shown], has_previous,
                         has_next, len(items))
