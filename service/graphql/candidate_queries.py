"""Promotion candidates (domain.md §8): servants ranked by merit or NIP, a keyset page at a
time, forward (first/after) or backward (last/before)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from projections.read_models import ReadModels
from projections.views.promotion.candidates import ORDERS, start_after
from projections.views.promotion.candidates import decode_cursor as decode_key_cursor
from projections.views.promotion.candidates import encode_cursor as encode_key_cursor
from projections.views.promotion.candidates import end_before as _before
from projections.views.promotion.pages import PageRequest, covers
from service.auth import Principal
from service.graphql.keyset_pages import keyset_connection, selects
from service.graphql.paging import connection_of
from service.graphql.permissions import READERS, require_role
from service.graphql.promotion_types import CandidateFilter, CandidateOrder, PromotionAssessment
from service.graphql.read_access import PROMOTION, page_limit, read_after, today
from service.graphql.relay import After, Before, First, Last, MinPosition, PageArgs
from service.graphql.types import Connection

WhichCandidates = Annotated[CandidateFilter | None, strawberry.argument(
    description="Which servants, on which day.")]
CandidateOrdering = Annotated[CandidateOrder, strawberry.argument(
    description="Merit (the default) or NIP.")]


def _size(info: Info[Any, Any], first: int | None, last: int | None) -> int:
    """The page size (the candidates' cursors are their own, decoded by the view)."""
    return PageArgs.of(page_limit(info), first, None, last, None).size


@strawberry.type
class CandidateQuery:
    @strawberry.field(description="Promotion candidates ranked by merit (the merit score of the "
                      "promotion assessment): higher score first, "
                      "then earlier rank TMT, then earlier position TMT. Page forward with "
                      "first/after or backward with last/before.")
    async def promotion_candidates(
        self, info: Info[Any, Any], filter: WhichCandidates = None,
        order_by: CandidateOrdering = CandidateOrder.MERIT,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
        min_position: MinPosition = None,
    ) -> Connection[PromotionAssessment]:
        chosen = filter or CandidateFilter()
        principal: Principal = require_role(info, READERS, "read career views")
        size = _size(info, first, last)
        day = today(info, chosen.as_of)
        rank_name = chosen.rank.name if chosen.rank is not None else None
        unit_id = chosen.unit_id if chosen.unit_id is not None else chosen.unit

        def indexed(models: ReadModels) -> Connection[PromotionAssessment]:
            scopes = None
            if principal.role == "hr" and not principal.covers("*"):
                scopes = tuple(sorted(principal.scopes))
            request = PageRequest(
                day, unit_id=unit_id, rank=rank_name, eligible_only=chosen.eligible_only,
                order=order_by.value, after=decode_key_cursor(after) if after else None,
                scopes=scopes, limit=size, count_total=selects(info, "totalCount"),
            )
            shown, earliest, page = models.promotion_page(request)
            nodes = [PromotionAssessment.from_candidate(c, earliest[c.nip]) for c in shown]
            cursors = [encode_key_cursor(c.sort_key) for c in shown]
            return keyset_connection(nodes, cursors, page)

        def read(models: ReadModels) -> Connection[PromotionAssessment]:
            ranked = models.promotion_candidates(
                day, unit_id=unit_id, rank_name=rank_name,
                eligible_only=chosen.eligible_only, order=order_by.value,
            )
            if principal.role == "hr" and not principal.covers("*"):
                institutions = models.institutions()
                ranked = [c for c in ranked
                          if principal.covers(c.unit_id, institutions.get(c.nip, ""))]
            begin = start_after(ranked, after)
            end = _before(ranked, before) if before else len(ranked)
            start = max(begin, end - size) if last is not None else begin
            shown = ranked[start : min(end, start + size)]
            nodes = [PromotionAssessment.from_candidate(c, c.earliest_eligible()) for c in shown]
            cursors = [encode_key_cursor(c.sort_key) for c in shown]
            return connection_of(nodes, cursors, start > 0, start + len(shown) < len(ranked),
                                 len(ranked))

        # Within the spans' horizon a forward page is an index read; before it (a date earlier
        # than HORIZON_FROM), and for backward pages, the ranking is read whole (cached per
        # generation), as for knownAt reads.
        forward = last is None and before is None
        chosen_read = indexed if forward and covers(day) and order_by.value in ORDERS else read
        return await read_after(info, PROMOTION, min_position, chosen_read)
