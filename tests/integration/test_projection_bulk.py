"""The fast paths of a rebuild on both stores: decoding equals the library's mapper, and the
bulk load produces exactly the rows an incremental catch-up produces, over a log whose
servants' events interleave across many batches (as a real log does)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from domain.servant import CivilServant as CS
from projections.engine import bulk, registry
from projections.engine.decode import FastDecoder
from projections.engine.log import LogReader
from projections.engine.view import View
from projections.read_models import ReadModels
from projections.views.training_ledger.rows import TrainingLedgerView
from service.application import Riwayat
from service.sample.careers import build_events
from service.seed import seed as seed_showcase

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents

pytest_plugins = ["tests.integration.conftest_projections"]
MY_VIEWS = ["career_history", "promotion", "training_ledger"]


class SimulatedCrash(BaseException):
    """Stands for the process dying."""


def save_interleaved(app: Riwayat, first: int, count: int, chunk: int = 97) -> int:
    """Careers saved in the order their events were recorded, across servants."""
    keyed = sorted(build_events(first, count), key=lambda k: k[:3])
    for start in range(0, len(keyed), chunk):
        app.save(*(k[3] for k in keyed[start : start + chunk]))
    return int(app.recorder.max_notification_id())


def test_fast_decoding_equals_the_library_for_every_event_kind(
    app: Riwayat, read_models: ReadModels
) -> None:
    seed_showcase(app, servants=12, today=date(2026, 1, 1))
    save_interleaved(app, 0, 20)
    reader = LogReader(app)
    fast = FastDecoder(app.mapper)
    assert fast.enabled and fast.direct
    notes = reader.read(0, 100_000)
    kinds = set()
    for note in notes:
        if not note.topic.startswith("domain.servant:"):
            continue  # a position standard's stream: no view decodes its topics
        ours = fast.decode(note.originator_id, note.originator_version, note.topic, note.state)
        theirs = app.mapper.to_domain_event(note)
        assert type(ours) is type(theirs)
        assert ours == theirs and ours.__dict__ == theirs.__dict__
        assert [type(v) for v in ours.__dict__.values()] == [
            type(v) for v in theirs.__dict__.values()]
        kinds.add(type(ours))
    every = {cls for cls in vars(CS).values() if isinstance(cls, type) and issubclass(cls, CS.Event)
             and cls not in (CS.Event, CS.Created)}
    assert kinds == every
    # The raw scan of a rebuild reads the same events at the same positions.
    conn = read_models.store.connect()
    try:
        scanned = list(reader.scan(conn, 0, notes[-1].id, page=50))
    finally:
        conn.close()
    assert [(r[0], r[1], r[4]) for r in scanned] == [
        (n.originator_id, n.originator_version, n.id) for n in notes]


@pytest.mark.parametrize("workers", [0, 2])
def test_a_rebuild_produces_exactly_the_rows_of_an_incremental_catch_up(
    app: Riwayat, read_models: ReadModels, contents: Contents, workers: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bulk, "MIN_EVENTS_FOR_WORKERS", 0)
    monkeypatch.setattr(bulk, "EVENTS_PER_PART", 97)
    head = save_interleaved(app, 0, 30)
    seed_showcase(app, servants=6, today=date(2026, 1, 1))
    read_models.batch_size = 41  # every servant's events span many batches
    read_models.catch_up()
    incremental = contents()
    assert len(incremental["career_servant"]) == 36 and head > 20 * 41
    read_models.rebuild(workers=workers)
    assert contents() == incremental
    assert {s.generation for s in read_models.status()} == {2}
    # Live increments after a rebuild take the batch path and agree too.
    save_interleaved(app, 100, 5)
    read_models.catch_up()
    live = contents()
    read_models.rebuild(MY_VIEWS, workers=workers)
    assert contents() == live


def test_a_crash_during_the_bulk_load_leaves_the_new_generation_empty(
    app: Riwayat, read_models: ReadModels, contents: Contents, monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_interleaved(app, 0, 10)
    read_models.catch_up()
    before = contents()
    original = View.create_indexes
    loading: set[int] = set()

    def crash(self: View, conn: Any, generation: int) -> None:
        if generation in loading:
            raise SimulatedCrash  # every row is written, the commit never comes
        original(self, conn, generation)

    monkeypatch.setattr(View, "drop_indexes", lambda self, conn, g: loading.add(g))
    monkeypatch.setattr(View, "create_indexes", crash)
    with pytest.raises(SimulatedCrash):
        read_models.rebuild(MY_VIEWS, workers=0)
    monkeypatch.undo()
    conn = read_models.store.connect()
    try:
        with conn.read():
            for name in MY_VIEWS:
                gens = {g.generation: g for g in registry.generations(conn, name)}
                assert (gens[2].status, gens[2].position) == (registry.BUILDING, 0)
                view = next(v for v in bulk_views(MY_VIEWS) if v.name == name)
                for table in view.tables:
                    assert conn.execute(
                        f"SELECT COUNT(*) FROM {view.table_name(table.base, 2)}")[0][0] == 0
    finally:
        conn.close()
    assert contents() == before  # readers still see generation 1
    read_models.rebuild(MY_VIEWS, workers=0)  # drops the abandoned generation 2
    assert contents() == before
    assert {s.generation for s in read_models.status(MY_VIEWS)} == {3}


def bulk_views(names: list[str]) -> list[View]:
    from projections.views import views_named

    return views_named(names)


def test_a_view_failing_in_the_bulk_load_is_stopped_at_its_poison_event(
    app: Riwayat, read_models: ReadModels, contents: Contents, monkeypatch: pytest.MonkeyPatch,
) -> None:
    head = save_interleaved(app, 0, 12)
    read_models.catch_up()
    poisoned_nip = contents()["training_servant"][5][1]
    original = TrainingLedgerView.rows

    def rows(self: TrainingLedgerView, history: Any) -> Any:
        if history.nip == poisoned_nip and len(history.events) > 3:
            raise ValueError("cannot apply this servant")
        return original(self, history)

    monkeypatch.setattr(TrainingLedgerView, "rows", rows)
    read_models.rebuild(MY_VIEWS, workers=0)
    status = {s.name: s for s in read_models.status(MY_VIEWS) if s.generation == 2}
    ledger = status["training_ledger"]
    assert ledger.status == "FAILED" and ledger.error_position is not None
    assert ledger.position == ledger.error_position - 1
    assert ledger.error is not None and "cannot apply this servant" in ledger.error
    assert status["career_history"].active and status["career_history"].position == head


def test_copy_text_round_trips_awkward_values(read_models: ReadModels) -> None:
    from projections.engine.copy_text import copy_text
    from projections.engine.postgres import PostgresConn

    rows: list[tuple[Any, ...]] = [
        ("plain", 1, None, 1.5), ("tab\there", -2, "\\N", 0.1), ("new\nline\r\\", 0, "", 1e-7),
        ("ünïcode — “quotes” {\"json\":\"a\\\\b\"}", 2**40, "x", -0.0),
        ("\b\v\f", 2**62, None, 2.5),
    ]
    conn = read_models.store.connect()
    if not isinstance(conn, PostgresConn):
        conn.close()
        pytest.skip("COPY text is PostgreSQL's")
    try:
        with conn.write():
            conn.execute("CREATE TEMP TABLE awkward (a TEXT, b BIGINT, c TEXT, d REAL)")
            conn.copy_data("awkward", ("a", "b", "c", "d"), copy_text(rows))
            conn.insert_rows("awkward", ("a", "b", "c", "d"), rows)  # the batch path's COPY
            found = conn.execute("SELECT a, b, c, d FROM awkward")
            conn.execute("DROP TABLE awkward")
    finally:
        conn.close()
    assert [r[:3] for r in found] == [r[:3] for r in rows] * 2
    assert [r[3] for r in found] == pytest.approx([r[3] for r in rows] * 2)
    with pytest.raises(TypeError):
        copy_text([(True,)])
    with pytest.raises(TypeError):
        copy_text([(object(),)])


def test_promotion_facts_written_directly_equal_the_facts_dataclasses(
    app: Riwayat, read_models: ReadModels
) -> None:
    from projections.engine.view import ServantHistory
    from projections.views.promotion.facts import build_facts, facts_json, facts_to_json
    from projections.views.promotion.rows import PromotionView

    save_interleaved(app, 0, 40)
    seed_showcase(app, servants=12, today=date(2026, 1, 1))
    reader = LogReader(app)
    topics = PromotionView().topics
    events: dict[Any, list[tuple[CS.Event, int]]] = {}
    for note in reader.read(0, 100_000):
        if note.topic in topics:
            events.setdefault(note.originator_id, []).append((reader.decode(note), note.id))
    retired = 0
    for servant, found in events.items():
        history = ServantHistory(servant, [e for e, _ in found],
                                 {e.originator_version: p for e, p in found})
        facts = build_facts(history)
        assert facts_json(history) == (facts_to_json(facts), facts.status)
        retired += facts.retirement_tmt is not None
    assert len(events) == 52 and retired > 0


def test_a_bulk_built_generation_has_the_planners_statistics_before_readers_switch(
    app: Riwayat, read_models: ReadModels
) -> None:
    # Without statistics PostgreSQL plans a page of candidates over a fresh generation as if
    # its tables were empty (a second per page at 100,000 servants, autovacuum off).
    save_interleaved(app, 0, 12)
    read_models.rebuild(["promotion"], workers=0)
    conn = read_models.store.connect()
    try:
        with conn.read():
            generation = registry.active_generation(conn, "promotion")
        assert generation is not None
        tables = [View.table_name(base, generation)
                  for base in ("promotion_servant", "promotion_span")]
        if conn.dialect == "sqlite":
            analysed = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
        else:
            analysed = {row[0] for row in conn.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                "AND last_analyze IS NOT NULL")}
    finally:
        conn.close()
    assert set(tables) <= analysed
