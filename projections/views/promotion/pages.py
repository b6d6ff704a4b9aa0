"""A page of promotion candidates from the span rows: one keyset range read of ``limit + 1``
rows (the last says whether a next page exists) and, after a cursor, one indexed probe for a
row before it, whatever the population. The total is counted only when the caller asks for it
(it is the one figure that reads every matching row). The servants of the page are then
evaluated in full by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.discipline import add_months
from domain.errors import DomainError
from domain.promotion.timeline import HORIZON_FROM
from domain.rules.periods import next_period_date
from projections.engine.db import Conn
from projections.engine.view import View, iso
from projections.views.promotion.spans import MERIT_ORDER, NIP_ORDER, bucket, merit_key

SortKey = tuple[Any, ...]
EARLIEST_HORIZON_YEARS = 10  # as ``earliest_eligible_date``


@dataclass(frozen=True)
class PageRequest:
    day: date
    unit_id: str | None = None
    rank: str | None = None
    eligible_only: bool = False
    order: str = "MERIT"
    after: SortKey | None = None
    scopes: tuple[str, ...] | None = None  # None: every unit and institution
    limit: int = 50
    count_total: bool = True


@dataclass(frozen=True)
class Page:
    nips: list[str]
    has_next: bool
    has_previous: bool
    total: int | None  # None unless the request asked for it


def _key_values(order: str, key: SortKey) -> list[Any]:
    """The SQL values of a cursor's sort key, or INVALID_CURSOR for another ordering's key."""
    try:
        if order == "MERIT":
            total, rank_tmt, position_tmt, stable = key
            return [merit_key(-float(total)), iso(rank_tmt), iso(position_tmt), str(stable)]
        (nip,) = key
        if not isinstance(nip, str):
            raise TypeError
        return [nip]
    except (TypeError, ValueError, AttributeError):
        raise DomainError("INVALID_CURSOR", "The cursor belongs to another ordering.",
                          "after") from None


def _servant_filter(request: PageRequest) -> tuple[list[str], list[Any]]:
    """The filters on what a servant's spans share (unit, institution, rank)."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("unit_id", request.unit_id), ("rank", request.rank)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if request.scopes is not None:
        marks = ", ".join("?" * len(request.scopes)) or "NULL"
        clauses.append(f"(unit_id IN ({marks}) OR institution_id IN ({marks}))")
        params.extend([*request.scopes, *request.scopes])
    return clauses, params


def _total(conn: Conn, generation: int, request: PageRequest, where: str,
           params: list[Any]) -> int:
    """The number of candidates. Every servant has exactly one span on each day the spans
    cover, so unless eligibility is asked for it is the number of servants of the filter,
    counted on the servant rows rather than on many times as many span rows."""
    if request.eligible_only:
        table = View.table_name("promotion_span", generation)
        return int(conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)[0][0])
    clauses, fixed = _servant_filter(request)
    table = View.table_name("promotion_servant", generation)
    condition = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}{condition}", fixed)[0][0])


def candidate_page(conn: Conn, generation: int, request: PageRequest) -> Page:
    table = View.table_name("promotion_span", generation)
    day = iso(request.day)
    fixed, fixed_params = _servant_filter(request)
    clauses = ["bucket = ?", "valid_from <= ?", "? < valid_to", *fixed]
    params = [bucket(request.day), day, day, *fixed_params]
    if request.eligible_only:
        clauses.append("eligible = TRUE")
    order = MERIT_ORDER if request.order == "MERIT" else NIP_ORDER
    where = " AND ".join(clauses)
    total = _total(conn, generation, request, where, params) if request.count_total else None
    columns = ", ".join(order)
    after_params: list[Any] = []
    after = ""
    has_previous = False
    if request.after is not None:
        after_params = _key_values(request.order, request.after)
        marks = ", ".join("?" * len(order))
        after = f" AND ({columns}) > ({marks})"
        descending = ", ".join(f"{column} DESC" for column in order)
        has_previous = bool(conn.execute(
            f"SELECT 1 FROM {table} WHERE {where} AND ({columns}) <= ({marks}) "
            f"ORDER BY {descending} LIMIT 1", [*params, *after_params]))
    rows = conn.execute(
        f"SELECT nip FROM {table} WHERE {where}{after} ORDER BY {columns} LIMIT ?",
        [*params, *after_params, request.limit + 1],
    )
    nips = [nip for (nip,) in rows]
    return Page(nips[: request.limit], len(nips) > request.limit, has_previous, total)


def earliest_eligible(conn: Conn, generation: int, nips: Sequence[str],
                      on_or_after: date) -> dict[str, date | None]:
    """``earliest_eligible_date`` of each servant from its spans: the candidate TMT of the first
    eligible as-of day on or after ``on_or_after`` (a period date's own TMT is itself)."""
    found: dict[str, date | None] = dict.fromkeys(nips)
    if not nips:
        return found
    table = View.table_name("promotion_span", generation)
    marks = ", ".join("?" * len(nips))
    rows = conn.execute(
        f"SELECT nip, MIN(valid_from) FROM {table} WHERE nip IN ({marks}) AND eligible = TRUE "
        "AND valid_to > ? GROUP BY nip", [*nips, iso(on_or_after)],
    )
    limit = add_months(on_or_after, 12 * EARLIEST_HORIZON_YEARS)
    for nip, valid_from in rows:
        first = max(date.fromisoformat(str(valid_from)[:10]), on_or_after)
        tmt = next_period_date(first)
        found[nip] = tmt if tmt <= limit else None
    return found


def covers(day: date) -> bool:
    """Whether the spans answer for ``day`` (else the servants are evaluated directly)."""
    return HORIZON_FROM <= day < date.max
