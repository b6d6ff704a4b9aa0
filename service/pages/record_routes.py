"""Servant pages: search, a servant's riwayat with provenance and corrections, and the
promotion eligibility rule by rule."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from service.auth import Principal
from service.pages import directory, documents
from service.pages.graph import PageGraph
from service.pages.rendering import page

SECTIONS = (
    ("rankPeriods", "section.rank"), ("positions", "section.position"),
    ("units", "section.unit"), ("appraisals", "section.skp"),
    ("trainings", "section.training"), ("education", "section.education"),
    ("discipline", "section.discipline"), ("statusHistory", "section.status"),
)

Page = tuple[str, dict[str, Any]]


def record_pages(graph: PageGraph) -> dict[str, Any]:
    @page
    async def servants(request: Request, principal: Principal) -> Response | Page:
        search = directory.Search.of(request.query_params)
        answer = await graph.ask(request, principal, directory.SERVANTS, **search.variables)
        found = answer.data.get("servants") if answer.ok else None
        return "servants.html", {
            "form": search.values, "ranks": directory.RANKS, "statuses": directory.STATUSES,
            "result": found, "links": search.links(found),
            "errors": answer.errors,
        }

    @page
    async def servant(request: Request, principal: Principal) -> Response | Page:
        nip = request.path_params["nip"]
        summary = await graph.ask(request, principal, documents.SERVANT, nip=nip)
        if not summary.ok:
            return "error.html", {"error": summary.errors[0]}
        history = await graph.ask(request, principal, documents.HISTORY, nip=nip)
        # Asked of every role: for a viewer the API itself refuses these fields (FORBIDDEN),
        # so the page shows exactly what the API would.
        personal = await graph.ask(request, principal, documents.PERSONAL, nip=nip)
        record = history.data.get("careerHistory") or {}
        sections = [(key, label, record.get(key) or []) for key, label in SECTIONS]
        return "servant.html", {
            "servant": summary.data["servant"], "sections": sections,
            "personal_data": (personal.data or {}).get("servant") if personal.ok else None,
            "errors": history.errors,
        }

    @page
    async def eligibility(request: Request, principal: Principal) -> Response | Page:
        nip = request.path_params["nip"]
        as_of = request.query_params.get("asOf") or None
        answer = await graph.ask(request, principal, documents.ELIGIBILITY, nip=nip, asOf=as_of)
        if not answer.ok:
            return "error.html", {"error": answer.errors[0]}
        return "eligibility.html", {"a": answer.data["promotionEligibility"], "as_of": as_of}

    return {"servants": servants, "servant": servant, "eligibility": eligibility}
