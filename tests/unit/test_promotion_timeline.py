"""The verdict spans of ``domain.promotion.timeline`` agree with ``verdict_at`` on every day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.appraisal import Predikat
from domain.promotion.facts import AppraisalFact, PromotionFacts, TrainingFact
from domain.promotion.timeline import (
    HORIZON_FROM,
    Span,
    reach,
    settled_from,
    timeline,
    verdict_at,
    verdict_on,
)
from domain.values import TrainingKind
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import build_facts
from projections.views.promotion.spans import KnownTimelines
from service.sample.careers import build_servants


def test_spans_give_the_verdict_of_every_day_from_the_horizon_on() -> None:
    for servant in build_servants(0, 4, seed=11):
        facts = build_facts(ServantHistory(servant.id, servant.collect_events()))
        spans = timeline(facts)
        assert spans[0].valid_from == HORIZON_FROM and spans[-1].valid_to is None
        last = settled_from(facts) + timedelta(days=400)
        day = HORIZON_FROM
        while day <= last:
            assert verdict_on(spans, day) == verdict_at(facts, day), (facts.nip, day)
            day += timedelta(days=1)
        for far in (date(2070, 1, 1), date(2199, 12, 31)):
            assert verdict_on(spans, far) == verdict_at(facts, far)


def test_days_before_the_horizon_have_no_span() -> None:
    servant = build_servants(0, 1)[0]
    facts = build_facts(ServantHistory(servant.id, servant.collect_events()))
    assert verdict_on(timeline(facts), HORIZON_FROM - timedelta(days=1)) is None


def _kept_and_full(sequence: list[PromotionFacts]) -> tuple[list[list[Span]], list[list[Span]]]:
    kept = KnownTimelines()
    return [kept.timeline("s", f) for f in sequence], [timeline(f) for f in sequence]


def test_spans_kept_from_earlier_facts_equal_a_full_timeline_after_every_event() -> None:
    reused = 0
    for servant in build_servants(0, 8, seed=5):
        events = servant.collect_events()
        sequence = [build_facts(ServantHistory(servant.id, events[:n]))
                    for n in range(1, len(events) + 1)]
        reused += sum(reach(a, b) not in (None, (date.max, date.max))
                      for a, b in zip(sequence, sequence[1:], strict=False))
        kept, full = _kept_and_full(sequence)
        assert kept == full, sequence[-1].nip
    assert reused > 10  # the spans before a later event's reach were kept, not recomputed


def _edited(facts: PromotionFacts) -> list[PromotionFacts]:
    """Back-dated, corrected and retracted trainings and appraisals of ``facts``."""
    first, last = facts.trainings[0], facts.trainings[-1]
    appraisal = facts.appraisals[-1]
    new = TrainingFact(date(2024, 3, 1), 60, TrainingKind.TEKNIS, None, f"{facts.nip}:900")
    again = replace(appraisal, predikat=Predikat.SANGAT_KURANG, event_id=f"{facts.nip}:901")
    early = AppraisalFact(2023, Predikat.KURANG, f"{facts.nip}:902")
    return [
        replace(facts, trainings=(*facts.trainings, new)),  # back-dated
        replace(facts, trainings=(*facts.trainings, replace(new, end_date=date(2025, 11, 28)))),
        replace(facts, trainings=facts.trainings[1:]),  # retracted
        replace(facts, trainings=(replace(first, hours=first.hours + 80), *facts.trainings[1:])),
        replace(facts, trainings=(*facts.trainings[:-1], replace(last, end_date=date(2024, 6, 3)))),
        replace(facts, appraisals=(*facts.appraisals, again)),  # a later record of the year wins
        replace(facts, appraisals=facts.appraisals[:-1]),
        replace(facts, appraisals=(early, *facts.appraisals)),
        replace(facts, appraisals=(*facts.appraisals[:-1], again)),  # corrected
        replace(facts, rank_tmt=facts.rank_tmt - timedelta(days=400)),  # reaches every day
    ]


def test_back_dated_corrected_and_retracted_facts_keep_only_spans_they_cannot_reach() -> None:
    changed = 0
    for servant in build_servants(0, 12, seed=8):
        facts = build_facts(ServantHistory(servant.id, servant.collect_events()))
        if not facts.trainings or not facts.appraisals:
            continue
        for edited in _edited(facts):
            for sequence in ([facts, edited], [edited, facts], [facts, edited, facts]):
                kept, full = _kept_and_full(sequence)
                assert kept == full, (facts.nip, edited)
            changed += timeline(edited) != timeline(facts)
    assert changed > 40  # the edits move verdicts: kept stale spans would show
