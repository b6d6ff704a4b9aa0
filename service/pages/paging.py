"""Keyset paging of the pages' lists: the page's query parameters as a connection's
first/after or last/before, and the previous/next links that carry the list's filters with
the cursor of the page's first or last row (never an offset)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"


def cursor_variables(params: Mapping[str, str], size: int) -> dict[str, Any]:
    """first/after, or last/before for the page before a cursor."""
    before = params.get("before") or None
    if before is not None:
        return {"last": size, "before": before}
    return {"first": size, "after": params.get("after") or None}


def page_links(kept: Mapping[str, str], connection: Mapping[str, Any] | None
               ) -> dict[str, str | None]:
    """The previous and next links of a page of a connection (None where there is none),
    keeping the filled-in ``kept`` parameters."""
    info = (connection or {}).get("pageInfo") or {}
    filled = {key: value for key, value in kept.items() if value}

    def link(name: str, cursor: str | None, more: bool | None) -> str | None:
        return "?" + urlencode({**filled, name: cursor}) if more and cursor else None

    return {"previous": link("before", info.get("startCursor"), info.get("hasPreviousPage")),
            "next": link("after", info.get("endCursor"), info.get("hasNextPage"))}
