"""A writer process of bench.projection_lag: training events through the application's save
path, open loop at a share of the asked rate."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection

from domain.envelope import Actor, Envelope
from domain.servant import CivilServant
from domain.values import TrainingKind
from service.application import Riwayat  # noqa: TID251 - a script, like the CLI
from service.settings import Settings  # noqa: TID251 - a script, like the CLI

ACTOR = Actor("bench-lag", "hr")
COMMAND = "record_training"  # made from the kinds table, so not known to the type checker
# (commit time, log position, seconds behind its schedule) per event a writer saved.
Commit = tuple[float, int, float]


def write(url: str, servant_ids: list[uuid.UUID], began: float, rate: float, total: int,
            offset: int, step: int, tick: float, out: Connection) -> None:
    """Save events offset, offset + step, ... of the schedule (each due at began + n / rate)."""
    app = Riwayat(env=Settings(database_url=url).eventsourcing_env())
    servants: list[CivilServant] = [app.repository.get(sid) for sid in servant_ids]
    commits: list[Commit] = []
    refused = 0
    try:
        n = offset
        while n < total and servants:
            delay = began + n / rate - time.monotonic()
            if delay > 0:
                time.sleep(min(delay, tick))
                continue
            due, touched = [], {}
            while n < total and servants and began + n / rate <= time.monotonic():
                servant = servants[n // step % len(servants)]
                try:
                    getattr(servant, COMMAND)(
                        Envelope(date(2025, 11, 28), f"SK/lag/{n}", date(2025, 12, 1),
                                 "Kepala BPSDM", ACTOR, datetime.now(UTC)),
                        kind=TrainingKind.TEKNIS, program=None, name=f"Diklat {n}",
                        organiser="BPSDM", hours=24, start_date=date(2025, 11, 25),
                        end_date=date(2025, 11, 28), certificate_number=f"LAG-{n}")
                except Exception:
                    refused += 1  # a retired servant, say: it gets no more events
                    servants.remove(servant)
                else:
                    due.append(began + n / rate)
                    touched[servant.id] = servant
                n += step
            recordings = app.save(*touched.values())
            committed = time.monotonic()
            commits += [(committed, r.notification.id, committed - scheduled)
                        for r, scheduled in zip(recordings, sorted(due), strict=True)]
    finally:
        app.close()
    out.send((commits, refused))
