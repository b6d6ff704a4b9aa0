"""Connections for pages read by key (promotion candidates from the span index): the page
knows whether others come before and after it, and the total is counted only when the query
selects ``totalCount`` (it is the one figure that reads every matching row)."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from projections.views.promotion.pages import Page
from service.graphql.types import Connection, Edge, PageInfo


def selects(info: Info[Any, Any], name: str) -> bool:
    """Whether the query asks for the field ``name`` directly under the field resolved now
    (through fragments too)."""
    pending: list[Any] = list(info.selected_fields)
    while pending:
        for selection in pending.pop().selections:
            if not isinstance(selection, SelectedField):  # a fragment: its fields count as ours
                pending.append(selection)
            elif selection.name == name:
                return True
    return False


def keyset_connection(nodes: list[Any], cursors: list[str], page: Page) -> Connection[Any]:
    info = PageInfo(has_next_page=page.has_next, has_previous_page=page.has_previous,
                    start_cursor=cursors[0] if cursors else None,
                    end_cursor=cursors[-1] if cursors else None)
    edges = [Edge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    # Without totalCount in the query the total was not counted, and is never shown.
    return Connection(edges=edges, page_info=info,
                      total_count=-1 if page.total is None else page.total)
