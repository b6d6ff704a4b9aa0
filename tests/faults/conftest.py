"""Fault tests run against PostgreSQL only: SQLite has no server to lose and one process."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.server import clean_env
from tests.support import TEST_SECRET, postgres_schema, require_postgres, selected_stores


@pytest.fixture
def pg_url() -> Iterator[str]:
    if "postgres" not in selected_stores():
        pytest.skip("fault tests need PostgreSQL (RIWAYAT_TEST_STORES excludes it)")
    require_postgres()
    with postgres_schema() as url:
        yield url


@pytest.fixture
def app_name() -> str:
    """libpq's application_name for the processes under test, so a test can find (and cut)
    exactly their connections and no one else's."""
    return f"riwayat-fault-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def server_env(pg_url: str, app_name: str, tmp_path: Path) -> dict[str, str]:
    return clean_env(
        RIWAYAT_DATABASE_URL=pg_url,
        RIWAYAT_JWT_SECRET=TEST_SECRET,
        PGAPPNAME=app_name,
        RIWAYAT_PROJECTION_POLL_SECONDS="0.1",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Stopping the PostgreSQL cluster disturbs every test using it: run those tests last.
    items.sort(key=lambda item: item.get_closest_marker("stops_postgres") is not None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "stops_postgres: stops the machine's PostgreSQL cluster; runs last"
    )
