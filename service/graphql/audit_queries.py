"""Auditor queries: chain integrity and digests, the promotion audit, and audit findings.
Only the ``auditor`` role may use them."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Optional, cast

import orjson
import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from projections.engine.view import jsonable
from service.audit import IntegrityReport, verify, verify_digest
from service.audit import promotion as audit
from service.audit.findings import KINDS, Finding, FindingFilter, read_findings
from service.graphql.loaders import Loaders
from service.graphql.permissions import AUDITORS, require_role
from service.graphql.promotion_types import RuleCheck
from service.graphql.read_queries import connection_of
from service.graphql.relay import NODE_KEYS, Key, Node, PageArgs, encode_key, keyset_slice
from service.graphql.types import Connection, Servant


@strawberry.enum(description="A promotion's compliance with the rules in force at its TMT.")
class Verdict(Enum):
    COMPLIANT = "COMPLIANT"
    NON_COMPLIANT = "NON_COMPLIANT"
    NOT_ASSESSED = "NOT_ASSESSED"  # no rule set is modelled for the promotion type
    UNDETERMINED = "UNDETERMINED"  # no rule failed, but some lacked the evidence to decide


@strawberry.enum
class FindingKind(Enum):
    PROMOTION_RULES_FAILED = "PROMOTION_RULES_FAILED"
    PROMOTION_DURING_PENALTY = "PROMOTION_DURING_PENALTY"
    SAME_ACTOR_EVIDENCE = "SAME_ACTOR_EVIDENCE"
    BACKDATED_SK = "BACKDATED_SK"
    VERDICT_CHANGED = "VERDICT_CHANGED"
    APPRAISAL_DISTRIBUTION = "APPRAISAL_DISTRIBUTION"


assert {k.value for k in FindingKind} == set(KINDS)


@strawberry.type(description="Where the recomputed chain first disagrees with the stored one.")
class ChainBreak:
    position: int
    kind: str = strawberry.field(description="CHANGED, MISSING, REORDERED, INSERTED or DIGEST_MISMATCH")
    reason: str
    event: Optional[str]  # noqa: UP045


@strawberry.type(description="The hash chain recomputed from the events table.")
class Integrity:
    status: str = strawberry.field(description="OK or BROKEN")
    checked_events: int
    head_position: int = strawberry.field(description="Last position verified intact.")
    head_hash: str
    first_break: Optional[ChainBreak]  # noqa: UP045
    digest: Optional[str] = strawberry.field(  # noqa: UP045
        description="HASH@POSITION of the verified head; save it to check the log later.")

    @classmethod
    def from_report(cls, r: IntegrityReport) -> Integrity:
        brk = r.first_break
        return cls(status="OK" if r.ok else "BROKEN", checked_events=r.checked,
                   head_position=r.head_position, head_hash=r.head_hash, digest=r.digest,
                   first_break=ChainBreak(position=brk.position, kind=brk.kind, reason=brk.reason,
                                          event=brk.event) if brk else None)


@strawberry.type(description="An event with who recorded it, when, and on which SK.")
class AuditedEvent:
    event_id: str
    type: str
    tmt: date
    recorded_at: datetime
    recorded_by: str
    recorded_by_role: str
    sk_number: str
    sk_date: date
    target_event_id: Optional[str]  # noqa: UP045
    reason: Optional[str]  # noqa: UP045
    changes: Optional[JSON]  # noqa: UP045

    @classmethod
    def from_ref(cls, r: audit.EventRef) -> AuditedEvent:
        return cls(event_id=r.event_id, type=r.type, tmt=r.tmt, recorded_at=r.recorded_at,
                   recorded_by=r.recorded_by, recorded_by_role=r.recorded_by_role,
                   sk_number=r.sk_number, sk_date=r.sk_date, target_event_id=r.target_event_id,
                   reason=r.reason, changes=jsonable(r.changes) if r.changes else None)


@strawberry.type(description="The promotion judged from the record as known at knownAt.")
class Judgement:
    known_at: datetime
    valid_at: date
    verdict: Verdict
    failed_rules: list[str]
    rule_set_version: Optional[str]  # noqa: UP045
    period_regime: Optional[str]  # noqa: UP045
    rules: list[RuleCheck]
    servant: Servant = strawberry.field(description="State on the TMT, the promotion excluded.")
    evidence: list[AuditedEvent]

    @classmethod
    def from_domain(cls, j: audit.Judgement) -> Judgement:
        return cls(
            known_at=j.known_at, valid_at=j.valid_at, verdict=Verdict[j.verdict],
            failed_rules=list(j.failed_rules), rule_set_version=j.rule_set_version,
            period_regime=j.period_regime,
            rules=[RuleCheck.from_outcome(o) for o in j.rules],
            servant=Servant.from_state(j.state, j.last_version),
            evidence=[AuditedEvent.from_ref(e) for e in j.evidence],
        )


@strawberry.type
class PromotionAudit:
    event_id: str
    promotion: AuditedEvent
    new_rank: str
    promotion_type: str
    pertek_number: Optional[str]  # noqa: UP045
    sk_official: str
    document_hash: Optional[str]  # noqa: UP045
    retracted: bool
    corrections: list[AuditedEvent]
    then: Judgement = strawberry.field(description="As recorded: the log up to the promotion.")
    now: Judgement = strawberry.field(description="With today's record of the same facts.")
    verdict_changed: bool
    changed_by: list[AuditedEvent] = strawberry.field(
        description="Events recorded since the promotion that changed what it rests on.")


@strawberry.type(description="Something in the record an auditor should look at, with the "
                 "events it rests on.")
class AuditFinding(Node):
    kind: FindingKind
    severity: str
    nip: Optional[str]  # noqa: UP045
    unit_id: str
    period: date
    subject_event_id: Optional[str]  # noqa: UP045
    event_ids: list[str]
    positions: list[int]
    explanation: str
    measure: Optional[float]  # noqa: UP045
    recorded_at: Optional[str]  # noqa: UP045
    provenance: str
    details: JSON
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
        return cls(key=key, kind=FindingKind[f.kind], severity=f.severity, nip=f.nip, unit_id=f.unit_id,
                   period=date.fromisoformat(f.period), subject_event_id=f.subject_event_id,
                   event_ids=f.event_ids, positions=f.positions, explanation=f.explanation,
                   measure=f.measure, recorded_at=f.recorded_at, provenance=f.provenance,
                   details=cast(JSON, f.details))


@strawberry.input
class AuditFindingFilter:
    kinds: Optional[list[FindingKind]] = None  # noqa: UP045
    unit_id: Optional[str] = None  # noqa: UP045
    nip: Optional[str] = None  # noqa: UP045
    period_from: Optional[date] = None  # noqa: UP045
    period_to: Optional[date] = None  # noqa: UP045


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Recompute the hash chain; with digest, check the log through "
                                  "the digest's position against it.")
    async def integrity(self, info: Info[Any, Any],
                        digest: Optional[str] = None) -> Integrity:  # noqa: UP045
        require_role(info, AUDITORS, "verify the log")
        app = info.context["services"].app
        report = await asyncio.to_thread(
            (lambda: verify_digest(app, digest)) if digest else (lambda: verify(app)))
        return Integrity.from_report(report)

    @strawberry.field(description="Audit a RankPromoted event: rules then and now, evidence, SK.")
    async def promotion_audit(self, info: Info[Any, Any], event_id: str) -> PromotionAudit:
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
        filter: Annotated[AuditFindingFilter | None, strawberry.argument(description="Which findings.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size going forward.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Start after this cursor.")] = None,
        last: Annotated[int | None, strawberry.argument(description="Page size going backward.")] = None,
        before: Annotated[str | None, strawberry.argument(description="End before this cursor.")] = None,
    ) -> Connection[AuditFinding]:
        require_role(info, AUDITORS, "read audit findings")
        services = info.context["services"]
        args = PageArgs.of(services.settings.max_page_size, first, after, last, before)
        found = await find(info, filter or AuditFindingFilter())
        shown, has_previous, has_next = keyset_slice(found, lambda f: f.key, args)
        return connection_of(shown, [encode_key(f.key) for f in shown], has_previous, has_next,
                             len(found))


async def find(info: Info[Any, Any], given: AuditFindingFilter) -> list[AuditFinding]:
    """The findings of ``given``, in the list's order, each keyed by its place in that order."""
    services = info.context["services"]
    flt = FindingFilter(
        kinds=[k.value for k in given.kinds] if given.kinds else None,
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


NODE_KEYS[AuditFinding] = lambda f: orjson.dumps(list(f.key)).decode()
