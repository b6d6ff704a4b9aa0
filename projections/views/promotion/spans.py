"""The promotion view's span rows: per servant, each span of as-of days with one verdict.

A row carries the candidate list's filters (unit, institution, rank, eligible) and its §8
order as comparable columns: ``merit_key`` is minus the merit total in hundredths (totals are
rounded to hundredths, so the order is exactly that of ``merit_sort_key``), then the rank TMT,
the position TMT (``OPEN`` when none, as ``date.max`` sorts) and the hash of the NIP. Every
filter and order the API offers has an index that starts with the filter and ends with the
order, so a page is a range read that stops after ``first`` rows."""

from __future__ import annotations

import hashlib
from datetime import date

from domain.promotion import PromotionFacts
from domain.promotion.timeline import timeline
from domain.state import ServantState
from projections.engine.view import Row, Table, iso

OPEN = iso(date.max)  # an open end, and a missing position TMT (sorts after every day)
MERIT_ORDER = ("merit_key", "rank_tmt", "position_tmt", "tiebreak")
NIP_ORDER = ("nip",)
_COVER = ("valid_from", "valid_to")

SPAN_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"), ("unit_id", "TEXT NOT NULL"),
    ("institution_id", "TEXT NOT NULL"), ("rank", "TEXT NOT NULL"),
    ("valid_from", "DATE NOT NULL"), ("valid_to", "DATE NOT NULL"),
    ("eligible", "BOOLEAN NOT NULL"), ("merit_key", "INTEGER NOT NULL"),
    ("rank_tmt", "DATE NOT NULL"), ("position_tmt", "DATE NOT NULL"),
    ("tiebreak", "TEXT NOT NULL"),
)

SPAN_TABLE = Table("promotion_span", SPAN_COLUMNS, tuple(
    (*prefix, *order, *_COVER)
    for order in (MERIT_ORDER, NIP_ORDER)
    for prefix in ((), ("unit_id",), ("rank",), ("eligible",))
), primary_key=("servant_id", "valid_from"))


def merit_key(total: float) -> int:
    return -round(total * 100)


def tiebreak(nip: str) -> str:
    return hashlib.sha256(nip.encode("ascii")).hexdigest()


def span_rows(sid: str, facts: PromotionFacts, state: ServantState) -> list[Row]:
    position_tmt = iso(facts.position.tmt) if facts.position is not None else OPEN
    fixed = (state.nip, state.unit_id, state.institution_id, state.rank.name)
    stable = tiebreak(state.nip)
    return [
        (sid, *fixed, iso(span.valid_from), iso(span.valid_to) if span.valid_to else OPEN,
         int(span.verdict.eligible), merit_key(span.verdict.merit_total), iso(facts.rank_tmt),
         position_tmt, stable)
        for span in timeline(facts)
    ]
