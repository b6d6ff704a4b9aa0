"""The promotion view's span rows: per servant, each span of as-of days with one verdict.

A row carries the candidate list's filters (unit, institution, rank, eligible) and its §8
order as comparable columns: ``merit_key`` is minus the merit total in hundredths (totals are
rounded to hundredths, so the order is exactly that of ``merit_sort_key``), then the rank TMT,
the position TMT (``OPEN`` when none, as ``date.max`` sorts) and the hash of the NIP. Every
filter and order the API offers has an index that starts with the filter and ends with the
order, so a page is a range read that stops after ``first`` rows.

Spans are cut at New Year into pieces, each filed under its year (``bucket``; the last bucket
holds every day from its year on), and every index starts with the bucket. Without it a page
read walks, in merit order, the spans of other days of every servant before it finds the
``first`` that cover the day asked: work that grows with the population. Within one bucket a
servant has only the few pieces of that year, so a page reads a bounded multiple of its rows."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from datetime import date

from domain.promotion import PromotionFacts
from domain.promotion.timeline import Span, reach, timeline, timeline_since
from domain.state import ServantState
from projections.engine.view import Row, Table, iso
from projections.views.columns import SERVANT

OPEN = iso(date.max)  # an open end, and a missing position TMT (sorts after every day)
MERIT_ORDER = ("merit_key", "rank_tmt", "position_tmt", "tiebreak")
NIP_ORDER = ("nip",)
_COVER = ("valid_from", "valid_to")

SPAN_COLUMNS = (
    *SERVANT, ("unit_id", "TEXT NOT NULL"),
    ("institution_id", "TEXT NOT NULL"), ("rank", "TEXT NOT NULL"),
    ("valid_from", "DATE NOT NULL"), ("valid_to", "DATE NOT NULL"),
    ("eligible", "BOOLEAN NOT NULL"), ("merit_key", "INTEGER NOT NULL"),
    ("rank_tmt", "DATE NOT NULL"), ("position_tmt", "DATE NOT NULL"),
    ("tiebreak", "TEXT NOT NULL"), ("bucket", "INTEGER NOT NULL"),
)
# Years before it have a bucket each; the last bucket covers every day from its New Year on
# (by then most careers have settled into their last span).
LAST_BUCKET = 2032

SPAN_TABLE = Table("promotion_span", SPAN_COLUMNS, tuple(
    ("bucket", *prefix, *order, *_COVER)
    for order in (MERIT_ORDER, NIP_ORDER)
    for prefix in ((), ("unit_id",), ("rank",), ("eligible",))
) + (("nip", *_COVER),),  # a page's servants' spans, for their earliest eligible dates
    primary_key=("servant_id", "valid_from"))


def merit_key(total: float) -> int:
    return -round(total * 100)


def tiebreak(nip: str) -> str:
    return hashlib.sha256(nip.encode("ascii")).hexdigest()


def bucket(day: date) -> int:
    """The bucket of the spans' pieces that cover ``day``."""
    return min(day.year, LAST_BUCKET)


def yearly_pieces(valid_from: date, valid_to: date | None) -> Iterator[tuple[date, date | None, int]]:
    """``[valid_from, valid_to)`` cut at each New Year up to the last bucket's, with buckets."""
    start = valid_from
    while True:
        year = bucket(start)
        cut = date(year + 1, 1, 1) if year < LAST_BUCKET else None
        if cut is None or (valid_to is not None and valid_to <= cut):
            yield start, valid_to, year
            return
        yield start, cut, year
        start = cut


class KnownTimelines:
    """Each servant's last facts and their spans: the next facts of a servant reuse the spans
    on the days their change cannot reach (``reach``). The spans are a pure
    function of the facts, so what is kept is true whatever became of the batch that built it
    (a rolled-back batch, another generation, a rebuild). Bounded by servants."""

    def __init__(self, max_servants: int = 2_000) -> None:
        self.max_servants = max_servants
        self._kept: OrderedDict[str, tuple[PromotionFacts, list[Span]]] = OrderedDict()

    def timeline(self, sid: str, facts: PromotionFacts) -> list[Span]:
        found = self._kept.pop(sid, None)
        days = reach(found[0], facts) if found is not None else None
        spans = timeline(facts) if found is None or days is None else (
            timeline_since(facts, found[1], *days))
        self._kept[sid] = (facts, spans)
        if len(self._kept) > self.max_servants:
            self._kept.popitem(last=False)
        return spans


def span_rows(sid: str, facts: PromotionFacts, state: ServantState,
              timelines: KnownTimelines | None = None) -> list[Row]:
    position_tmt = iso(facts.position.tmt) if facts.position is not None else OPEN
    fixed = (state.nip, state.unit_id, state.institution_id, state.rank.name)
    stable = tiebreak(state.nip)
    rank_tmt = iso(facts.rank_tmt)
    return [
        (sid, *fixed, iso(start), iso(end) if end else OPEN, int(span.verdict.eligible),
         merit_key(span.verdict.merit_total), rank_tmt, position_tmt, stable, year)
        for span in (timelines.timeline(sid, facts) if timelines else timeline(facts))
        for start, end, year in yearly_pieces(span.valid_from, span.valid_to)
    ]
