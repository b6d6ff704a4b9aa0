"""The totals-only merit path equals the full merit score's total on every day it is asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.discipline import DisciplineLevel, PenaltyType
from domain.promotion import PenaltyFact, PromotionFacts, merit_score
from domain.promotion.merit_total import MeritTotals
from domain.promotion.timeline import change_dates
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import build_facts
from service.sample.careers import build_servants


def generated_facts(count: int, seed: int) -> list[PromotionFacts]:
    return [
        build_facts(ServantHistory(servant.id, servant.collect_events()))
        for servant in build_servants(0, count, seed=seed)
    ]


def days_to_check(facts: PromotionFacts) -> list[date]:
    """Every change date of the timeline, and every fifth day from 2012 to 2034."""
    days = set(change_dates(facts))
    day = date(2012, 1, 1)
    while day <= date(2034, 12, 31):
        days.add(day)
        day += timedelta(days=5)
    return sorted(days)


def assert_totals_agree(facts: PromotionFacts) -> int:
    totals = MeritTotals(facts)
    days = days_to_check(facts)
    for day in days:
        assert totals.total(day) == merit_score(facts, day).total, (facts.nip, day)
    return len(days)


def with_penalties(facts: PromotionFacts) -> PromotionFacts:
    """The facts with penalties of every level, one of them annulled, around 2025-2028."""
    penalty_types = {
        DisciplineLevel.RINGAN: PenaltyType.TEGURAN_LISAN,
        DisciplineLevel.SEDANG: PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
        DisciplineLevel.BERAT: PenaltyType.PENURUNAN_JABATAN_SETINGKAT,
    }
    penalties = tuple(
        PenaltyFact(level, penalty_types[level], date(2025, 3 + i, 10 + i),
                    date(2026, 1 + i, 10 + i) if level is not DisciplineLevel.RINGAN else None,
                    date(2026, 6, 1) if level is DisciplineLevel.SEDANG else None,
                    f"{facts.nip}:{90 + i}")
        for i, level in enumerate(DisciplineLevel)
    )
    return replace(facts, penalties=facts.penalties + penalties)


def test_totals_only_merit_equals_the_full_total_for_generated_careers() -> None:
    checked = sum(assert_totals_agree(facts) for facts in generated_facts(24, seed=17))
    assert checked > 24 * 1500  # many days per servant, not a handful


def test_totals_only_merit_equals_the_full_total_with_penalties_and_annulments() -> None:
    for facts in generated_facts(6, seed=23):
        penalised = with_penalties(facts)
        assert assert_totals_agree(penalised) > 1500
        # The penalties must move the total somewhere, or the integrity path went untested.
        assert any(
            merit_score(penalised, day).total != merit_score(facts, day).total
            for day in (date(2025, 12, 1), date(2026, 8, 1), date(2027, 6, 1))
        )


def test_totals_asked_in_any_order_do_not_reuse_a_stale_score() -> None:
    # Asking later days first, then earlier ones, must not carry a score across the inputs.
    for facts in generated_facts(8, seed=29):
        totals = MeritTotals(facts)
        for day in reversed(days_to_check(facts)[::7]):
            assert totals.total(day) == merit_score(facts, day).total, (facts.nip, day)
