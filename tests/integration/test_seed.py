"""`riwayat seed` writes a sample with every event kind through the command path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain.competence.development import NeedSource
from domain.effective import effective_events
from domain.positions import PositionKind
from domain.state import fold
from service.application import Riwayat
from service.graphql.event_types import CAREER_EVENT_CLASSES
from service.sample.careers import build_servants
from service.seed import seed
from service.settings import Settings
from service.standard_reads import servant_record


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


def test_the_seed_is_mostly_functional_with_credit_talent_assessments_and_gaps(
        settings: Settings) -> None:
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        report = seed(app, servants=64, random_seed=3, today=date(2026, 11, 22))
        nips = [nip_for_index(i) for i in range(60)]
        states = {nip: fold(effective_events(app.servant(nip).events)) for nip in nips}
        functional = [n for n, s in states.items()
                      if s.position is not None and s.position.kind is PositionKind.FUNGSIONAL]
        with_gaps = [n for n in nips if any(
            need.is_open and need.source is NeedSource.COMPETENCY_GAP
            for need in servant_record(app, n, date(2025, 12, 31))[0].needs)]
    finally:
        app.close()
    assert len(functional) > len(nips) / 2
    assert all(states[n].credits for n in functional)
    counts = report["by_type"]
    assert 0 < counts["CompetencyAssessed"] < 64 and 0 < counts["TalentMapped"] < 64
    assert counts["TrainingEvaluated"] > 0 and counts["TechnicalCompetencyDefined"] == 1
    assert with_gaps, "no generated servant is left with an open competency gap"


def test_the_seed_is_deterministic(settings: Settings, tmp_path: Path) -> None:
    reports = []
    for run in range(2):
        other = Settings.from_env({"RIWAYAT_DATABASE_URL": f"sqlite:///{tmp_path}/{run}.db"})
        app = Riwayat(env=other.eventsourcing_env())
        try:
            reports.append(seed(app, servants=20, random_seed=5, today=date(2026, 11, 22)))
        finally:
            app.close()
    assert reports[0] == reports[1]


def nip_for_index(index: int) -> str:
    return build_servants(index, 1, seed=3)[0].nip
