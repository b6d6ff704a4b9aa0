"""Finding servants for the search page.

Until the servant directory (``servants(filter, orderBy, ...)``) is on the main line, the page
searches the career history view's summary rows: name contains or NIP starts with, optionally
within one unit. ``search_servants`` is the one function to swap for the directory's query.
An HR token sees only the servants of the agencies and units it covers."""

from __future__ import annotations

from typing import Any

from domain.ranks import Rank
from projections.engine.view import View
from projections.read_models import ReadModels
from service.auth import Principal

LIMIT = 50
_COLUMNS = ("nip", "name", "rank", "position_name", "unit_id", "unit_name", "institution_id",
            "status")


def search_servants(models: ReadModels, principal: Principal, text: str,
                    unit_id: str | None = None, limit: int = LIMIT) -> list[dict[str, Any]]:
    text = text.strip()[:200]
    clauses, params = [], []
    if text:
        clauses.append("(LOWER(name) LIKE ? OR nip LIKE ?)")
        params += [f"%{_plain(text.lower())}%", f"{_plain(text)}%"]
    if unit_id:
        clauses.append("unit_id = ?")
        params.append(unit_id[:64])
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""

    def read(conn: Any, generation: int) -> list[dict[str, Any]]:
        table = View.table_name("career_servant", generation)
        rows = conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM {table}{where} ORDER BY name, nip LIMIT ?",
            (*params, limit * 4),
        )
        found = [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
        for servant in found:
            servant["golongan"] = Rank[servant["rank"]].golongan
        return found

    found: list[dict[str, Any]] = models._query("career_history", read)
    if principal.role == "hr":
        found = [s for s in found if principal.covers(s["unit_id"], s["institution_id"])]
    return found[:limit]


def _plain(text: str) -> str:
    # LIKE wildcards typed by a user are dropped: a search is for text, not a pattern.
    return text.replace("%", "").replace("_", "")
