"""Report downloads, ``GET /downloads/{name}?format=csv|xlsx&unit=...``, with the API's access
rules: the session cookie of the pages or an ``Authorization: Bearer`` header, the token's unit
scope, and no personal columns for a viewer. The file is written to a temporary file off the
event loop (XlsxWriter's constant-memory mode, row by row) and removed once sent."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from domain.errors import DomainError
from service.auth import Principal
from service.exports import FORMATS, MEDIA_TYPES, REPORTS, ExportSource, build_report, write_report
from service.limits import error_body
from service.pages.i18n import language_of
from service.pages.rendering import page
from service.pages.session import bearer

PARAMETERS = ("unit", "nip", "as_of", "period", "year")
_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403, "SERVANT_NOT_FOUND": 404,
           "UNKNOWN_REPORT": 404, "PROJECTION_BEHIND": 503}


def _refusal(error: DomainError, request: Request) -> Response:
    body = error_body(error.code, error.message, getattr(request.state, "request_id", None))
    return Response(body, _STATUS.get(error.code, 400), media_type="application/json")


def _written(services: Any, principal: Principal, name: str, fmt: str,
             parameters: dict[str, str], language: str) -> tuple[Path, str]:
    source = ExportSource(services.read_models, services.app, principal,
                          services.clock().date())
    report = build_report(source, name, parameters)
    handle, path = tempfile.mkstemp(prefix="riwayat-report-", suffix=f".{fmt}")
    os.close(handle)
    try:
        write_report(report, Path(path), fmt, language)
    except BaseException:
        os.unlink(path)
        raise
    label = "-".join([name, *(re.sub(r"[^A-Za-z0-9]+", "", v) for v in parameters.values() if v)])
    return Path(path), f"{label}.{fmt}"


async def download(request: Request) -> Response:
    services = request.state.services
    try:
        principal = services.authenticator.authenticate(bearer(request))
        fmt = request.query_params.get("format", "xlsx")
        if fmt not in FORMATS:
            raise DomainError("INVALID_REPORT_PARAMETER", "format must be csv or xlsx.", "format")
        parameters = {key: request.query_params.get(key, "") for key in PARAMETERS}
        path, filename = await asyncio.to_thread(
            _written, services, principal, request.path_params["name"], fmt, parameters,
            language_of(request))
    except DomainError as error:
        return _refusal(error, request)
    return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=filename,
                        background=BackgroundTask(os.unlink, path),
                        headers={"Cache-Control": "no-store"})


@page
async def downloads_page(request: Request, principal: Principal) -> tuple[str, dict[str, Any]]:
    return "downloads.html", {"reports": REPORTS, "formats": FORMATS}
