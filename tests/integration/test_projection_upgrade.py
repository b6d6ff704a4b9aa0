"""An upgrade that changes a view's tables, on both stores: the worker finds the active
generation was made by another definition of the view (its stored fingerprint differs, or it
has none), builds a fresh generation once (a second worker stands by), and until the switch
the view's reads answer PROJECTION_BEHIND, not a 500, while the other views answer as before."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from projections.engine import registry
from projections.engine.db import Conn
from projections.engine.fingerprint import fingerprint
from projections.read_models import ReadModels
from projections.views import views_named
from projections.views.promotion.rows import PromotionView
from service.application import Riwayat
from service.projection_wiring import open_read_models
from service.settings import Settings
from tests import support
from tests.support import LiveServer, errors_of

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents, Seed

pytest_plugins = ["tests.integration.conftest_projections"]
CANDIDATES = """{ promotionCandidates(filter: {asOf: "2025-03-01"}, first: 50) {
  edges { node { nip promotionKind decision } } } }"""
WAITING = """query($p: Int) { promotionCandidates(filter: {asOf: "2025-03-01"}, minPosition: $p) {
  edges { node { nip } } } }"""
HISTORY = "query($nip: String!) { careerHistory(nip: $nip) { rank rankTmt } }"


def _write(read_models: ReadModels, *statements: str) -> None:
    conn = read_models.store.connect()
    try:
        with conn.write():
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def _read(read_models: ReadModels, statement: str) -> list[tuple[Any, ...]]:
    conn = read_models.store.connect()
    try:
        with conn.read():
            return conn.execute(statement)
    finally:
        conn.close()


def _generations(read_models: ReadModels, name: str) -> list[tuple[Any, ...]]:
    return _read(read_models, "SELECT generation, status FROM projection_tracking "
                              f"WHERE name = '{name}' ORDER BY generation")


def _active(read_models: ReadModels, name: str) -> int:
    rows = _read(read_models, f"SELECT active_generation FROM projection_registry "
                              f"WHERE name = '{name}'")
    return int(rows[0][0])


def _old_fingerprint(read_models: ReadModels, generation: int) -> None:
    """A release whose promotion view had other tables: its generation's fingerprint."""
    _write(read_models, "UPDATE projection_tracking SET fingerprint = 'an-older-release' "
                        f"WHERE name = 'promotion' AND generation = {generation}")


def _old_tables(read_models: ReadModels, generation: int) -> None:
    """The span table as the release before ``bucket`` made it, with no fingerprint."""
    conn: Conn = read_models.store.connect()
    try:
        with conn.write():
            PromotionView().drop_indexes(conn, generation)  # SQLite keeps indexed columns
            conn.execute(f"ALTER TABLE promotion_span_g{generation} DROP COLUMN bucket")
            conn.execute("UPDATE projection_tracking SET fingerprint = NULL "
                         f"WHERE name = 'promotion' AND generation = {generation}")
    finally:
        conn.close()


def _server(settings: Settings, tmp_path: Path) -> LiveServer:
    # No in-process worker: the test decides when the rebuild runs.
    return LiveServer(support.test_settings(settings.database_url, tmp_path, run_projections=False))


@pytest.mark.parametrize("simulate", [_old_fingerprint, _old_tables])
def test_a_view_made_by_another_definition_is_refused_then_rebuilt_once(
    settings: Settings, tmp_path: Path, read_models: ReadModels, seed: Seed, contents: Contents,
    simulate: Any,
) -> None:
    seed(0, 12)
    read_models.catch_up()
    clean = contents("promotion")
    nip = _read(read_models, f"SELECT nip FROM career_servant_g"
                             f"{_active(read_models, 'career_history')} ORDER BY nip")[0][0]
    old = _active(read_models, "promotion")
    with _server(settings, tmp_path) as api:
        before = api.gql(CANDIDATES)
        history = api.gql(HISTORY, {"nip": nip})
        assert not before.get("errors") and before["data"]["promotionCandidates"]["edges"]
    simulate(read_models, old)

    first, second = read_models.runner(), read_models.runner()
    try:
        with _server(settings, tmp_path) as api:
            first.refresh()  # finds the old definition: starts the new generation
            second.refresh()  # finds it building: stands by
            assert _generations(read_models, "promotion") == [(old, registry.ACTIVE),
                                                              (old + 1, registry.BUILDING)]
            assert first.targets["promotion"].generation == old + 1
            assert not second.targets["promotion"].lock.try_acquire()

            refused = api.post(CANDIDATES, role="hr")
            assert refused.status_code == 200, refused.text
            assert errors_of(refused.json()) == ["PROJECTION_BEHIND"]
            assert "rebuilt" in refused.json()["errors"][0]["message"]
            assert api.gql(HISTORY, {"nip": nip}) == history  # other views answer
            # A read-your-writes wait cannot be met by the old generation: refused at once.
            started = time.monotonic()
            waited = api.post(WAITING, {"p": api.log_head() + 1})  # a write still to come
            assert errors_of(waited.json()) == ["PROJECTION_BEHIND"], waited.text
            assert time.monotonic() - started < api.settings.read_your_writes_timeout / 2
            ready = api.client.get("/readyz")
            assert ready.status_code == 503
            assert any(p.startswith("projection promotion: rebuilding")
                       for p in ready.json()["problems"]), ready.json()

            first.catch_up()
            second.catch_up()
            assert _active(read_models, "promotion") == old + 1
            assert _generations(read_models, "promotion") == [(old + 1, registry.ACTIVE)]
            assert api.gql(CANDIDATES) == before
            assert api.client.get("/readyz").status_code == 200
    finally:
        first.close()
        second.close()
    assert contents("promotion") == clean
    read_models.rebuild(["promotion"])
    assert contents("promotion") == clean


def test_a_registry_from_before_fingerprints_keeps_its_rows_and_rebuilds_each_view(
    settings: Settings, app: Riwayat, read_models: ReadModels, seed: Seed, contents: Contents,
) -> None:
    seed(0, 8)
    read_models.catch_up()
    clean = contents()
    before = {v.name: _active(read_models, v.name) for v in views_named(None)}
    _write(read_models, "ALTER TABLE projection_tracking DROP COLUMN fingerprint")

    upgraded = open_read_models(settings, app)  # what an upgraded process opens
    try:
        kept = _read(upgraded, "SELECT name, generation FROM projection_tracking")
        assert sorted(kept) == sorted(before.items())  # the registry's rows survive
        assert all(not s.current_definition for s in upgraded.status() if s.active)
        upgraded.catch_up()
        dialect = upgraded.store.dialect
        for view in views_named(None):
            active = _active(upgraded, view.name)
            assert active == before[view.name] + 1, view.name
            stored = _read(upgraded, "SELECT fingerprint FROM projection_tracking "
                                     f"WHERE name = '{view.name}' AND generation = {active}")
            assert stored == [(fingerprint(view, dialect),)]
        assert upgraded.lag_problems(0) == []
    finally:
        upgraded.stop()
    assert contents() == clean


def test_serve_with_its_own_projections_rebuilds_an_old_view_without_a_500(
    settings: Settings, tmp_path: Path, read_models: ReadModels, seed: Seed, contents: Contents,
) -> None:
    seed(0, 10)
    read_models.catch_up()
    clean = contents("promotion")
    with _server(settings, tmp_path) as api:
        before = api.gql(CANDIDATES)
    _old_tables(read_models, _active(read_models, "promotion"))
    answers: list[Any] = []
    with LiveServer(settings) as api:  # `riwayat serve`: the projections run in-process
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            response = api.post(CANDIDATES)
            assert response.status_code == 200, response.text
            answers.append(response.json())
            if not response.json().get("errors"):
                break
            time.sleep(0.05)
    assert all(errors_of(a) == ["PROJECTION_BEHIND"] for a in answers[:-1]), answers
    assert answers[-1] == before
    assert contents("promotion") == clean


def test_two_workers_starting_at_once_build_one_new_generation(
    read_models: ReadModels, seed: Seed,
) -> None:
    seed(0, 4)
    read_models.catch_up()
    old = _active(read_models, "promotion")
    _old_fingerprint(read_models, old)
    runners = [read_models.runner(), read_models.runner()]
    start = threading.Barrier(len(runners))

    def refresh(runner: Any) -> None:
        start.wait()
        runner.refresh()

    threads = [threading.Thread(target=refresh, args=(r,)) for r in runners]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert _generations(read_models, "promotion") == [(old, registry.ACTIVE),
                                                          (old + 1, registry.BUILDING)]
        holders = [r for r in runners if r.targets["promotion"].lock.try_acquire()]
        assert len(holders) == 1
        holders[0].catch_up()
    finally:
        for runner in runners:
            runner.close()
    assert _generations(read_models, "promotion") == [(old + 1, registry.ACTIVE)]
