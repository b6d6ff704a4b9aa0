"""The API process keeps a bounded number of promotion candidates cached, however many
servants the rankings it served covered; answers stay those of an uncached read."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from projections.engine.db import Store
from projections.read_models import ReadModels
from service.application import Riwayat
from service.projection_wiring import open_store
from service.settings import Settings

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Seed

pytest_plugins = ["tests.integration.conftest_projections"]


def test_cached_candidates_stay_within_the_row_bound(
    settings: Settings, app: Riwayat, seed: Seed
) -> None:
    seed(0, 12)
    bounded = ReadModels(_store(settings), app, candidate_cache_rows=20)
    uncached = ReadModels(_store(settings), app, candidate_cache_rows=0)
    try:
        bounded.catch_up()
        days = [date(2024, month, 1) for month in range(1, 13)]
        for day in days + days[:3]:
            answer = bounded.promotion_candidates(day)
            assert len(answer) == 12
            assert answer == uncached.promotion_candidates(day)
            assert sum(map(len, bounded._candidates.values())) <= 20
        assert bounded._candidates  # the bound still lets small rankings be cached
        assert not uncached._candidates
    finally:
        bounded.stop()
        uncached.stop()


def _store(settings: Settings) -> Store:
    return open_store(settings)
