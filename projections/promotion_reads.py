"""The promotion view's reads, for ``ReadModels``: one servant, whole rankings (cached per
generation and position) and pages from the span index."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from projections.engine.db import Conn
from projections.views.promotion import pages as promotion_pages
from projections.views.promotion import queries as promotion_queries
from projections.views.promotion.candidates import Candidate, assess_stored, rank

T = TypeVar("T")
CANDIDATE_CACHE_SIZE = 32
# Candidates kept across all cached rankings: each ranking holds a whole population (or unit),
# so a count of rankings alone would let the process grow with the number of servants.
CANDIDATE_CACHE_ROWS = 20_000


class PromotionReads:
    """Needs ``_query`` (one read in the active generation) and the candidate cache fields."""

    _candidates: OrderedDict[tuple[Any, ...], list[Candidate]]
    _cache_lock: threading.Lock
    candidate_cache_rows: int

    def _query(self, name: str, read: Callable[[Conn, int], T]) -> T:
        raise NotImplementedError

    def institutions(self) -> dict[str, str]:
        return self._query("promotion", promotion_queries.institutions_of_servants)

    def promotion(self, nip: str, as_of: date) -> Candidate | None:
        rows = self._query("promotion", lambda c, g: promotion_queries.promotion_rows(c, g, nip=nip))
        return rank(rows, as_of, eligible_only=False, order="MERIT")[0] if rows else None

    def promotion_candidates(self, as_of: date, *, unit_id: str | None = None,
                             rank_name: str | None = None, eligible_only: bool = False,
                             order: str = "MERIT") -> list[Candidate]:
        """Ranked candidates; cached per generation and position, so paging is cheap."""

        def read(conn: Conn, generation: int) -> list[Candidate]:
            position = conn.execute(
                "SELECT position FROM projection_tracking WHERE name = ? AND generation = ?",
                ("promotion", generation),
            )
            key = (generation, position[0][0] if position else 0, as_of, unit_id, rank_name,
                   eligible_only, order)
            with self._cache_lock:
                if key in self._candidates:
                    self._candidates.move_to_end(key)
                    return self._candidates[key]
            rows = promotion_queries.promotion_rows(conn, generation, unit_id=unit_id, rank=rank_name)
            ranked = rank(rows, as_of, eligible_only, order)
            if len(ranked) > self.candidate_cache_rows:
                return ranked  # larger than the whole cache: computed per request
            with self._cache_lock:
                self._candidates[key] = ranked
                while (len(self._candidates) > CANDIDATE_CACHE_SIZE
                       or sum(map(len, self._candidates.values())) > self.candidate_cache_rows):
                    self._candidates.popitem(last=False)
            return ranked

        return self._query("promotion", read)

    def promotion_facts(self) -> list[tuple[Any, ...]]:
        """(nip, name, unit_id, unit_name, facts) of every servant, by NIP."""
        return self._query("promotion", promotion_queries.promotion_rows)

    def promotion_with_earliest(self, nip: str, as_of: date
                                ) -> tuple[Candidate, date | None] | None:
        """One servant evaluated at ``as_of``, and its earliest eligible date (from its spans
        when they cover ``as_of``, else by walking the period dates)."""

        def read(conn: Conn, generation: int) -> tuple[Candidate, date | None] | None:
            rows = promotion_queries.promotion_rows_of(conn, generation, [nip])
            if not rows:
                return None
            candidate = assess_stored(*rows[0], as_of)
            if not promotion_pages.covers(as_of):
                return candidate, candidate.earliest_eligible()
            found = promotion_pages.earliest_eligible(conn, generation, [nip], as_of)
            return candidate, found[nip]

        return self._query("promotion", read)

    def promotion_page(self, request: promotion_pages.PageRequest
                       ) -> tuple[list[Candidate], dict[str, date | None], promotion_pages.Page]:
        """A page of candidates from the span index: only the servants shown are evaluated.
        Returns the candidates in order, their earliest eligible dates and the page."""

        def read(conn: Conn, generation: int) -> tuple[list[Candidate], dict[str, date | None],
                                                        promotion_pages.Page]:
            page = promotion_pages.candidate_page(conn, generation, request)
            rows = promotion_queries.promotion_rows_of(conn, generation, page.nips)
            assessed = {row[0]: assess_stored(*row, request.day, request.order) for row in rows}
            earliest = promotion_pages.earliest_eligible(conn, generation, page.nips, request.day)
            return [assessed[nip] for nip in page.nips], earliest, page

        return self._query("promotion", read)
