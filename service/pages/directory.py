"""The servant search page's form as the API's servant directory query.

The page asks ``servants(filter, first/after, last/before)`` of the GraphQL schema in process
(``PageGraph``) with the signed-in principal, so an HR token's unit scope, the input checks and
the redaction are the API's own. The form's fields are the page's query parameters; the
next/previous links carry them with the keyset cursor of the page's last or first row
(``service.pages.paging``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.ranks import Rank
from domain.values import ServantStatus
from service.pages.paging import PAGE_INFO, cursor_variables, page_links

PAGE_SIZE = 25
# The page's query parameter -> the ServantFilter input field it fills.
FILTER_FIELDS = {"q": "nameContains", "nip": "nipPrefix", "unit": "unitId", "rank": "rank",
                 "status": "status"}
RANKS = tuple(rank.name for rank in Rank)
STATUSES = tuple(status.name for status in ServantStatus)

SERVANTS = f"""query($filter: ServantFilter, $first: Int, $after: String, $last: Int,
                    $before: String) {{
  servants(filter: $filter, first: $first, after: $after, last: $last, before: $before) {{
    totalCount {PAGE_INFO}
    edges {{ node {{ nip name golongan positionName unitId unitName status }} }}
  }}
}}"""


@dataclass(frozen=True)
class Search:
    """What the form asked: the filters as typed, and at most one cursor."""

    values: dict[str, str]
    cursor: dict[str, Any]

    @classmethod
    def of(cls, params: Mapping[str, str]) -> Search:
        values = {key: params.get(key, "").strip() for key in FILTER_FIELDS}
        return cls(values, cursor_variables(params, PAGE_SIZE))

    @property
    def filter(self) -> dict[str, str]:
        """The ServantFilter input: only the fields filled in."""
        return {FILTER_FIELDS[key]: value for key, value in self.values.items() if value}

    @property
    def variables(self) -> dict[str, Any]:
        return {"filter": self.filter, **self.cursor}

    def links(self, connection: Mapping[str, Any] | None) -> dict[str, str | None]:
        return page_links(self.values, connection)
