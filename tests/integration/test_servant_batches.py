"""Many servants at once: loaded together they are what loading each alone gives, and events
appended together take contiguous positions after the head, keep the chain verifiable, and
land all or none."""

from __future__ import annotations

from datetime import date
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError

from domain.servant import CivilServant
from service.application import Riwayat
from service.audit import verify
from service.bulk_append import bulk_append
from service.sample.career_commands import career_commands
from service.servant_batches import existing_servants
from service.settings import Settings
from tests.support import POSTGRES_URL
from tests.unit.given import CPNS_TMT, NIP, appointment, envelope, training

ABSENT = "199001012015031999"


def open_app(settings: Settings) -> Riwayat:
    return Riwayat(env=settings.eventsourcing_env())


def test_servants_loaded_together_are_the_servants_loaded_one_by_one(settings: Settings) -> None:
    commands = career_commands(0, 3)
    nips = list(dict.fromkeys(c.nip for c in commands))
    app = open_app(settings)
    try:
        assert all(r.accepted for r in bulk_append(app, commands))
        app.existing(nips[0])  # cached, then written: the cache is behind the log
        app.record(nips[0], lambda s: s.record("record_training", envelope(date(2024, 5, 3)),
                                               **training()))
        together = existing_servants(app, [*nips, ABSENT])
        again = existing_servants(app, nips)  # from the cache it filled, brought forward
    finally:
        app.close()
    fresh = open_app(settings)
    try:
        for nip in nips:
            alone = fresh.existing(nip)
            assert alone is not None
            for loaded in (together[nip], again[nip]):
                assert loaded is not None
                assert (loaded.version, loaded.events) == (alone.version, alone.events)
        assert together[ABSENT] is None
    finally:
        fresh.close()


def appointments(*nips: str) -> list[Any]:
    events = []
    for nip in nips:
        servant, _ = CivilServant.appoint_cpns(envelope(CPNS_TMT), **appointment(nip=nip))
        events.extend(servant.collect_events())
    return events


def test_events_appended_together_follow_the_head_contiguously_and_keep_the_chain(
    settings: Settings,
) -> None:
    app = open_app(settings)
    try:
        app.appoint_cpns(envelope(CPNS_TMT), appointment())
        nips = [f"19900101201503100{n}" for n in (2, 3, 4)]
        positions = app.append_bulk(appointments(*nips))
        assert positions == [2, 3, 4]
        assert [app.positions_of(nip) for nip in nips] == [{1: 2}, {1: 3}, {1: 4}]
        with pytest.raises(IntegrityError):  # the second collides: the first is not kept
            app.append_bulk(appointments("199001012015031005", nips[0]))
        assert app.recorder.max_notification_id() == 4
        assert app.existing("199001012015031005") is None
        after = app.record(NIP, lambda s: s.record(
            "record_training", envelope(date(2016, 5, 3)), **training()))
        assert after.position > 4  # an ordinary save follows the appended ones
        assert verify(app).ok
    finally:
        app.close()


def test_reads_recover_when_the_database_cut_the_pools_connections(settings: Settings) -> None:
    if not settings.is_postgres:
        pytest.skip("SQLite has no connections to cut")
    app = open_app(settings)
    try:
        recorder = app.recorder
        pids = set()
        for _ in range(8):  # the pool hands its idle connections out in turn
            with recorder.datastore.get_connection() as conn:  # type: ignore[attr-defined]
                pids.add(conn.info.backend_pid)
        with psycopg.connect(POSTGRES_URL, autocommit=True) as killer:
            for pid in pids:
                killer.execute("SELECT pg_terminate_backend(%s)", (pid,))
        assert recorder.idempotency_record("someone", "a-key") is None  # type: ignore[attr-defined]
        assert existing_servants(app, [ABSENT]) == {ABSENT: None}
    finally:
        app.close()
