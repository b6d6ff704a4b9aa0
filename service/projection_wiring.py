"""Building the read models from settings, for ``riwayat serve``, ``project`` and ``rebuild``."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Sequence
from typing import Any

from projections.engine.db import Store
from projections.engine.postgres import PostgresParams, PostgresStore
from projections.engine.sqlite import SQLiteStore
from projections.read_models import ReadModels
from projections.views import views_named
from service.application import Riwayat
from service.progress import Bar
from service.settings import Settings
from service.store.replica import StandbyReadStore

log = logging.getLogger("riwayat.projections")


def open_store(settings: Settings) -> Store:
    """The views' store; with a read database URL, one whose queries read the standby."""
    if settings.is_postgres:
        params = _params(settings.postgres)
        standby = settings.read_postgres
        if standby is not None:
            return StandbyReadStore(params, _params(standby), pool_size=settings.db_pool_size)
        return PostgresStore(params, pool_size=settings.db_pool_size)
    return SQLiteStore(settings.sqlite_path)


def _params(pg: dict[str, str]) -> PostgresParams:
    return PostgresParams(pg["dbname"], pg["host"], pg["port"], pg["user"], pg["password"],
                          pg["schema"])


def open_read_models(settings: Settings, app: Any, names: Sequence[str] | None = None) -> ReadModels:
    """The read models over the log ``app`` writes to; call ``.start()`` to run the views in
    a background thread and ``.stop()`` at shutdown."""
    return ReadModels(open_store(settings), app, batch_size=settings.projection_batch_size,
                      poll_seconds=settings.projection_poll_seconds, view_names=names)


def run_worker(settings: Settings, names: Sequence[str] | None = None,
               stop: threading.Event | None = None) -> None:
    """``riwayat project``: run the views until SIGTERM/SIGINT (or ``stop``). A second worker
    for the same view waits as a standby until the first one's lock is released."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    app = Riwayat(env=settings.eventsourcing_env())
    read_models = open_read_models(settings, app, names)
    runner = read_models.runner()
    try:
        runner.run_forever(stop)
    finally:
        runner.close()
        read_models.stop()
        app.close()


def rebuild(settings: Settings, name: str | None = None, bar: Bar | None = None) -> None:
    """``riwayat rebuild [NAME]``: build fresh tables from position 0 beside the serving ones,
    switch readers when caught up, then drop the old tables; ``bar`` counts the log's events."""
    names = [name] if name else None
    views_named(names)  # fail early on an unknown name
    app = Riwayat(env=settings.eventsourcing_env())
    read_models = open_read_models(settings, app, names)
    try:
        if bar is not None:
            bar.set_total(app.recorder.max_notification_id() or 0)
        read_models.rebuild(names, progress=None if bar is None else bar.reach)
    finally:
        read_models.stop()
        app.close()
