"""`riwayat seed` writes a sample with every event kind through the command path."""

from __future__ import annotations

from datetime import date

from service.application import Riwayat
from service.graphql.event_types import CAREER_EVENT_CLASSES
from service.seed import seed
from service.settings import Settings


def test_seed_records_every_event_kind_and_refuses_nothing(settings: Settings) -> None:
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        report = seed(app, servants=12, random_seed=1, today=date(2026, 11, 22))
    finally:
        app.close()
    kinds = {cls.__name__ for cls in CAREER_EVENT_CLASSES}
    assert kinds <= set(report["by_type"]), kinds - set(report["by_type"])
    assert not [k for k in report["by_type"] if k.startswith("refused")]
    assert report["events"] == sum(report["by_type"].values())
