"""Reads through a real hot standby (scripts/standby.sh, started by .ci/run): the views' queries
go to the standby, writes and the projection runner to the primary, and read-your-writes holds
by waiting for the standby's own copy of the views to reach the acknowledged position."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest

from tests import support
from tests.e2e.career import NIP, Career
from tests.support import POSTGRES_URL, LiveServer, errors_of, postgres_schema

ENV = "RIWAYAT_TEST_STANDBY_URL"
HISTORY = "query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) { name lastPosition } }"


def standby_url() -> str:
    """The standby of POSTGRES_URL's cluster; a test that cannot reach it fails when it was
    named (``.ci/run`` names it) or under CI=true, and is skipped only on a bare laptop."""
    named = os.environ.get(ENV)
    url = named or urlparse(POSTGRES_URL)._replace(netloc="postgres@127.0.0.1:5433").geturl()
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            in_recovery = conn.execute("SELECT pg_is_in_recovery()").fetchone()
    except psycopg.OperationalError as error:
        reason = f"no hot standby at {url} (scripts/standby.sh start): {error}"
        if named or os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    assert in_recovery == (True,), f"{url} is not a standby"
    return url


@pytest.fixture
def standby() -> str:
    return standby_url()


@pytest.fixture
def primary_schema(standby: str) -> Iterator[str]:
    with postgres_schema() as url:
        schema = url.rsplit("schema=", 1)[1]
        _until(lambda: _standby_has_schema(standby, schema), "the schema to reach the standby")
        yield url


@pytest.fixture
def replica_api(primary_schema: str, standby: str, tmp_path: Path) -> Iterator[LiveServer]:
    settings = support.test_settings(primary_schema, tmp_path, read_database_url=standby,
                             read_your_writes_timeout=10.0)
    with LiveServer(settings) as server:
        yield server


def _standby_has_schema(standby: str, schema: str) -> bool:
    with psycopg.connect(standby) as conn:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    return found is not None


def _until(check: object, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _primary_view_position(primary_schema: str, view: str) -> int:
    schema = primary_schema.rsplit("schema=", 1)[1]
    with psycopg.connect(POSTGRES_URL) as conn:
        row = conn.execute(
            f'SELECT t.position FROM "{schema}".projection_tracking t JOIN "{schema}".projection_registry r'
            " ON r.name = t.name AND r.active_generation = t.generation WHERE t.name = %s", (view,),
        ).fetchone()
    return int(row[0]) if row else -1


def test_standby_refuses_writes(standby: str, primary_schema: str) -> None:
    schema = primary_schema.rsplit("schema=", 1)[1]
    with psycopg.connect(standby, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute(f'CREATE TABLE "{schema}".written_on_standby (id int)')
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)


def test_a_write_is_read_back_at_once_through_the_standby(replica_api: LiveServer) -> None:
    position = Career(replica_api).appoint(name="Budi Replika")["position"]

    body = replica_api.gql(HISTORY, {"nip": NIP, "p": position}, role="auditor")

    assert not body.get("errors"), body
    assert body["data"]["careerHistory"] == {"name": "Budi Replika", "lastPosition": position}


def test_a_read_waits_for_the_standby_and_names_it_when_replay_lags(
        replica_api: LiveServer, standby: str, primary_schema: str) -> None:
    Career(replica_api).appoint(name="Budi Sebelum")
    with psycopg.connect(standby, autocommit=True) as control:
        control.execute("SELECT pg_wal_replay_pause()")
        try:
            _until(lambda: control.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()
                   == ("paused",), "replay to pause")
            position = Career(replica_api).ok(
                "recordTraining", name="Latsar Replika")["position"]
            _until(lambda: _primary_view_position(primary_schema, "career_history") >= position,
                   "the primary's view to apply the write")

            paused = replica_api.gql(HISTORY, {"nip": NIP, "p": position}, role="auditor")

            assert errors_of(paused) == ["REPLICA_BEHIND"], paused
        finally:
            control.execute("SELECT pg_wal_replay_resume()")
    resumed = replica_api.gql(HISTORY, {"nip": NIP, "p": position}, role="auditor")
    assert not resumed.get("errors"), resumed
    assert resumed["data"]["careerHistory"]["lastPosition"] == position


def test_the_views_are_written_on_the_primary_and_read_from_the_standby(
        replica_api: LiveServer, standby: str, primary_schema: str) -> None:
    position = Career(replica_api).appoint()["position"]
    replica_api.gql(HISTORY, {"nip": NIP, "p": position}, role="auditor")
    schema = primary_schema.rsplit("schema=", 1)[1]

    with psycopg.connect(standby) as conn:
        readers = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()").fetchone()
        rows = conn.execute(f'SELECT count(*) FROM "{schema}".projection_tracking').fetchone()

    assert readers is not None and readers[0] >= 1, "the server holds no connection to the standby"
    assert rows is not None and rows[0] >= 1
    assert _primary_view_position(primary_schema, "career_history") >= position
