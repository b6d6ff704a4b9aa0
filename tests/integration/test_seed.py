"""`riwayat seed` writes a sample with every event kind through the command path."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

from domain.competence.development import NeedSource
from domain.effective import effective_events
from domain.events import LegalStatus, LegalStatusChanged
from domain.kinds import kind_of
from domain.positions import PositionKind
from domain.servant_state import ServantState
from domain.state import fold
from domain.values import ServantStatus
from service.application import Riwayat
from service.graphql.event_types import CAREER_EVENT_CLASSES
from service.sample.careers import build_servants
from service.sample.declared import declared_samples
from service.sample.showcase import showcase
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


def _unpaid_leave(state: ServantState) -> tuple[date, dict[str, object]] | None:
    # Only a serving PNS has room for it: the retired and the deceased records are skipped.
    if state.status is not ServantStatus.PNS:
        return None
    return date(2024, 3, 1), {"legal_status": LegalStatus.CLTN, "until": date(2025, 3, 1),
                              "reason": "Cuti di luar tanggungan negara"}


def test_a_kind_the_script_leaves_out_is_seeded_from_the_sample_its_declaration_gives(
        settings: Settings) -> None:
    today = date(2026, 11, 22)
    sampled = dataclasses.replace(kind_of(LegalStatusChanged), sample=_unpaid_leave)
    nips = ["196805051990031002", "199107072015032001", "198203152008031001"]
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        showcase(app, today)
        before = [len(app.servant(nip).events) for nip in nips]
        assert not declared_samples(app, today, nips, Counter({"LegalStatusChanged": 1}),
                                    kinds=[sampled])
        added = declared_samples(app, today, nips, Counter(), kinds=[sampled])
        after = [len(app.servant(nip).events) for nip in nips]
        last = app.servant(nips[2]).events[-1]
    finally:
        app.close()
    assert added == Counter({"LegalStatusChanged": 1})
    assert after == [before[0], before[1], before[2] + 1]
    assert isinstance(last, LegalStatusChanged) and last.legal_status is LegalStatus.CLTN
