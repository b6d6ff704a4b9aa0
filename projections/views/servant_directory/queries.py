"""Reads of the servant directory: filtered, ordered pages by keyset (never OFFSET), counts,
and the rows of given NIPs, all of the day asked for.

Every order is (its key, the NIP) and every filter an equality or a range on an indexed
column, so a page reads one index range from the cursor on. "Name contains" first walks a
short stretch of the order's index (a common pattern fills its page there), else reads a
trigram index (``trigrams``) and sorts the matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from projections.engine.db import Conn
from projections.engine.view import View
from projections.views.servant_directory import trigrams
from projections.views.servant_directory.rows import COLUMN_NAMES, TABLE, column
from projections.views.servant_directory.text import fold_name, prefix_end

# The order fields and the column each sorts by; every order ends with the NIP.
ORDER_COLUMNS = {"NAME": "name_folded", "NIP": "nip", "RANK": "rank_order",
                 "RANK_TMT": "rank_tmt", "UNIT": "unit_id"}
WALK_ROWS = 1000  # rows of the order read before "contains" turns to the trigram index
SHOWN = tuple(c for c in COLUMN_NAMES if c not in ("servant_id", "valid_from", "valid_to"))
Key = tuple[Any, ...]


@dataclass(frozen=True)
class DirectoryFilter:
    """Filters that combine (AND); None leaves a field open. Enum values by name."""

    name_contains: str | None = None
    name_starts_with: str | None = None
    nip_prefix: str | None = None
    institution_id: str | None = None
    unit_id: str | None = None
    rank: str | None = None
    status: str | None = None
    position_kind: str | None = None
    position_level: str | None = None
    functional_position: str | None = None
    # An HR token's unit or agency codes: a servant is shown if either is listed.
    scopes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DirectoryRequest:
    day: date
    filter: DirectoryFilter = field(default_factory=DirectoryFilter)
    order: tuple[tuple[str, bool], ...] = (("NAME", False),)  # (field, descending)
    limit: int = 20
    after: Key | None = None
    before: Key | None = None
    backward: bool = False  # the last ``limit`` rows before ``before`` (Relay's last/before)

    @property
    def keys(self) -> tuple[tuple[str, bool], ...]:
        """The sort columns with their direction, the NIP last (the stable tie-break)."""
        keys = [(ORDER_COLUMNS[name], descending) for name, descending in self.order]
        if "nip" not in {c for c, _ in keys}:
            keys.append(("nip", keys[0][1] if keys else False))
        return tuple(keys)


@dataclass(frozen=True)
class DirectoryEntry:
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def date(self, name: str) -> date | None:
        value = self.values[name]
        return date.fromisoformat(value) if isinstance(value, str) else value

    def key(self, request: DirectoryRequest) -> Key:
        """This row's place in ``request``'s order, as a cursor carries it."""
        return tuple(_plain(self.values[c]) for c, _ in request.keys)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _conditions(conn: Conn, table: str, day: date,
                chosen: DirectoryFilter) -> tuple[list[str], list[Any]]:
    d = conn.dialect
    where, params = ["valid_from <= ?", "valid_to > ?"], [day.isoformat(), day.isoformat()]
    for name in ("institution_id", "unit_id", "rank", "status", "position_kind",
                 "position_level"):
        value = getattr(chosen, name)
        if value is not None:
            where.append(f"{column(name, d)} = ?")
            params.append(value)
    if chosen.functional_position is not None:
        where.append("functional_position = ?")
        params.append(fold_name(chosen.functional_position))
    for name, text in (("name_folded", _folded(chosen.name_starts_with)),
                       ("nip", chosen.nip_prefix)):
        if text:
            where.append(f"{column(name, d)} >= ? AND {column(name, d)} < ?")
            params += [text, prefix_end(text)]
    contains = _folded(chosen.name_contains)
    if contains:
        condition, more = trigrams.contains(conn, table, contains)
        where.append(condition)
        params += more
    if chosen.scopes is not None:
        marks = ", ".join("?" * len(chosen.scopes)) or "NULL"
        where.append(f"({column('unit_id', d)} IN ({marks}) OR institution_id IN ({marks}))")
        params += [*chosen.scopes, *chosen.scopes]
    return where, params


def _folded(text: str | None) -> str | None:
    return fold_name(text) if text is not None else None


def _beyond(conn: Conn, keys: Sequence[tuple[str, bool]], values: Key,
            forward: bool) -> tuple[str, list[Any]]:
    """Rows after ``values`` in the order ``keys`` (before them when not ``forward``)."""
    exprs = [column(c, conn.dialect) for c, _ in keys]
    ops = [">" if descending != forward else "<" for _, descending in keys]
    if len(set(ops)) == 1:  # one direction: a row-value range the index answers directly
        marks = ", ".join("?" * len(keys))
        return f"({', '.join(exprs)}) {ops[0]} ({marks})", list(values)
    terms, params = [], []
    for n in range(len(keys)):
        equal = [f"{e} = ?" for e in exprs[:n]]
        terms.append("(" + " AND ".join([*equal, f"{exprs[n]} {ops[n]} ?"]) + ")")
        params += [*values[:n], values[n]]
    return "(" + " OR ".join(terms) + ")", params


def directory_page(conn: Conn, generation: int,
                   request: DirectoryRequest) -> tuple[list[DirectoryEntry], bool]:
    """The page's rows in ``request``'s order, and whether more lie beyond them (after the
    page going forward, before it going backward)."""
    table = View.table_name(TABLE, generation)
    chosen = request.filter
    where, params = _conditions(conn, table, request.day, replace(chosen, name_contains=None))
    for values, forward in ((request.after, True), (request.before, False)):
        if values is not None:
            if len(values) != len(request.keys):
                raise ValueError("the cursor belongs to another order")
            condition, bound = _beyond(conn, request.keys, values, forward)
            where.append(condition)
            params += bound
    flip = request.backward
    order = ", ".join(f"{column(c, conn.dialect)}{' DESC' if descending != flip else ''}"
                      for c, descending in request.keys)
    shown, size = ", ".join(SHOWN), request.limit + 1
    contains, rows = _folded(chosen.name_contains), None
    if contains:
        rows = _first_matches(conn, f"{table} WHERE {' AND '.join(where)}", params, order,
                              contains, size)
        if rows is None:
            condition, found = trigrams.contains(conn, table, contains)
            where, params = [*where, condition], [*params, *found]
    if rows is None:
        rows = conn.execute(f"SELECT {shown} FROM {table} WHERE {' AND '.join(where)} "
                            f"ORDER BY {order} LIMIT ?", [*params, size])
    entries = [DirectoryEntry(dict(zip(SHOWN, row, strict=True))) for row in rows]
    more = len(entries) > request.limit
    entries = entries[: request.limit]
    return (entries[::-1] if flip else entries), more


def _first_matches(conn: Conn, source: str, params: list[Any], order: str, contains: str,
                   size: int) -> list[tuple[Any, ...]] | None:
    """For "contains": the page found among the first ``WALK_ROWS`` rows of the order, when
    they hold a whole page (a common pattern); else None, and the trigram index answers.
    Sorting every match of a common pattern would cost more than this short walk."""
    shown = ", ".join(SHOWN)
    find = "instr(name_folded, ?)" if conn.dialect == "sqlite" else "strpos(name_folded, ?)"
    rows = conn.execute(
        f"SELECT {shown} FROM (SELECT {shown} FROM {source} ORDER BY {order} LIMIT ?) AS walked "
        f"WHERE {find} > 0 ORDER BY {order} LIMIT ?", [*params, WALK_ROWS, contains, size])
    return rows if len(rows) == size else None


def directory_count(conn: Conn, generation: int, day: date, chosen: DirectoryFilter) -> int:
    table = View.table_name(TABLE, generation)
    where, params = _conditions(conn, table, day, chosen)
    found = conn.execute(f"SELECT count(*) FROM {table} WHERE {' AND '.join(where)}", params)
    return int(found[0][0])


def directory_entries(conn: Conn, generation: int, day: date,
                      nips: Sequence[str]) -> dict[str, DirectoryEntry]:
    """The rows of ``nips`` valid on ``day``, by NIP (absent NIPs are left out)."""
    if not nips:
        return {}
    table = View.table_name(TABLE, generation)
    where, params = _conditions(conn, table, day, DirectoryFilter())
    marks = ", ".join("?" * len(nips))
    rows = conn.execute(f"SELECT {', '.join(SHOWN)} FROM {table} WHERE {' AND '.join(where)} "
                        f"AND {column('nip', conn.dialect)} IN ({marks})", [*params, *nips])
    entries = [DirectoryEntry(dict(zip(SHOWN, row, strict=True))) for row in rows]
    return {e["nip"]: e for e in entries}
