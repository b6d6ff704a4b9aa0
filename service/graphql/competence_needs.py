"""A unit's development needs for a year (domain.md §6, §6.2), read from the indexed rows of
the development needs view (projections/views/development_needs)."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from projections.views.development_needs import queries as needs_queries
from service.auth import Principal
from service.graphql.competence_queries import _check_year
from service.graphql.competence_types import life_cycle_status
from service.graphql.derived_types import output_type
from service.graphql.permissions import READERS, require_role
from service.graphql.read_access import page_size as _page_size
from service.graphql.read_access import read_after as _read
from service.graphql.read_access import unit_in_scope

Unit = Annotated[str, strawberry.argument(description="The unit.")]
DueYear = Annotated[int, strawberry.argument(description="The due year.")]
OpenOnly = Annotated[bool, strawberry.argument(description="Only the needs still open.")]
AtMost = Annotated[Optional[int], strawberry.argument(  # noqa: UP045
    description="At most this many (default and cap: the page size).")]
ViewPosition = Annotated[Optional[int], strawberry.argument(  # noqa: UP045
    description="Wait until the view has applied this log position.")]


UnitDevelopmentNeed: Any = output_type(
    "UnitDevelopmentNeed", needs_queries.NeedRow, converter="of", given={"status": str},
    computed={"status": life_cycle_status})


@strawberry.type
class NeedsQuery:
    @strawberry.field(description="The development needs of a unit's servants due in a year "
                                  "(by NIP), from the indexed development needs view.")
    async def unit_development_needs(
        self, info: Info[Any, Any], unit_id: Unit, year: DueYear, open_only: OpenOnly = False,
        first: AtMost = None, min_position: ViewPosition = None,
    ) -> list[UnitDevelopmentNeed]:
        principal: Principal = require_role(info, READERS, "read career views")
        _check_year(year)
        size = _page_size(info, first)
        rows = await _read(info, ["development_needs"], min_position, lambda m: m.view_query(
            "development_needs",
            lambda c, g: needs_queries.unit_needs(c, g, unit_id, year, open_only, size)))
        if rows:
            await unit_in_scope(info, principal, unit_id, rows[0].nip)
        return [UnitDevelopmentNeed.of(r) for r in rows]
