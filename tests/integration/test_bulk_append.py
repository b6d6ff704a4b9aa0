"""Bulk append: each command is admitted by the same rules as a mutation and answered on its
own (accepted with its event id and position, or refused with a code and message), and the
log and every view end exactly as if the commands had been posted one by one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from projections.engine import registry
from projections.read_models import ReadModels
from projections.views import views_named
from service.application import Riwayat
from service.audit import verify
from service.bulk_append import BulkCommand, bulk_append
from service.projection_wiring import open_read_models
from service.sample.career_commands import career_commands
from service.settings import Settings
from tests.support import empty_store_settings
from tests.unit.given import envelope, training


@pytest.fixture
def other_settings(store: str, tmp_path: Path) -> Iterator[Settings]:
    """A second, empty store of the same kind."""
    with empty_store_settings(store, tmp_path, "other") as settings:
        yield settings


def open_app(settings: Settings) -> Riwayat:
    return Riwayat(env=settings.eventsourcing_env())


def stored_log(app: Riwayat) -> list[tuple[Any, ...]]:
    rows = app.recorder.select_notifications(start=1, limit=1_000_000)
    return [(n.id, str(n.originator_id), n.originator_version, n.topic, n.state) for n in rows]


def view_contents(read_models: ReadModels) -> dict[str, list[Any]]:
    """Every row of every table of the active generation of each view, sorted."""
    conn = read_models.store.connect()
    try:
        with conn.read():
            contents: dict[str, list[Any]] = {}
            for view in views_named(None):
                generation = registry.active_generation(conn, view.name)
                assert generation is not None, f"{view.name} has no active generation"
                for table in view.tables:
                    rows = conn.execute(f"SELECT * FROM {view.table_name(table.base, generation)}")
                    contents[table.base] = sorted(rows, key=repr)
            return contents
    finally:
        conn.close()


def test_each_command_is_accepted_or_refused_on_its_own(settings: Settings) -> None:
    commands = career_commands(0, 2)
    first_nip, second_nip = commands[0].nip, next(c.nip for c in commands if c.nip != commands[0].nip)
    bad_training = BulkCommand(first_nip, "record_training", envelope(date(2019, 5, 3)),
                               training(hours=0))
    unknown = BulkCommand("199001012015031999", "record_training", envelope(date(2019, 5, 3)),
                          training())
    again = commands[0]  # the same appointment twice
    mixed = [*commands[:5], bad_training, again, unknown, *commands[5:]]
    app = open_app(settings)
    try:
        results = bulk_append(app, mixed, events_per_transaction=7)
        assert len(results) == len(mixed)
        refused = {i: r.code for i, r in enumerate(results) if not r.accepted}
        assert refused == {5: "INVALID_HOURS", 6: "DUPLICATE_APPOINTMENT", 7: "SERVANT_NOT_FOUND"}
        assert all(r.message for r in results if not r.accepted)
        accepted = [r for r in results if r.accepted]
        assert len(accepted) == len(commands)
        positions = [r.position for r in accepted]
        assert positions == list(range(1, len(commands) + 1))
        for nip in (first_nip, second_nip):
            mine = [r for r in accepted if r.event_id and r.event_id.startswith(nip)]
            assert [r.event_id for r in mine] == [f"{nip}:{v}" for v in range(1, len(mine) + 1)]
            assert app.positions_of(nip) == {
                v: r.position for v, r in enumerate(mine, start=1)
            }
        assert app.recorder.max_notification_id() == len(commands)
        assert verify(app).ok
    finally:
        app.close()


def test_bulk_append_equals_appending_one_by_one_in_the_log_and_every_view(
    settings: Settings, other_settings: Settings
) -> None:
    commands = career_commands(0, 8)
    bulk, single = open_app(settings), open_app(other_settings)
    try:
        results = bulk_append(bulk, commands, events_per_transaction=50)
        assert all(r.accepted for r in results), [r for r in results if not r.accepted]
        for command in commands:
            if command.command == "appoint_cpns":
                single.appoint_cpns(command.envelope, command.payload)
            else:
                single.record(command.nip, lambda s, c=command: s.record(
                    c.command, c.envelope, **c.payload))
        assert stored_log(bulk) == stored_log(single)
        assert len(stored_log(bulk)) == len(commands)
        assert verify(bulk).ok and verify(bulk).head_hash == verify(single).head_hash
        views = []
        for app, app_settings in ((bulk, settings), (single, other_settings)):
            models = open_read_models(app_settings, app)
            try:
                models.catch_up()
                views.append(view_contents(models))
            finally:
                models.stop()
        assert views[0] == views[1]
        assert len(views[0]["career_servant"]) == 8
    finally:
        bulk.close()
        single.close()
