"""The merit total alone, for one servant over many as-of days (the spans of the timeline).

``merit_score`` builds every component's explanation text, which a page shows but a span
needs only the total of. Each component function reads the as-of day only through a few
inputs: performance through its year, competence through whether the talent mapping has been
made, development through its year and whether a leadership programme is done, experience
through the months in rank, integrity through each penalty's position against the day. The
score of a component is therefore cached under exactly those inputs, and the total under the
five scores, so the same functions give the same numbers and ``merit_score(facts,
day).total == MeritTotals(facts).total(day)`` for every day
(``tests/unit/test_merit_total.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date

from domain.discipline import add_months
from domain.promotion import ruleset
from domain.promotion.checks import full_months_between
from domain.promotion.facts import PromotionFacts
from domain.promotion.merit import (
    _development,
    _experience,
    _integrity,
    _performance,
    _potential,
    _Raw,
    effective_weights,
    target_level,
    weighted_total,
)

_Scores = tuple[tuple[str, float | None], ...]


class MeritTotals:
    """``merit_score(facts, day).total`` for any day, without building the explanation."""

    def __init__(self, facts: PromotionFacts) -> None:
        self._facts = facts
        self._scores: dict[tuple[str, Hashable], float | None] = {}
        self._totals: dict[_Scores, float] = {}
        target = target_level(facts)
        programs = ruleset.LEADERSHIP_PROGRAMS_FOR_LEVEL.get(target, frozenset()) if target else ()
        # Development counts a leadership programme from the first day one is done.
        ends = [t.end_date for t in facts.trainings if t.program in programs]
        self._leadership_from = min(ends) if ends else None
        self._talent_from = facts.talent_box.assessed_on if facts.talent_box else None
        deductions = {d.level: d for d in ruleset.INTEGRITY_DEDUCTIONS}
        self._penalty_windows = tuple(
            (p, p.effective_end if deductions[p.level].measured_from_end else p.start,
             deductions[p.level].window_months)
            for p in facts.penalties
        )

    def total(self, as_of: date) -> float:
        facts = self._facts
        year = as_of.year
        leadership = self._leadership_from is not None and self._leadership_from <= as_of
        assessed = self._talent_from is not None and self._talent_from <= as_of
        months = max(0, full_months_between(facts.rank_tmt, as_of))
        scores: _Scores = (
            ("P", self._score(_performance, ("P", year), as_of)),
            ("C", self._score(_potential, ("C", assessed), as_of)),
            ("D", self._score(_development, ("D", (year, leadership)), as_of)),
            ("E", self._score(_experience, ("E", months), as_of)),
            ("I", self._score(_integrity, ("I", self._integrity_inputs(as_of)), as_of)),
        )
        total = self._totals.get(scores)
        if total is None:
            total = self._totals[scores] = weighted_total(scores, effective_weights(scores))
        return total

    def _score(self, component: Callable[[PromotionFacts, date], _Raw],
               key: tuple[str, Hashable], as_of: date) -> float | None:
        if key not in self._scores:
            self._scores[key] = component(self._facts, as_of).score
        return self._scores[key]

    def _integrity_inputs(self, as_of: date) -> tuple[tuple[bool, bool, bool], ...]:
        """Per penalty, the three comparisons with the day that ``_integrity`` makes."""
        return tuple(
            (penalty.start > as_of, penalty.is_annulled_by(as_of),
             anchor > add_months(as_of, -window))
            for penalty, anchor, window in self._penalty_windows
        )
