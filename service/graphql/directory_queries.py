"""The servant directory and Relay's ``node``/``nodes``: find servants by name, NIP, unit,
rank, status and position in every order, a page at a time from the directory's indexes; fetch
any object again by its global id, under the same access rules as the query that showed it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from projections.read_models import ReadModels
from projections.views.servant_directory.queries import (
    DirectoryFilter,
    DirectoryRequest,
)
from service.auth import ALL_UNITS, Principal
from service.graphql.directory_types import (
    OrderDirection,
    ServantConnection,
    ServantFilter,
    ServantOrder,
    ServantOrderField,
)
from service.graphql.loaders import Loaders, servant_of_entry
from service.graphql.node_fetch import fetch_node
from service.graphql.permissions import READERS, require_role
from service.graphql.read_access import read_models
from service.graphql.relay import After, Before, First, Last, Node, PageArgs, encode_key
from service.graphql.types import Edge, PageInfo

DEFAULT_ORDER = [ServantOrder(field=ServantOrderField.NAME)]
ID_LIST_LIMIT = 100
WhichServants = Annotated[ServantFilter | None, strawberry.argument(
    description="Which servants; every field given must hold.")]
ServantOrdering = Annotated[list[ServantOrder] | None, strawberry.argument(
    description="The order, most significant key first (default NAME).")]


def _scopes(principal: Principal) -> tuple[str, ...] | None:
    """The unit and agency codes an HR token is limited to; None when it sees everyone."""
    if principal.role != "hr" or ALL_UNITS in principal.scopes:
        return None
    return tuple(sorted(principal.scopes))


@strawberry.type
class DirectoryQuery:
    @strawberry.field(description="The servant directory: servants as they stand today, "
                      "filtered (filters combine) and ordered (by default by name; ties by NIP), "
                      "a page at a time. Page forward with first/after or backward with "
                      "last/before. An HR token sees the servants of its units or agencies.")
    async def servants(
        self, info: Info[Any, Any], filter: WhichServants = None, order_by: ServantOrdering = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> ServantConnection:
        principal: Principal = require_role(info, READERS, "search servants")
        models = read_models(info)
        services = info.context["services"]
        orders = order_by or DEFAULT_ORDER
        order = tuple((o.field.name, o.direction is OrderDirection.DESC) for o in orders)
        arity = len(DirectoryRequest(services.clock().date(), order=order).keys)
        args = PageArgs.of(services.settings.max_page_size, first, after, last, before, arity)
        chosen = (filter or ServantFilter()).to_query(_scopes(principal))
        request = DirectoryRequest(services.clock().date(), chosen, order, args.size,
                                   args.after, args.before, args.backward)
        entries, more = await asyncio.to_thread(models.servants, request)
        edges = [Edge(cursor=encode_key(e.key(request)), node=servant_of_entry(e))
                 for e in entries]
        backward = args.backward
        info_ = PageInfo(
            has_next_page=more if not backward else args.before is not None,
            has_previous_page=more if backward else args.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return ServantConnection(edges=edges, page_info=info_,
                                 count=_counter(models, request.day, chosen))

    @strawberry.field(description="Any object by its global id, or null when it does not "
                      "exist or the token may not see it.")
    async def node(
        self, info: Info[Any, Any],
        id: Annotated[strawberry.ID, strawberry.argument(
            description="A global id from an `id` field.")],
    ) -> Optional[Node]:  # noqa: UP045
        found: Node | None = await fetch_node(info, str(id), Loaders.of(info))
        return found

    @strawberry.field(description="Objects by their global ids, in the order given (null "
                      "where one does not exist or may not be seen); at most 100 ids.")
    async def nodes(
        self, info: Info[Any, Any],
        ids: Annotated[list[strawberry.ID], strawberry.argument(
            description="Global ids (at most 100).")],
    ) -> list[Optional[Node]]:  # noqa: UP045
        from domain.errors import DomainError

        if len(ids) > ID_LIST_LIMIT:
            raise DomainError("VALUE_OUT_OF_RANGE", f"At most {ID_LIST_LIMIT} ids.", "ids")
        loaders = Loaders.of(info)
        return list(await asyncio.gather(*(fetch_node(info, str(i), loaders) for i in ids)))


def _counter(models: ReadModels, day: Any, chosen: DirectoryFilter) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return await asyncio.to_thread(models.servant_count, day, chosen)

    return count
