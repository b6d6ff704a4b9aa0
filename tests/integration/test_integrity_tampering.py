"""Tampering with the stored log the way a database superuser could (triggers dropped, rows
edited in SQL) is reported by ``verify`` at the right position, on both stores."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest

from domain.envelope import Actor, Envelope
from domain.values import EducationLevel, Gender, Predikat, Rank, Rating
from service.application import Riwayat
from service.audit import verify, verify_digest
from service.settings import Settings

NIPS = ("199001012015031001", "199001012015031002", "199001012015031003")


def envelope(tmt: date, sk_date: date, actor: str = "hr-1") -> Envelope:
    return Envelope(tmt=tmt, sk_number=f"SK/{tmt}", sk_date=sk_date, sk_official="Kepala BKN",
                    actor=Actor(actor, "hr"), recorded_at=datetime.now(UTC))


def appoint(app: Riwayat, nip: str) -> int:
    return app.appoint_cpns(envelope(date(2015, 3, 1), date(2015, 2, 1)), {
        "nip": nip, "name": f"Servant {nip[-3:]}", "birth_date": date(1990, 1, 1),
        "birth_place": "Bandung", "gender": Gender.MALE, "education_level": EducationLevel.S1,
        "initial_rank": Rank.III_A, "position_name": "Analis", "formation_year": 2014,
        "institution_id": "KEMENKEU", "institution_name": "Kementerian Keuangan",
        "unit_id": "KEU-01", "unit_name": "Biro SDM",
    }).position


def appraise(app: Riwayat, nip: str, year: int) -> int:
    recorded = app.record(nip, lambda s: s.record_appraisal(
        envelope(date(year + 1, 1, 31), date(year + 1, 1, 20)), year=year,
        work_result=Rating.AS_EXPECTED, work_behaviour=Rating.AS_EXPECTED, predikat=Predikat.BAIK,
        appraiser_nip="198505052010012002", appraiser_name="Siti Aminah",
    ))
    return recorded.position


def sample_log(app: Riwayat) -> list[int]:
    """Nine events, interleaved across three servants; returns their positions."""
    positions = [appoint(app, nip) for nip in NIPS]
    return positions + [appraise(app, nip, year) for year in (2016, 2017) for nip in NIPS]


class Attacker:
    """A connection with the rights to drop the append-only triggers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.postgres = settings.is_postgres

    @contextmanager
    def sql(self) -> Iterator[Any]:
        if self.postgres:
            schema = self.settings.postgres["schema"]
            with psycopg.connect(self.settings.database_url.split("?")[0], autocommit=True) as conn:
                conn.execute(f'SET search_path TO "{schema}"')
                conn.execute("DROP TRIGGER IF EXISTS riwayat_events_no_change ON riwayat_events")
                yield conn
        else:
            conn = sqlite3.connect(self.settings.sqlite_path, isolation_level=None)
            try:
                for action in ("update", "delete"):
                    conn.execute(f"DROP TRIGGER IF EXISTS stored_events_no_{action}")
                yield conn
            finally:
                conn.close()

    @property
    def table(self) -> str:
        return "riwayat_events" if self.postgres else "stored_events"

    @property
    def pos(self) -> str:
        return "notification_id" if self.postgres else "rowid"

    def mark(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def run(self, statement: str, *params: Any) -> None:
        with self.sql() as conn:
            conn.execute(self.mark(statement.format(t=self.table, p=self.pos)), params)

    def alter_payload(self, position: int) -> None:
        """Upgrades an appraisal's predikat in place."""
        forged = self._state(position).replace(b'"BAIK"', b'"SANGAT_BAIK"')
        assert forged != self._state(position), "not an appraisal"
        self.run("UPDATE {t} SET state = ? WHERE {p} = ?", forged, position)

    def delete(self, position: int) -> None:
        self.run("DELETE FROM {t} WHERE {p} = ?", position)

    def swap(self, first: int, second: int) -> None:
        with self.sql() as conn:
            for old, new in ((first, -1), (second, first), (-1, second)):
                conn.execute(self.mark(f"UPDATE {self.table} SET {self.pos} = ? WHERE {self.pos} = ?"),
                             (new, old))

    def insert_copy(self, position: int, new_version: int) -> None:
        """A forged event: a copy of another with a fresh version number."""
        self.run("INSERT INTO {t} (originator_id, originator_version, topic, state) "
                 "SELECT originator_id, ?, topic, state FROM {t} WHERE {p} = ?",
                 new_version, position)

    def _state(self, position: int) -> bytes:
        with self.sql() as conn:
            row = conn.execute(self.mark(f"SELECT state FROM {self.table} WHERE {self.pos} = ?"),
                               (position,)).fetchone()
        return bytes(row[0])


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


@pytest.fixture
def attacker(settings: Settings) -> Attacker:
    return Attacker(settings)


def test_untouched_log_verifies_with_its_head(app: Riwayat) -> None:
    positions = sample_log(app)
    report = verify(app)
    assert report.ok, report.describe()
    assert report.checked == 9
    assert report.head_position == positions[-1]
    assert report.digest == f"{report.head_hash}@{positions[-1]}"


def test_empty_log_verifies(app: Riwayat) -> None:
    report = verify(app)
    assert report.ok and report.checked == 0 and report.head_position == 0


def test_altered_payload_is_reported_as_changed_at_its_position(
        app: Riwayat, attacker: Attacker) -> None:
    positions = sample_log(app)
    attacker.alter_payload(positions[4])
    report = verify(app)
    assert not report.ok and report.first_break is not None
    assert (report.first_break.position, report.first_break.kind) == (positions[4], "CHANGED")
    assert report.head_position == positions[3]


def test_deleted_event_is_reported_as_missing_at_its_position(
        app: Riwayat, attacker: Attacker) -> None:
    positions = sample_log(app)
    attacker.delete(positions[2])
    report = verify(app)
    assert report.first_break is not None
    assert (report.first_break.position, report.first_break.kind) == (positions[2], "MISSING")


def test_swapped_events_are_reported_as_reordered_at_the_first(
        app: Riwayat, attacker: Attacker) -> None:
    positions = sample_log(app)
    attacker.swap(positions[3], positions[6])
    report = verify(app)
    assert report.first_break is not None
    assert (report.first_break.position, report.first_break.kind) == (positions[3], "REORDERED")
    assert str(positions[6]) in report.first_break.reason


def test_event_inserted_with_sql_is_reported_as_inserted(
        app: Riwayat, attacker: Attacker) -> None:
    positions = sample_log(app)
    attacker.insert_copy(positions[8], new_version=99)
    report = verify(app)
    assert report.first_break is not None
    assert report.first_break.kind == "INSERTED"
    assert report.first_break.position > positions[-1]
    assert report.head_position == positions[-1]


def test_digest_still_verifies_after_appends_and_fails_after_an_earlier_tamper(
        app: Riwayat, attacker: Attacker) -> None:
    positions = sample_log(app)
    digest = verify(app).digest
    assert digest is not None
    appraise(app, NIPS[0], 2018)
    appraise(app, NIPS[1], 2018)
    assert verify_digest(app, digest).ok
    attacker.alter_payload(positions[4])
    failed = verify_digest(app, digest)
    assert not failed.ok and failed.first_break is not None
    assert failed.first_break.position == positions[4]


def test_tamper_after_the_digest_does_not_fail_the_digest(
        app: Riwayat, attacker: Attacker) -> None:
    sample_log(app)
    digest = verify(app).digest
    assert digest is not None
    later = appraise(app, NIPS[2], 2018)
    attacker.alter_payload(later)
    assert verify_digest(app, digest).ok
    assert not verify(app).ok


def test_triggers_refuse_update_and_delete_from_the_application_connection(app: Riwayat) -> None:
    positions = sample_log(app)
    schema = getattr(app.recorder.datastore, "schema", None)
    events = f'"{schema}".riwayat_events' if schema else "stored_events"
    chain = f'"{schema}".riwayat_chain' if schema else "riwayat_chain"
    pos, mark = ("notification_id", "%s") if schema else ("rowid", "?")
    for statement in (f"UPDATE {events} SET topic = 'x' WHERE {pos} = {mark}",
                      f"DELETE FROM {events} WHERE {pos} = {mark}",
                      f"UPDATE {chain} SET chain_hash = 'x' WHERE position = {mark}",
                      f"DELETE FROM {chain} WHERE position = {mark}"):
        with pytest.raises(Exception, match="append-only"), \
                app.recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(statement, (positions[0],))
    assert verify(app).ok
