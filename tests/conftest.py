from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.settings import Settings
from tests.support import LiveServer, postgres_schema, selected_stores, test_settings


@pytest.fixture(params=selected_stores())
def store(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(store: str, tmp_path: Path) -> Iterator[str]:
    if store == "sqlite":
        yield f"sqlite:///{tmp_path / 'riwayat.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return test_settings(database_url, tmp_path)


@pytest.fixture
def api(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(settings) as server:
        yield server
