"""Committee and auditor pages: promotion candidates with explanations, a promotion's audit
(then and now), audit findings and the integrity of the log with its current digest."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from service.auth import Principal
from service.pages import documents
from service.pages.graph import PageGraph
from service.pages.paging import cursor_variables, page_links
from service.pages.rendering import page

PAGE_SIZE = 25
Page = tuple[str, dict[str, Any]]


def _query(request: Request, name: str) -> str | None:
    return request.query_params.get(name) or None


def audit_pages(graph: PageGraph) -> dict[str, Any]:
    @page
    async def candidates(request: Request, principal: Principal) -> Response | Page:
        unit, as_of = _query(request, "unit"), _query(request, "asOf")
        eligible_only = request.query_params.get("eligibleOnly") == "1"
        context: dict[str, Any] = {"unit": unit or "", "as_of": as_of or "",
                                   "eligible_only": eligible_only}
        if unit is None:  # the form first; a committee works on one unit and period
            return "candidates.html", context
        filters = {"unitId": unit, "asOf": as_of, "eligibleOnly": eligible_only}
        answer = await graph.ask(request, principal, documents.CANDIDATES, filter=filters,
                                 **cursor_variables(request.query_params, PAGE_SIZE))
        result = answer.data.get("promotionCandidates") if answer.ok else None
        kept = {"unit": unit, "asOf": as_of or "", "eligibleOnly": "1" if eligible_only else ""}
        context |= {"errors": answer.errors, "result": result,
                    "links": page_links(kept, result)}
        return "candidates.html", context

    @page
    async def promotion_audit(request: Request, principal: Principal) -> Response | Page:
        answer = await graph.ask(request, principal, documents.PROMOTION_AUDIT,
                                 eventId=request.path_params["event_id"])
        if not answer.ok:
            return "error.html", {"error": answer.errors[0]}
        return "promotion_audit.html", {"audit": answer.data["promotionAudit"]}

    @page
    async def findings(request: Request, principal: Principal) -> Response | Page:
        unit, nip = _query(request, "unit"), _query(request, "nip")
        filters = {"unitId": unit, "nip": nip}
        answer = await graph.ask(request, principal, documents.FINDINGS, filter=filters,
                                 **cursor_variables(request.query_params, PAGE_SIZE))
        result = answer.data.get("auditFindings") if answer.ok else None
        return "findings.html", {
            "unit": unit or "", "nip": nip or "", "errors": answer.errors, "result": result,
            "links": page_links({"unit": unit or "", "nip": nip or ""}, result),
        }

    @page
    async def integrity(request: Request, principal: Principal) -> Response | Page:
        digest = _query(request, "digest")
        answer = await graph.ask(request, principal, documents.INTEGRITY, digest=digest)
        return "integrity.html", {"digest": digest or "", "errors": answer.errors,
                                  "integrity": answer.data.get("integrity"),
                                  "checkpoint": answer.data.get("integrityCheckpoint")}

    return {"candidates": candidates, "promotion_audit": promotion_audit,
            "findings": findings, "integrity": integrity}
