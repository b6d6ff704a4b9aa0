"""Fixtures for the projection tests: a real Riwayat application over the store under test,
its read models, seeded careers, and the full contents of a view for comparisons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from projections.engine import registry
from projections.engine.db import Conn
from projections.read_models import ReadModels
from projections.views import views_named
from service.application import Riwayat
from service.projection_wiring import open_read_models
from service.sample.careers import build_servants
from service.settings import Settings


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


@pytest.fixture
def read_models(settings: Settings, app: Riwayat) -> Iterator[ReadModels]:
    models = open_read_models(settings, app)
    yield models
    models.stop()


Seed = Callable[[int, int], int]
Contents = Callable[..., dict[str, list[Any]]]


@pytest.fixture
def seed(app: Riwayat) -> Seed:
    """``seed(first, count)`` saves generated careers; returns the last event's position."""

    def save(first: int, count: int) -> int:
        recordings = app.save(*build_servants(first, count))
        return int(recordings[-1].notification.id)

    return save


@pytest.fixture
def contents(read_models: ReadModels) -> Contents:
    """``contents(name=None)``: the full contents of the active generation of the view(s)."""
    return lambda name=None: view_contents(read_models, name)


def view_contents(read_models: ReadModels, name: str | None = None) -> dict[str, list[Any]]:
    """Every row of every table of the active generation of each view, sorted."""
    conn = read_models.store.connect()
    try:
        with conn.read():
            contents: dict[str, list[Any]] = {}
            for view in views_named([name] if name else None):
                generation = registry.active_generation(conn, view.name)
                assert generation is not None, f"{view.name} has no active generation"
                for table in view.tables:
                    rows = conn.execute(f"SELECT * FROM {view.table_name(table.base, generation)}")
                    contents[table.base] = sorted(rows, key=repr)
            return contents
    finally:
        conn.close()


def tracked(conn: Conn, name: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT generation, status, position, error FROM projection_tracking WHERE name = ? "
        "ORDER BY generation", (name,),
    )
