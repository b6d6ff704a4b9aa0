"""The development needs view against the read path the plans use, on both stores: on
generated careers (every assessment carries the standard admission found) the view's rows are
the needs ``servant_record`` folds from the servant's stream and the standard streams."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from projections.read_models import ReadModels
from projections.views.development_needs import queries as needs_queries
from service.application import Riwayat
from service.sample.careers import build_servants
from service.standard_reads import servant_record

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Seed

pytest_plugins = ["tests.integration.conftest_projections"]
SERVANTS = 40


def _from_view(models: ReadModels, nip: str) -> list[tuple[Any, ...]]:
    rows = models.view_query("development_needs",
                             lambda c, g: needs_queries.servant_needs(c, g, nip))
    return sorted((r.need_id, r.source, r.addresses, r.due_year, r.opened_on, r.opened_by,
                   r.target_level, r.is_open, r.closure, r.closed_on, r.closed_by) for r in rows)


def _from_reads(app: Riwayat, nip: str) -> list[tuple[Any, ...]]:
    record, _, _ = servant_record(app, nip, None)
    return sorted((n.need_id, n.source.value, n.addresses, n.due_year, n.opened_on, n.opened_by,
                   n.target_level, n.is_open, n.closure.value if n.closure else None,
                   n.closed_on, tuple(n.closed_by)) for n in record.needs)


def test_the_views_needs_are_the_needs_the_plan_reads_fold(
        app: Riwayat, read_models: ReadModels, seed: Seed) -> None:
    seed(0, SERVANTS)
    read_models.catch_up()
    nips = [s.nip for s in build_servants(0, SERVANTS)]
    compared = {nip: (_from_view(read_models, nip), _from_reads(app, nip)) for nip in nips}
    assert sum(len(view) for view, _ in compared.values()) > 0, "no generated need to compare"
    assert {n: v for n, (v, r) in compared.items() if v != r} == {}
