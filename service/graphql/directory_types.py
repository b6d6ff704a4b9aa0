"""GraphQL types of the servant directory: the filter, the orders and the connection."""

from __future__ import annotations

from enum import Enum
from typing import Any, Optional

import strawberry

from domain.positions import PositionKind, PositionLevel
from domain.ranks import Rank
from domain.values import ServantStatus
from projections.views.servant_directory.queries import DirectoryFilter
from service.graphql.derived_types import table_enum
from service.graphql.types import Edge, PageInfo, Servant


@strawberry.input(description="Filters of the servant directory; every field given must hold "
                  "(they combine with AND). Names match without regard to case or accents.")
class ServantFilter:
    name_contains: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Part of the name, anywhere in it.")
    name_starts_with: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The beginning of the name.")
    nip_prefix: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The first digits of the NIP.")
    institution_id: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The agency (instansi) the servant belongs to today.")
    unit_id: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The work unit the servant belongs to today.")
    rank: Optional[Rank] = strawberry.field(  # noqa: UP045
        default=None, description="The rank (golongan/ruang) held today.")
    status: Optional[ServantStatus] = strawberry.field(  # noqa: UP045
        default=None, description="The status today: CPNS, PNS, retired or terminated.")
    position_kind: Optional[PositionKind] = strawberry.field(  # noqa: UP045
        default=None, description="The kind of position held today (jenis jabatan).")
    position_level: Optional[PositionLevel] = strawberry.field(  # noqa: UP045
        default=None, description="The level of the position held today.")
    functional_position: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The functional position held today, by its full name "
        "(case and accents ignored).")

    def to_query(self, scopes: tuple[str, ...] | None) -> DirectoryFilter:
        def name(value: Enum | None) -> str | None:
            return value.name if value is not None else None

        return DirectoryFilter(
            name_contains=self.name_contains, name_starts_with=self.name_starts_with,
            nip_prefix=self.nip_prefix, institution_id=self.institution_id,
            unit_id=self.unit_id, rank=name(self.rank), status=name(self.status),
            position_kind=name(self.position_kind), position_level=name(self.position_level),
            functional_position=self.functional_position, scopes=scopes,
        )


ServantOrderField: Any = table_enum("ServantOrderField")
OrderDirection: Any = table_enum("OrderDirection")


@strawberry.input(description="One key of the directory's order; ties are broken by the NIP.")
class ServantOrder:
    field: ServantOrderField = strawberry.field(description="What to order by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Ascending (the default) or descending.")


@strawberry.type(description="A page of servants with its cursors.")
class ServantConnection:
    edges: list[Edge[Servant]] = strawberry.field(description="The servants of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands in the list.")
    count: strawberry.Private[Any]

    @strawberry.field(description="How many servants match the filter (counted only when asked).")
    async def total_count(self) -> int:
        total: int = await self.count()
        return total
