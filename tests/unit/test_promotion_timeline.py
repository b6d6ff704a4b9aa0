"""The verdict spans of ``domain.promotion.timeline`` agree with ``verdict_at`` on every day."""

from __future__ import annotations

from datetime import date, timedelta

from domain.promotion.timeline import HORIZON_FROM, settled_from, timeline, verdict_at, verdict_on
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import build_facts
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
