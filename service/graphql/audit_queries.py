"""Auditor queries: chain integrity and digests, the promotion audit, and audit findings.
Only the ``auditor`` role may use them."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any, Optional, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from projections import json_codec
from service.audit import promotion as audit
from service.audit import verify, verify_digest
from service.audit.findings import Finding, FindingFilter, read_findings
from service.graphql.audit_types import (
    AuditedEvent,
    FindingKind,
    Integrity,
    Judgement,
    PromotionAudit,
)
from service.graphql.finding_details import FindingParticulars, FindingSeverity, particulars_of
from service.graphql.loaders import Loaders
from service.graphql.paging import keyset_connection
from service.graphql.permissions import AUDITORS, require_role
from service.graphql.relay import NODE_KEYS, After, Before, First, Key, Last, Node, PageArgs
from service.graphql.types import Connection, Servant


@strawberry.type(description="Something in the record an auditor should look at, with the "
                 "events it rests on.")
class AuditFinding(Node):
    kind: FindingKind = strawberry.field(description="What the finding is about.")
    severity: FindingSeverity = strawberry.field(description="How much the finding weighs.")
    nip: Optional[str] = strawberry.field(  # noqa: UP045
        description="The servant, for a servant's finding.")
    unit_id: str = strawberry.field(description="The work unit.")
    period: date = strawberry.field(
        description="The period (day or year start) the finding concerns.")
    subject_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The event the finding is about.")
    event_ids: list[str] = strawberry.field(description="Every event the finding rests on.")
    positions: list[int] = strawberry.field(description="Those events' log positions.")
    explanation: str = strawberry.field(description="What was found, in words.")
    measure: Optional[float] = strawberry.field(  # noqa: UP045
        description="The measured value, for a threshold finding.")
    recorded_at: Optional[str] = strawberry.field(  # noqa: UP045
        description="When the subject event was recorded.")
    provenance: str = strawberry.field(
        description="The view generation and log position the finding was read from.")
    details: JSON = strawberry.field(
        description="The finding's particulars as a JSON object.",
        deprecation_reason="Use particulars, which is typed by the kind of finding.")
    particulars: FindingParticulars = strawberry.field(
        description="The finding's particulars, typed by the kind of finding.")
    key: strawberry.Private[Key] = ()

    @strawberry.field(description="The servant the finding is about, as it stands today "
                      "(null for a unit-level finding).")
    async def servant(self, info: Info[Any, Any]) -> Optional[Servant]:  # noqa: UP045
        if self.nip is None:
            return None
        found: Servant | None = await Loaders.of(info).servant.load(self.nip)
        return found

    @classmethod
    def from_finding(cls, f: Finding, key: Key = ()) -> AuditFinding:
        return cls(key=key, kind=FindingKind[f.kind], severity=FindingSeverity[f.severity],
                   nip=f.nip, particulars=particulars_of(f),
                   unit_id=f.unit_id,
                   period=date.fromisoformat(f.period), subject_event_id=f.subject_event_id,
                   event_ids=f.event_ids, positions=f.positions, explanation=f.explanation,
                   measure=f.measure, recorded_at=f.recorded_at, provenance=f.provenance,
                   details=cast(JSON, f.details))


@strawberry.input(description="Which audit findings; every field given must hold.")
class AuditFindingFilter:
    kinds: Optional[list[FindingKind]] = strawberry.field(  # noqa: UP045
        default=None, description="Only these kinds.")
    unit_id: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Only this work unit.")
    nip: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Only this servant's findings (unit-level ones are left out).")
    period_from: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="Periods on or after this day.")
    period_to: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="Periods on or before this day.")

SavedDigest = Annotated[Optional[str], strawberry.argument(  # noqa: UP045
    description="A digest (HASH@POSITION) saved earlier, to check the log against.")]


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Recompute the hash chain; with digest, check the log through "
                                  "the digest's position against it.")
    async def integrity(
        self, info: Info[Any, Any], digest: SavedDigest = None,
    ) -> Integrity:
        require_role(info, AUDITORS, "verify the log")
        app = info.context["services"].app
        report = await asyncio.to_thread(
            (lambda: verify_digest(app, digest)) if digest else (lambda: verify(app)))
        return Integrity.from_report(report)

    @strawberry.field(description="Audit a RankPromoted event: rules then and now, evidence, SK.")
    async def promotion_audit(
        self, info: Info[Any, Any],
        event_id: Annotated[str, strawberry.argument(
            description="The RankPromoted event's id (\"<nip>:<version>\").")],
    ) -> PromotionAudit:
        require_role(info, AUDITORS, "audit promotions")
        services = info.context["services"]
        result = await asyncio.to_thread(audit.promotion_audit, services.app, event_id,
                                         services.clock())
        return PromotionAudit(
            event_id=event_id, promotion=AuditedEvent.from_ref(result.promotion),
            new_rank=result.new_rank, promotion_type=result.promotion_type,
            pertek_number=result.pertek_number, sk_official=result.sk_official,
            document_hash=result.document_hash, retracted=result.retracted,
            corrections=[AuditedEvent.from_ref(e) for e in result.corrections],
            then=Judgement.from_domain(result.then), now=Judgement.from_domain(result.now),
            verdict_changed=result.verdict_changed,
            changed_by=[AuditedEvent.from_ref(e) for e in result.changed_by],
        )

    @strawberry.field(description="Findings across the record, by period, servant and kind; "
                      "page forward with first/after or backward with last/before.")
    async def audit_findings(
        self, info: Info[Any, Any],
        filter: Annotated[AuditFindingFilter | None, strawberry.argument(
            description="Which findings.")] = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[AuditFinding]:
        require_role(info, AUDITORS, "read audit findings")
        services = info.context["services"]
        args = PageArgs.of(services.settings.max_page_size, first, after, last, before)
        found = await find(info, filter or AuditFindingFilter())
        return keyset_connection(found, lambda f: f.key, args)


async def find(info: Info[Any, Any], given: AuditFindingFilter) -> list[AuditFinding]:
    """The findings of ``given``, in the list's order, each keyed by its place in that order."""
    services = info.context["services"]
    flt = FindingFilter(
        kinds=[k.name for k in given.kinds] if given.kinds else None,
        unit_id=given.unit_id, nip=given.nip, period_from=given.period_from,
        period_to=given.period_to)
    found = await asyncio.to_thread(read_findings, services.read_models, services.settings, flt)
    seen: dict[Key, int] = {}
    shown = []
    for f in found:
        base = (f.period, f.nip or "", f.kind, f.subject_event_id or f.unit_id)
        seen[base] = seen.get(base, -1) + 1  # equal findings apart, in the list's order
        shown.append(AuditFinding.from_finding(f, (*base, seen[base])))
    return shown


NODE_KEYS[AuditFinding] = lambda f: json_codec.dumps_text(list(f.key))
