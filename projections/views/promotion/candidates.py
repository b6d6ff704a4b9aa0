"""Ranking promotion candidates at an as-of date: eligibility (domain.md §7.2-7.4) at the next
period date, merit (§8) at the as-of date, and the §8 order with its tie-breakers. All rules and
weights come from ``domain.promotion``; this module only applies them to stored facts."""

from __future__ import annotations

import base64
import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from domain.errors import DomainError
from domain.functional.assess import PromotionKind, earliest, evaluate
from domain.periods import next_period_date
from domain.promotion import (
    Eligibility,
    MeritScore,
    PromotionFacts,
    merit_score,
    merit_sort_key,
)
from projections import json_codec
from projections.engine.view import to_json
from projections.views.promotion.facts import facts_from_json

ORDERS = ("MERIT", "NIP")
ASSESSED_CACHE_SIZE = 8192  # a few pages of every filter a busy office asks for
SortKey = tuple[Any, ...]


@dataclass(frozen=True)
class Candidate:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    facts: PromotionFacts
    as_of: date
    eligibility: Eligibility
    merit: MeritScore
    sort_key: SortKey = field(compare=False)
    kind: PromotionKind | None = field(default=None, compare=False)  # None: by position

    def earliest_eligible(self) -> date | None:
        # Costly (it walks period dates), so computed only for the nodes a page shows.
        return earliest(self.facts, self.as_of, self.kind)


def candidate_tmt(as_of: date) -> date:
    """The promotion date a question "as of" a day is about: the next legal period date."""
    return next_period_date(as_of)


def assess(nip: str, name: str, unit_id: str, unit_name: str, facts: PromotionFacts,
           as_of: date, order: str = "MERIT", kind: PromotionKind | None = None) -> Candidate:
    # The rule set follows the position held (functional servants get F0-F3) unless asked.
    eligibility = evaluate(facts, candidate_tmt(as_of), kind)
    merit = merit_score(facts, as_of)
    key: SortKey = merit_sort_key(facts, merit) if order == "MERIT" else (nip,)
    return Candidate(nip, name, unit_id, unit_name, facts, as_of, eligibility, merit, key, kind)


@lru_cache(maxsize=ASSESSED_CACHE_SIZE)
@lru_cache(maxsize=ASSESSED_CACHE_SIZE)
def assess_stored(nip: str, name: str, unit_id: str, unit_name: str, facts: str, as_of: date,
                  order: str = "MERIT") -> Candidate:
    """``assess`` of a servant's stored facts, remembered by everything it is computed from:
    the stored text of the facts (a new event for the servant writes new facts), the names
    shown, the date and the order. A candidate is immutable, so a page asked again (the
    next reader of the same list, another filter showing the same servant) reuses it, and
    nothing but these arguments can change the answer."""
    return assess(nip, name, unit_id, unit_name, _stored_facts(facts), as_of, order)


@lru_cache(maxsize=ASSESSED_CACHE_SIZE)
def _stored_facts(text: str) -> PromotionFacts:
    # Decoding is a third of a page's work: a servant shown on another day, in another order
    # or under another filter reuses it. The facts are immutable, so sharing them is safe.
    return facts_from_json(text)


def rank(rows: Iterable[tuple[str, str, str, str, PromotionFacts]], as_of: date,
         eligible_only: bool, order: str) -> list[Candidate]:
    if order not in ORDERS:
        raise DomainError("INVALID_ORDER", f"orderBy must be one of {', '.join(ORDERS)}.",
                          "orderBy")
    assessed = (assess(*row, as_of=as_of, order=order) for row in rows)
    chosen = [c for c in assessed if c.eligibility.eligible or not eligible_only]
    return sorted(chosen, key=lambda c: c.sort_key)


def encode_cursor(key: SortKey) -> str:
    text = to_json([v.isoformat() if isinstance(v, date) else v for v in key])
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_cursor(cursor: str) -> SortKey:
    try:
        values = json_codec.loads(base64.urlsafe_b64decode(cursor.encode()))
        return tuple(_maybe_date(v) for v in values)
    except (ValueError, TypeError):
        raise DomainError("INVALID_CURSOR", f"Cursor {cursor!r} is not valid.", "after") from None


def start_after(ranked: list[Candidate], cursor: str | None) -> int:
    """Index of the first candidate after ``cursor`` (keyset: stable if the list changes)."""
    if cursor is None:
        return 0
    return _place(ranked, cursor, bisect.bisect_right, "after")


def end_before(ranked: list[Candidate], cursor: str) -> int:
    """Index just past the last candidate before ``cursor``."""
    return _place(ranked, cursor, bisect.bisect_left, "before")


def _place(ranked: list[Candidate], cursor: str,
           bisector: Callable[[list[SortKey], SortKey], int], argument: str) -> int:
    key = decode_cursor(cursor)
    try:
        return bisector([c.sort_key for c in ranked], key)
    except TypeError:
        raise DomainError("INVALID_CURSOR", "The cursor belongs to another ordering.",
                          argument) from None


def _maybe_date(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
