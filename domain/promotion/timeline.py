"""A servant's promotion verdict as a function of the as-of date, as a list of spans.

``verdict_at(facts, day)`` is the one place that says what a candidate list sorts and filters
by: eligibility at the next period date on or after ``day`` and the merit total at ``day``.
Both are pure functions of the facts and the day, and they change only on days this module can
name in advance (``change_dates``): the day after a period date (the candidate TMT moves on),
New Year (appraisal and training years), a month-anniversary of the rank TMT (months in rank),
a penalty's start, end, annulment and window edges, a training's end, a talent assessment.
Between two such days the verdict is constant, and after the last one it never changes again,
so the spans cover every day from ``HORIZON_FROM`` on, with no end: nothing has to be
recomputed because time passes. A rule that reads another dated fact must add its dates to
``change_dates``; ``tests/unit/test_promotion_timeline.py`` compares the spans with
``verdict_at`` day by day.

A servant's next event usually changes little: ``reach`` names the days on which the old and
the new facts may give different verdicts, and ``timeline_since`` keeps the old spans outside
them and evaluates only the days between; the result is the same list of spans
(``tests/unit/test_promotion_timeline.py`` checks it against ``timeline`` after every event).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import lru_cache

from domain.discipline import add_months
from domain.functional.assess import evaluate
from domain.functional.gate import eligible
from domain.promotion import ruleset
from domain.promotion.facts import AppraisalFact, PromotionFacts
from domain.promotion.merit import merit_score
from domain.promotion.merit_total import MeritTotals
from domain.rules.periods import next_period_date as _next_period_date

# Spans start here; an earlier as-of date is answered by evaluating the servants directly.
HORIZON_FROM = date(2024, 1, 1)
# After the last dated fact every component is settled within this many months (the longest
# reach: a training year leaves the 3-year development mean after at most 48 months; the
# penalty windows' edges are fact dates themselves).
_SETTLED_AFTER_MONTHS = 5 * 12
# The facts that ``reach`` follows item by item; any other change reaches every day.
_DATED_LISTS = ("trainings", "appraisals")
_WHOLE = tuple(f.name for f in fields(PromotionFacts) if f.name not in _DATED_LISTS)


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    merit_total: float


@dataclass(frozen=True)
class Span:
    valid_from: date
    valid_to: date | None  # exclusive; None = for ever after
    verdict: Verdict


# Every servant asks about the same days, and the period tables are constants.
next_period_date = lru_cache(maxsize=16_384)(_next_period_date)


def eligible_at(facts: PromotionFacts, candidate_tmt: date) -> bool:
    """The gate at a candidate TMT: every rule set that decides a promotion plugs in here."""
    # The rule set of the position held (KP reguler, or F0-F3 for a functional servant), as
    # the candidate list judges it.
    return evaluate(facts, candidate_tmt, None).eligible


def verdict_at(facts: PromotionFacts, day: date) -> Verdict:
    """What the candidate list filters and orders by, for the as-of ``day``."""
    return Verdict(eligible_at(facts, next_period_date(day)), merit_score(facts, day).total)


def _fact_dates(facts: PromotionFacts) -> set[date]:
    """Every day on which one of the facts starts to count, or stops counting."""
    days = {facts.rank_tmt, facts.cpns_tmt}
    days.update(date(a.year + 1, 1, 1) for a in facts.appraisals)
    days.update(e.recognised_on for e in facts.education)
    days.update(t.end_date for t in facts.trainings)
    if facts.position is not None:
        days.add(facts.position.tmt)
    for credit in facts.credits:
        days.update((credit.period_start, credit.period_end))
    if facts.talent_box is not None:
        days.add(facts.talent_box.assessed_on)
    if facts.retirement_tmt is not None:
        days.add(facts.retirement_tmt)
    for penalty in facts.penalties:
        days.update((penalty.start, penalty.effective_end))
        if penalty.annulled_on is not None:
            days.add(penalty.annulled_on)
        for deduction in ruleset.INTEGRITY_DEDUCTIONS:
            for anchor in (penalty.start, penalty.effective_end):
                days.add(add_months(anchor, deduction.window_months))
    return days


def settled_from(facts: PromotionFacts) -> date:
    """A day after which ``verdict_at`` no longer changes."""
    experience_full = ruleset.MINIMUM_MONTHS_IN_RANK + ruleset.EXPERIENCE_FULL_AFTER_MONTHS
    # Retirement is left out: from it on the gate is shut, and by then nothing else moves.
    dated = _fact_dates(facts) - {facts.retirement_tmt} | {HORIZON_FROM}
    latest = max(dated)
    return max(add_months(date(latest.year, latest.month, 1), _SETTLED_AFTER_MONTHS),
               add_months(facts.rank_tmt, experience_full + 1))


def change_dates(facts: PromotionFacts) -> list[date]:
    """Sorted days from ``HORIZON_FROM`` to ``settled_from`` on which the verdict may change."""
    end = settled_from(facts)
    days = {d for fact in _fact_dates(facts) for d in (fact, fact + timedelta(days=1))}
    month = HORIZON_FROM
    while month <= end:
        # The 1st (New Year, clamped month arithmetic) and the 2nd (the day after a period date).
        days.update((month, month + timedelta(days=1)))
        # Months in rank grow on the rank TMT's day of the month (or the 1st, when the month
        # has no such day).
        with contextlib.suppress(ValueError):
            days.add(month.replace(day=facts.rank_tmt.day))
        month = add_months(month, 1)
    return sorted(d for d in days if HORIZON_FROM <= d <= end)


def timeline(facts: PromotionFacts) -> list[Span]:
    """The verdict for every day from ``HORIZON_FROM`` on, merged into constant spans."""
    return _evaluated(facts, [], change_dates(facts))


def timeline_since(facts: PromotionFacts, earlier: list[Span], since: date,
                   until: date | None = None) -> list[Span]:
    """``timeline(facts)``, given ``earlier`` spans that hold the verdict of ``facts`` on every
    day before ``since`` and from ``until`` on (the spans of facts whose change reaches only
    the days between, ``reach``)."""
    since = max(since, HORIZON_FROM)
    if until is not None and until <= since:
        return list(earlier)
    kept = [span for span in earlier if span.valid_from < since]
    if kept:  # open again: the evaluation from ``since`` on closes it or not
        kept[-1] = Span(kept[-1].valid_from, None, kept[-1].verdict)
    days = [d for d in change_dates(facts) if since < d and (until is None or d < until)]
    spans = _evaluated(facts, kept, [since, *days])
    return spans if until is None else _joined(spans, earlier, until)


def _joined(spans: list[Span], earlier: list[Span], until: date) -> list[Span]:
    """``spans`` (the last one open, from before ``until``) carried on by ``earlier`` from
    ``until`` on, merged where the verdict goes on."""
    for span in earlier:
        if span.valid_to is not None and span.valid_to <= until:
            continue
        start = max(span.valid_from, until)
        last = spans[-1]
        if start == until and last.verdict == span.verdict:
            spans[-1] = Span(last.valid_from, span.valid_to, span.verdict)
            continue
        if start == until:
            spans[-1] = Span(last.valid_from, until, last.verdict)
        spans.append(Span(start, span.valid_to, span.verdict))
    return spans


def _evaluated(facts: PromotionFacts, spans: list[Span], days: list[date]) -> list[Span]:
    """``spans`` carried on over ``days`` (the days on which the verdict may change)."""
    gate: dict[date, bool] = {}  # many as-of days share a candidate TMT
    merit = MeritTotals(facts)  # the total only: the explanation is built when a page asks
    for day in days:
        tmt = next_period_date(day)
        if tmt not in gate:
            gate[tmt] = eligible(facts, tmt)  # ``eligible_at`` without the explanations
        verdict = Verdict(gate[tmt], merit.total(day))
        if spans and spans[-1].verdict == verdict:
            continue
        if spans:
            spans[-1] = Span(spans[-1].valid_from, day, spans[-1].verdict)
        spans.append(Span(day, None, verdict))
    return spans


def reach(old: PromotionFacts, new: PromotionFacts) -> tuple[date, date | None] | None:
    """The days on which ``verdict_at`` may differ for ``old`` and ``new``: from the first on,
    up to the second (exclusive; None: for ever). None when the change may reach any day."""
    if old == new:
        return date.max, date.max
    if any(getattr(old, name) != getattr(new, name) for name in _WHOLE):
        return None
    trainings, before = Counter(new.trainings), Counter(old.trainings)
    changed = list((trainings - before) + (before - trainings))
    years = {a.year for a in (*old.appraisals, *new.appraisals)
             if _of_year(old, a.year) != _of_year(new, a.year)}
    # A training counts from its end on: in the development of the as-of years after its own
    # (``DEVELOPMENT_YEARS`` of them), and a programme as leadership training on every day
    # after; the gate never reads one. The latest appraisal of a year counts in the two years
    # after (the merit's performance years before the as-of year, the gate's before the TMT's).
    # A TMT is never before its as-of day, so the first day reached is the first whose TMT is.
    starts = [t.end_date for t in changed] + [date(year + 1, 1, 1) for year in years]
    ends = [None if t.program is not None
            else date(t.end_date.year + ruleset.DEVELOPMENT_YEARS + 1, 1, 1) for t in changed]
    ends += [date(year + 1 + len(ruleset.PERFORMANCE_YEAR_WEIGHTS), 1, 1) for year in years]
    if not starts:
        return date.max, date.max
    latest = None if None in ends else max(d for d in ends if d is not None)
    return _first_day_asking(min(starts)), latest


def _of_year(facts: PromotionFacts, year: int) -> list[AppraisalFact]:
    return [a for a in facts.appraisals if a.year == year]


def _first_day_asking(tmt: date) -> date:
    """The first as-of day whose candidate TMT is ``tmt`` or later."""
    day = tmt
    while day > HORIZON_FROM and next_period_date(day - timedelta(days=1)) >= tmt:
        day -= timedelta(days=1)
    return day


def verdict_on(spans: list[Span], day: date) -> Verdict | None:
    """The span covering ``day``, or None before the horizon."""
    for span in spans:
        if span.valid_from <= day and (span.valid_to is None or day < span.valid_to):
            return span.verdict
    return None
