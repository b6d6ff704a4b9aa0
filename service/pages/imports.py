"""The imports page: the runs ``riwayat import`` kept (``service.importing``'s
``list_import_runs`` and ``import_run_report``, under RIWAYAT_IMPORT_RUNS_DIR), newest first,
each with its per-row report shown and downloadable as CSV.

A report names servants of any unit, so the page is for auditors and for HR tokens that cover
every unit."""

from __future__ import annotations

import asyncio
import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from domain.errors import DomainError
from service.auth import ALL_UNITS, Forbidden, Principal
from service.importing import import_run_report, list_import_runs
from service.importing.report import OUTCOMES
from service.pages.rendering import page, render

SHOWN_ROWS = 500


def _allowed(principal: Principal) -> None:
    if principal.role == "auditor" or (principal.role == "hr" and ALL_UNITS in principal.scopes):
        return
    raise Forbidden("Import reports cover every unit: they are for auditors and for HR tokens "
                    "with every unit in scope.")


def _refused(request: Request, principal: Principal, error: DomainError) -> Response:
    return render(request, "error.html", principal, status=403 if error.code == "FORBIDDEN"
                  else 404, error={"code": error.code, "message": error.message})


@page
async def imports_page(request: Request, principal: Principal) -> Response | tuple[str, Any]:
    try:
        _allowed(principal)
    except DomainError as error:
        return _refused(request, principal, error)
    runs = await asyncio.to_thread(list_import_runs, request.state.services.settings)
    return "imports.html", {"runs": runs, "outcomes": OUTCOMES}


def _report_rows(path: Path, outcome: str | None) -> tuple[list[str], list[list[str]], int]:
    """The header, the first rows to show (of one outcome, if given) and how many there are."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        rows: Iterator[list[str]] = reader
        if outcome is not None and "outcome" in header:
            column = header.index("outcome")
            rows = (row for row in reader if row[column] == outcome)
        shown = list(itertools.islice(rows, SHOWN_ROWS))
        return header, shown, len(shown) + sum(1 for _ in rows)


def _summary(settings: Any, run_id: str) -> dict[str, Any] | None:
    return next((run for run in list_import_runs(settings) if run["run_id"] == run_id), None)


@page
async def import_run(request: Request, principal: Principal) -> Response | tuple[str, Any]:
    run_id, settings = request.path_params["run_id"], request.state.services.settings
    try:
        _allowed(principal)
        path = await asyncio.to_thread(import_run_report, settings, run_id)
        if request.url.path.endswith("/report.csv"):
            return FileResponse(path, media_type="text/csv; charset=utf-8",
                                filename=f"import-{run_id}.csv",
                                headers={"Cache-Control": "no-store"})
        outcome = request.query_params.get("outcome")
        outcome = outcome if outcome in OUTCOMES else None
        header, rows, total = await asyncio.to_thread(_report_rows, path, outcome)
    except DomainError as error:
        return _refused(request, principal, error)
    summary = await asyncio.to_thread(_summary, settings, run_id)
    return "import_run.html", {"run_id": run_id, "run": summary, "outcomes": OUTCOMES,
                               "outcome": outcome,
                               "header": header, "rows": rows, "total": total,
                               "shown": SHOWN_ROWS}
