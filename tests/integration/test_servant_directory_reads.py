"""The servant directory view on both stores: filters that combine, keyset pages forward and
backward over every order, and future-dated changes shown only from their TMT."""

from __future__ import annotations

import asyncio
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
import strawberry
from strawberry.tools import merge_types

from projections.read_models import ReadModels
from projections.views.servant_directory.queries import DirectoryFilter, DirectoryRequest
from service.application import Riwayat
from service.auth import Principal, utc_now
from service.graphql.directory_queries import DirectoryQuery
from service.graphql.read_queries import ReadQuery
from service.graphql.relay import global_id
from service.settings import Settings

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Seed

pytest_plugins = ["tests.integration.conftest_projections"]
TODAY = date(2026, 1, 1)


def walk(models: ReadModels, request: DirectoryRequest, backward: bool = False) -> list[str]:
    """Every NIP of ``request``'s filter, page by page (backward pages from the end)."""
    seen: list[str] = []
    cursor = None
    while True:
        if backward:
            chosen = DirectoryRequest(request.day, request.filter, request.order, request.limit,
                                      before=cursor, backward=True)
        else:
            chosen = DirectoryRequest(request.day, request.filter, request.order, request.limit,
                                      after=cursor)
        entries, more = models.servants(chosen)
        nips = [e["nip"] for e in entries]
        seen = nips + seen if backward else seen + nips
        if not more:
            return seen
        cursor = (entries[0] if backward else entries[-1]).key(chosen)


@pytest.mark.parametrize("order", [(("NAME", False),), (("RANK", True),),
                                   (("RANK_TMT", False), ("NAME", True)), (("UNIT", True),),
                                   (("NIP", False),)])
def test_paging_backward_returns_the_reverse_of_paging_forward(
        read_models: ReadModels, seed: Seed, order: tuple[tuple[str, bool], ...]) -> None:
    seed(0, 23)
    read_models.catch_up()
    request = DirectoryRequest(TODAY, order=order, limit=4)
    forward = walk(read_models, request)
    assert len(forward) == len(set(forward)) == read_models.servant_count(TODAY, DirectoryFilter())
    assert walk(read_models, request, backward=True) == forward
    everything, _ = read_models.servants(DirectoryRequest(TODAY, order=order, limit=100))
    assert [e["nip"] for e in everything] == forward


def test_filters_combine_and_match_what_each_row_holds(read_models: ReadModels,
                                                       seed: Seed) -> None:
    seed(0, 30)
    read_models.catch_up()
    everyone, _ = read_models.servants(DirectoryRequest(TODAY, limit=100))
    some = everyone[3]
    chosen = DirectoryFilter(unit_id=some["unit_id"], rank=some["rank"], status=some["status"])
    found, _ = read_models.servants(DirectoryRequest(TODAY, chosen, limit=100))
    expected = [e["nip"] for e in everyone if (e["unit_id"], e["rank"], e["status"]) ==
                (some["unit_id"], some["rank"], some["status"])]
    assert [e["nip"] for e in found] == expected and some["nip"] in expected
    word = some["name_folded"].split()[-1][1:4]
    contains, _ = read_models.servants(DirectoryRequest(TODAY, DirectoryFilter(
        name_contains=word.upper()), limit=100))
    matching = [e["nip"] for e in everyone if word in e["name_folded"]]
    assert [e["nip"] for e in contains] == matching
    # Pages of one: found by the short walk along the name index while it fills them.
    one_by_one = DirectoryRequest(TODAY, DirectoryFilter(name_contains=word), limit=1)
    assert walk(read_models, one_by_one) == matching
    assert walk(read_models, one_by_one, backward=True) == matching
    prefix, _ = read_models.servants(DirectoryRequest(TODAY, DirectoryFilter(
        nip_prefix=some["nip"][:8]), limit=100))
    assert [e["nip"] for e in prefix] == [e["nip"] for e in everyone
                                          if e["nip"].startswith(some["nip"][:8])]


def test_linked_servants_and_events_cost_one_batched_read_per_page(
        read_models: ReadModels, seed: Seed, app: Riwayat, settings: Settings) -> None:
    seed(0, 12)
    read_models.catch_up()
    schema = strawberry.Schema(query=merge_types("Q", (DirectoryQuery, ReadQuery)))
    entries, _ = read_models.servants(DirectoryRequest(date.today(), limit=100))
    ids = [global_id("Servant", e["nip"]) for e in entries]
    context: dict[str, Any] = {"services": SimpleNamespace(
        settings=settings, app=app, read_models=read_models, clock=utc_now),
        "principal": lambda: Principal("auditor-1", "auditor")}
    result = asyncio.run(schema.execute("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                                        variable_values={"ids": ids}, context_value=context))
    assert not result.errors and result.data is not None and len(result.data["nodes"]) == 12
    assert context["loaders"].calls == 1  # twelve servants, one statement
    context.pop("loaders")
    result = asyncio.run(schema.execute(
        "query($nip: String!) { careerHistory(nip: $nip) { rankPeriods { event { eventId } } "
        "positions { event { eventId } } trainings { event { eventId } } } }",
        variable_values={"nip": entries[0]["nip"]}, context_value=context))
    assert not result.errors and result.data is not None
    rows = [r for section in result.data["careerHistory"].values() for r in section]
    assert len(rows) > 2 and all(r["event"] is not None for r in rows)
    assert context["loaders"].calls == 1  # every row's event from one read of the stream
