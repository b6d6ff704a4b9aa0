"""The bool-only promotion gate gives the full evaluation's verdict for every servant and date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from domain.functional.assess import LOWEST_STRUCTURAL_RANK, evaluate
from domain.functional.gate import eligible
from domain.periods import next_period_date
from domain.promotion.facts import AppraisalFact, CreditFact, PromotionFacts
from domain.values import Predikat, Rank
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import build_facts
from service.sample.careers import build_servants

STRUCTURAL_STEPS = list(LOWEST_STRUCTURAL_RANK.items())
GOOD_YEARS = tuple(AppraisalFact(year, Predikat.BAIK, f"good:{year}") for year in range(2000, 2040))


def _period_dates(first: date, last: date) -> list[date]:
    days, day = [], next_period_date(first)
    while day <= last:
        days.append(day)
        day = next_period_date(date.fromordinal(day.toordinal() + 1))
    return days


def _careers(count: int, seed: int) -> list[PromotionFacts]:
    return [build_facts(ServantHistory(s.id, s.collect_events()))
            for s in build_servants(0, count, seed=seed)]


# Period dates of both regimes, R8's last days, and days that are not period dates at all.
DATES = [*_period_dates(date(2016, 1, 1), date(2034, 1, 1)),
         date(2025, 5, 19), date(2025, 5, 20), date(2026, 3, 15), date(2023, 12, 31)]


def test_the_gate_agrees_with_the_full_evaluation_over_generated_careers() -> None:
    seen = []
    for facts in _careers(160, seed=23) + _careers(80, seed=3):
        for tmt in DATES:
            expected = evaluate(facts, tmt).eligible
            assert eligible(facts, tmt) == expected, (facts.nip, tmt)
            seen.append(expected)
    assert len(seen) > 30_000


def test_the_gate_agrees_on_every_rule_set_and_at_the_edges_of_the_rank_ladder() -> None:
    verdicts = set()
    for facts in _careers(60, seed=41):
        # Good appraisals in every year let the other rules decide (R2 and S4 pass).
        good = replace(facts, appraisals=GOOD_YEARS)
        variants = [facts, good, replace(good, rank=Rank.IV_E), replace(good, rank=Rank.I_A),
                    replace(good, position=None), replace(facts, appraisals=()),
                    # Enough credit for any rank step (F1 passes).
                    replace(good, credits=(CreditFact(facts.rank_tmt, facts.rank_tmt,
                                                      Decimal(1000), None, "pak:1"),))]
        if facts.position is not None:
            variants.append(replace(good, position=replace(
                facts.position, functional_level=None, supervisor_rank=None)))
            # A structural official one step below the position's lowest rank (S1-S4).
            level, lowest = STRUCTURAL_STEPS[int(facts.nip[-1]) % len(STRUCTURAL_STEPS)]
            below = next(rank for rank in Rank if rank.next() is lowest)
            variants.append(replace(good, rank=below, position=replace(
                facts.position, functional_level=None, level=level)))
        for variant in variants:
            for tmt in DATES[::4]:
                expected = evaluate(variant, tmt).eligible
                assert eligible(variant, tmt) == expected, (variant.nip, tmt)
                verdicts.add((evaluate(variant, tmt).promotion_kind, expected))
    # Every rule set the position can choose was exercised, passing and failing.
    kinds = ("KP_REGULER", "KP_PILIHAN_JF", "KP_PILIHAN_STRUKTURAL")
    assert verdicts >= {(kind, passed) for kind in kinds for passed in (True, False)}
