"""Reads of the promotion view, given a connection and the active generation."""

from __future__ import annotations

from typing import Any

from projections.engine.db import Conn
from projections.engine.view import View
from projections.views.promotion.facts import facts_from_json


def promotion_rows(conn: Conn, generation: int, *, nip: str | None = None,
                   unit_id: str | None = None, rank: str | None = None) -> list[tuple[Any, ...]]:
    """(nip, name, unit_id, unit_name, facts) of the servants matching the filter."""
    table = View.table_name("promotion_servant", generation)
    clauses, params = [], []
    for column, value in (("nip", nip), ("unit_id", unit_id), ("rank", rank)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT nip, name, unit_id, unit_name, facts FROM {table}{where} ORDER BY nip", params
    )
    return [(n, name, u, un, facts_from_json(facts)) for n, name, u, un, facts in rows]


def promotion_rows_of(conn: Conn, generation: int, nips: list[str]) -> list[tuple[str, ...]]:
    """(nip, name, unit_id, unit_name, facts as stored JSON) of the servants named, in no
    particular order."""
    if not nips:
        return []
    table = View.table_name("promotion_servant", generation)
    rows = conn.execute(
        f"SELECT nip, name, unit_id, unit_name, facts FROM {table} "
        f"WHERE nip IN ({', '.join('?' * len(nips))})", nips,
    )
    return [(str(n), str(name), str(u), str(un), str(facts)) for n, name, u, un, facts in rows]


def institutions_of_servants(conn: Conn, generation: int) -> dict[str, str]:
    """Each servant's institution, for filtering lists down to an HR token's scope."""
    table = View.table_name("promotion_servant", generation)
    return {nip: institution for nip, institution in conn.execute(
        f"SELECT nip, institution_id FROM {table}", ())}
