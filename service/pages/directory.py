"""The servant search page's form as the API's servant directory query.

The page asks ``servants(filter, first/after, last/before)`` of the GraphQL schema in process
(``PageGraph``) with the signed-in principal, so an HR token's unit scope, the input checks and
the redaction are the API's own. The form's fields are the page's query parameters; the
next/previous links carry them with the keyset cursor of the page's last or first row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from domain.ranks import Rank
from domain.values import ServantStatus

PAGE_SIZE = 25
# The page's query parameter -> the ServantFilter input field it fills.
FILTER_FIELDS = {"q": "nameContains", "nip": "nipPrefix", "unit": "unitId", "rank": "rank",
                 "status": "status"}
RANKS = tuple(rank.name for rank in Rank)
STATUSES = tuple(status.name for status in ServantStatus)

SERVANTS = """query($filter: ServantFilter, $first: Int, $after: String, $last: Int,
                    $before: String) {
  servants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { nip name golongan positionName unitId unitName status } }
  }
}"""


@dataclass(frozen=True)
class Search:
    """What the form asked: the filters as typed, and at most one cursor."""

    values: dict[str, str]
    after: str | None = None
    before: str | None = None

    @classmethod
    def of(cls, params: Mapping[str, str]) -> Search:
        values = {key: params.get(key, "").strip() for key in FILTER_FIELDS}
        return cls(values, params.get("after") or None, params.get("before") or None)

    @property
    def filter(self) -> dict[str, str]:
        """The ServantFilter input: only the fields filled in."""
        return {FILTER_FIELDS[key]: value for key, value in self.values.items() if value}

    @property
    def variables(self) -> dict[str, Any]:
        if self.before is not None:  # the previous page: the last rows before its first
            return {"filter": self.filter, "last": PAGE_SIZE, "before": self.before}
        return {"filter": self.filter, "first": PAGE_SIZE, "after": self.after}

    def link(self, cursor_name: str, cursor: str) -> str:
        """The query string of the page before or after ``cursor``, with the same filters."""
        kept = {key: value for key, value in self.values.items() if value}
        return "?" + urlencode({**kept, cursor_name: cursor})


def page_links(search: Search, connection: Mapping[str, Any] | None) -> dict[str, str | None]:
    """The previous and next links of a page of the directory (None where there is none)."""
    info = (connection or {}).get("pageInfo") or {}
    previous = search.link("before", info["startCursor"]) \
        if info.get("hasPreviousPage") and info.get("startCursor") else None
    following = search.link("after", info["endCursor"]) \
        if info.get("hasNextPage") and info.get("endCursor") else None
    return {"previous": previous, "next": following}
