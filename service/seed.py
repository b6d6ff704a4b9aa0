"""A realistic sample (``riwayat seed``): the scripted careers of ``service.sample.showcase``
and generated ones (``service.sample.careers``, mostly functional servants), judged against the
position standards and the agency technical competencies recorded here first, all through the
domain's own commands (so every rule applies)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from domain.envelope import Actor, Envelope
from domain.ranks import Rank
from service.application import Riwayat
from service.position_standards import set_standard
from service.sample.careers import build_servants
from service.sample.functional import (
    NURSING_CARE,
    NURSING_CARE_DEFINITION,
    SAMPLE_STANDARDS,
    SUCCESSION_TARGET,
)
from service.sample.showcase import showcase
from service.technical_competencies import define_competency

SAVE_BATCH = 100  # servants per save (one transaction)


def seed(app: Riwayat, *, servants: int = 300, random_seed: int = 20261122, today: date | None = None,
         progress: Callable[[int], None] = lambda saved: None) -> dict[str, Any]:
    """The four scripted careers of ``showcase`` and ``servants - 4`` generated ones (the
    generator of the benchmarks and tests, ``service.sample.careers``), saved in batches;
    ``progress`` hears how many servants each save added."""
    today = today or datetime.now(UTC).date()
    counts = technical_dictionary(app) + standards(app)
    counts += showcase(app, today)
    progress(4)
    generated = max(0, servants - 4)
    for first in range(0, generated, SAVE_BATCH):
        batch = build_servants(first, min(SAVE_BATCH, generated - first), seed=random_seed)
        counts.update(type(e).__name__ for s in batch for e in s.pending_events)
        app.save(*batch)
        progress(len(batch))
    return {"servants": servants, "events": sum(v for k, v in counts.items() if not k.startswith("refused")),
            "by_type": dict(sorted(counts.items()))}


REQUIREMENTS: dict[str, dict[str, Any]] = {
    "PENGAWAS": {"trainings": "PKP"},
    SUCCESSION_TARGET: {"trainings": "PKA", "min_rank": Rank.III_C},
}


def technical_dictionary(app: Riwayat) -> Counter[str]:
    """The health ministry's technical competency the nurses' standard names (its first
    definition, so its evidence id is the one the generated assessments rely on)."""
    agency, _, code = NURSING_CARE.partition(".")
    envelope = Envelope(
        tmt=date(2020, 1, 1), sk_number="KMK-KOMPTEK/001/2019", sk_date=date(2019, 11, 4),
        sk_official="Menteri Kesehatan", actor=Actor("seed-hr-1", "hr"),
        recorded_at=datetime(2019, 11, 11, 9, tzinfo=UTC))
    recorded = define_competency(app, agency, envelope, code, "Asuhan Keperawatan", None, None)
    assert recorded.event_id == NURSING_CARE_DEFINITION
    return Counter({recorded.event_type: 1})


def standards(app: Riwayat) -> Counter[str]:
    counts = Counter[str]()
    for number, (position_id, required) in enumerate(SAMPLE_STANDARDS.items(), start=1):
        envelope = Envelope(
            tmt=date(2020, 1, 1), sk_number=f"SK-SKJ/{number:03d}/2019", sk_date=date(2019, 12, 2),
            sk_official="Kepala BKN", actor=Actor("seed-hr-1", "hr"),
            recorded_at=datetime(2019, 12, 9, 9, tzinfo=UTC),
        )
        recorded = set_standard(app, position_id, envelope, {
            "required": required, "valid_to": None, "min_rank": None, "min_education": None,
            "trainings": None, "min_experience_months": None,
            **REQUIREMENTS.get(position_id, {})}, None)
        counts[recorded.event_type] += 1
    return counts


