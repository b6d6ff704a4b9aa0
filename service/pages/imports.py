"""Imports and their reports: the runs ``riwayat import`` kept (``service.importing``'s
``list_import_runs`` and ``import_run_report``), newest first, each with its per-row report.

A report names servants of any unit, so the page is for auditors and for HR tokens that cover
every unit. Where the import package is not installed the page says so."""

from __future__ import annotations

import asyncio
import csv
import importlib
from types import ModuleType
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from domain.errors import DomainError
from service.auth import ALL_UNITS, Forbidden, Principal
from service.pages.rendering import page, render

SHOWN_ROWS = 500


def importing() -> ModuleType | None:
    """The import package, when this installation has it."""
    try:
        return importlib.import_module("service.importing")
    except ModuleNotFoundError:
        return None


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
    module = importing()
    settings = request.state.services.settings
    runs = await asyncio.to_thread(module.list_import_runs, settings) if module else None
    return "imports.html", {"runs": runs}


def _report_rows(path: Any) -> tuple[list[str], list[list[str]], int]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    return header, body[:SHOWN_ROWS], len(body)


@page
async def import_run(request: Request, principal: Principal) -> Response | tuple[str, Any]:
    module = importing()
    run_id = request.path_params["run_id"]
    try:
        _allowed(principal)
        if module is None:
            raise DomainError("NOT_FOUND", "This installation has no import package.")
        path = await asyncio.to_thread(module.import_run_report, request.state.services.settings,
                                       run_id)
        if request.url.path.endswith("/report.csv"):
            return FileResponse(path, media_type="text/csv; charset=utf-8",
                                filename=f"import-{run_id}.csv")
        header, rows, total = await asyncio.to_thread(_report_rows, path)
    except DomainError as error:
        return _refused(request, principal, error)
    return "import_run.html", {"run_id": run_id, "header": header, "rows": rows, "total": total,
                               "shown": SHOWN_ROWS}
