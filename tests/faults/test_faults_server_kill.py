"""kill -9 of `riwayat serve` while several clients post ≥ 2,000 mutations with idempotency
keys: after a restart every acknowledged mutation is in the log exactly once, and the views
the killed processes were running applied every event exactly once."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from service.application import Riwayat
from service.auth import Authenticator, utc_now
from service.projection_wiring import open_read_models
from service.sample.load import Outcome, nip_for, start_load
from service.settings import Settings
from tests.exactly_once import assert_applied_exactly_once
from tests.faults.server import Server
from tests.support import TEST_SECRET, _free_port

CLIENTS, SERVANTS, PER_SERVANT = 8, 10, 25  # 8 clients x 10 servants x 25 trainings = 2,000
KILL_AFTER = (500, 1300)  # acknowledgements seen before each kill -9


def hr_token() -> str:
    auth = Authenticator(Settings(jwt_secret=TEST_SECRET))
    return auth.issue(
        role="hr", subject="load", scopes=("*",), ttl=timedelta(hours=1), now=utc_now()
    )


def test_kill_9_of_the_server_under_load_loses_and_duplicates_nothing(
    pg_url: str, server_env: dict[str, str], tmp_path: Path
) -> None:
    server = Server(tmp_path, _free_port(), server_env).start()
    outcome = Outcome()
    started = time.monotonic()
    try:
        load = start_load(
            server.url, hr_token(), outcome, clients=CLIENTS, servants=SERVANTS,
            per_servant=PER_SERVANT, seconds=120,
        )
        for threshold in KILL_AFTER:
            while load.is_alive() and len(outcome.acknowledged) < threshold:
                time.sleep(0.02)
            server.kill9()
            time.sleep(0.3)  # clients meet a refused port and retry
            server.start()
        load.join()
    finally:
        server.stop()
    figures = audit_log(pg_url, outcome)
    figures.update(
        attempts=outcome.attempts,
        retried=sum(outcome.failures.values()),
        seconds=round(time.monotonic() - started, 1),
    )
    print(f"\nkill -9 under load: {figures}; retry causes {dict(outcome.failures)}")
    assert not outcome.unexpected and not outcome.unacknowledged, outcome.unexpected[:3]
    assert figures["acknowledged"] == CLIENTS * SERVANTS * PER_SERVANT
    assert figures["duplicates"] == 0 and figures["lost"] == 0, figures
    assert figures["chain_links"] == figures["events"], (
        "an event without its chain link (partial write)"
    )
    settings = Settings(database_url=pg_url)
    app = Riwayat(env=settings.eventsourcing_env())
    read_models = open_read_models(settings, app)
    try:
        read_models.catch_up()  # from where the killed servers' projections stopped
        assert_applied_exactly_once(read_models)
    finally:
        read_models.stop()
        app.close()


def audit_log(
    pg_url: str, outcome: Outcome, clients: int = CLIENTS, servants: int = SERVANTS
) -> dict[str, int]:
    app = Riwayat(env=Settings(database_url=pg_url).eventsourcing_env())
    try:
        keys: Counter[str] = Counter()
        events = 0
        for nip in (nip_for(c, s) for c in range(clients) for s in range(servants)):
            servant = app.servant(nip)
            events += len(servant.events)
            keys.update(
                e.certificate_number for e in servant.events if hasattr(e, "certificate_number")
            )
        with app.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
            cursor.execute(f"SELECT count(*) FROM {app.recorder.chain_table.as_string()}")  # type: ignore[attr-defined]
            chain_links = int(cursor.fetchone()["count"])
    finally:
        app.close()
    acknowledged = set(outcome.acknowledged)
    return {
        "acknowledged": len(acknowledged),
        "in_log": sum(keys.values()),
        "duplicates": sum(n - 1 for n in keys.values() if n > 1),
        "lost": len(acknowledged - set(keys)),
        "events": events,
        "chain_links": chain_links,
    }
