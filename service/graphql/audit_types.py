"""GraphQL types of the auditor's reads: chain integrity, the promotion audit (then and
now) and the kinds of audit findings."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Optional

import strawberry
from strawberry.scalars import JSON

from projections.engine.view import jsonable
from service.audit import IntegrityReport
from service.audit import promotion as audit
from service.audit.findings import KINDS
from service.graphql.change_types import EventChanges, changes_for
from service.graphql.event_types import EventType
from service.graphql.promotion_types import RuleCheck
from service.graphql.types import Servant


@strawberry.enum(description="A promotion's compliance with the rules in force at its TMT.")
class Verdict(Enum):
    COMPLIANT = strawberry.enum_value(
        "COMPLIANT", description="Every rule in force at the TMT passed.")
    NON_COMPLIANT = strawberry.enum_value("NON_COMPLIANT", description="At least one rule failed.")
    NOT_ASSESSED = strawberry.enum_value(
        "NOT_ASSESSED", description="No rule set is modelled for the promotion type.")
    UNDETERMINED = strawberry.enum_value(
        "UNDETERMINED", description="No rule failed, but some lacked the evidence to decide.")


@strawberry.enum(description="What an audit finding is about.")
class FindingKind(Enum):
    PROMOTION_RULES_FAILED = strawberry.enum_value(
        "PROMOTION_RULES_FAILED",
        description="A promotion was recorded although rules in force at its TMT fail.")
    PROMOTION_DURING_PENALTY = strawberry.enum_value(
        "PROMOTION_DURING_PENALTY",
        description="A promotion took effect while a discipline penalty was running.")
    SAME_ACTOR_EVIDENCE = strawberry.enum_value(
        "SAME_ACTOR_EVIDENCE",
        description="The promotion's own actor posted its evidence shortly before it.")
    BACKDATED_SK = strawberry.enum_value(
        "BACKDATED_SK", description="An SK is dated long after the TMT it states.")
    VERDICT_CHANGED = strawberry.enum_value(
        "VERDICT_CHANGED",
        description="A promotion's verdict differs between the record then and now.")
    APPRAISAL_DISTRIBUTION = strawberry.enum_value(
        "APPRAISAL_DISTRIBUTION",
        description="A unit's appraisals of a year fall outside the distribution guidance.")
    IMPORTED_WITHOUT_SK = strawberry.enum_value(
        "IMPORTED_WITHOUT_SK",
        description="An imported history record admitted without an SK number, as records "
                    "older than today's SK discipline are; a correction giving the number ends it.")


assert {k.name for k in FindingKind} == set(KINDS)


@strawberry.enum(description="How the stored chain disagrees with the one recomputed from the "
                 "events.")
class BreakKind(Enum):
    CHANGED = strawberry.enum_value(
        "CHANGED", description="An event or its chain link was altered after it was written.")
    MISSING = strawberry.enum_value(
        "MISSING", description="An event that was chained is gone from the log.")
    REORDERED = strawberry.enum_value(
        "REORDERED", description="Events are chained in another order than they are stored.")
    INSERTED = strawberry.enum_value(
        "INSERTED", description="An event is in the log that was never chained.")
    DIGEST_MISMATCH = strawberry.enum_value(
        "DIGEST_MISMATCH", description="The chain does not reach the saved digest: the log "
        "was rewritten since the digest was taken.")


@strawberry.enum(description="Whether the hash chain checked out.")
class IntegrityStatus(Enum):
    OK = strawberry.enum_value("OK", description="Every link checked is intact.")
    BROKEN = strawberry.enum_value("BROKEN", description="The chain breaks; see firstBreak.")


@strawberry.type(description="Where the recomputed chain first disagrees with the stored one.")
class ChainBreak:
    position: int = strawberry.field(description="The log position of the break.")
    kind: BreakKind = strawberry.field(description="How the chain is broken there.")
    reason: str = strawberry.field(description="What is wrong there.")
    event: Optional[str] = strawberry.field(  # noqa: UP045
        description="The event at that position, if any.")


@strawberry.type(description="The hash chain recomputed from the events table.")
class Integrity:
    status: IntegrityStatus = strawberry.field(description="OK or BROKEN.")
    checked_events: int = strawberry.field(description="How many events were checked.")
    head_position: int = strawberry.field(description="Last position verified intact.")
    head_hash: str = strawberry.field(description="The hash of the last intact link.")
    first_break: Optional[ChainBreak] = strawberry.field(  # noqa: UP045
        description="The first break, when the chain is broken.")
    digest: Optional[str] = strawberry.field(  # noqa: UP045
        description="HASH@POSITION of the verified head; save it to check the log later.")

    @classmethod
    def from_report(cls, r: IntegrityReport) -> Integrity:
        brk = r.first_break
        return cls(status=IntegrityStatus.OK if r.ok else IntegrityStatus.BROKEN,
                   checked_events=r.checked,
                   head_position=r.head_position, head_hash=r.head_hash, digest=r.digest,
                   first_break=ChainBreak(position=brk.position, kind=BreakKind[brk.kind],
                                          reason=brk.reason, event=brk.event) if brk else None)


@strawberry.type(description="An event with who recorded it, when, and on which SK.")
class AuditedEvent:
    event_id: str = strawberry.field(description="The event id.")
    type: EventType = strawberry.field(description="The kind of event.")
    tmt: date = strawberry.field(description="The effective date (TMT).")
    recorded_at: datetime = strawberry.field(description="When it was recorded.")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    recorded_by_role: str = strawberry.field(description="The recorder's role.")
    sk_number: str = strawberry.field(description="The SK number.")
    sk_date: date = strawberry.field(description="The SK's date.")
    target_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="For a correction or retraction, the event it amends.")
    reason: Optional[str] = strawberry.field(  # noqa: UP045
        description="For a correction or retraction, why.")
    changes: Optional[JSON] = strawberry.field(  # noqa: UP045
        description="For a correction, the fields it changed, as a JSON object.",
        deprecation_reason="Use corrected, which is typed by the kind of the corrected event.")
    corrected: Optional[EventChanges] = strawberry.field(  # type: ignore[valid-type]  # noqa: UP045
        description="For a correction, what it replaced, typed by the kind of the corrected "
        "event.")

    @classmethod
    def from_ref(cls, r: audit.EventRef) -> AuditedEvent:
        corrected = changes_for(r.target_class, r.changes) if r.target_class and r.changes \
            else None
        return cls(event_id=r.event_id, type=EventType[r.type], tmt=r.tmt,
                   recorded_at=r.recorded_at, corrected=corrected,
                   recorded_by=r.recorded_by, recorded_by_role=r.recorded_by_role,
                   sk_number=r.sk_number, sk_date=r.sk_date, target_event_id=r.target_event_id,
                   reason=r.reason, changes=jsonable(r.changes) if r.changes else None)


@strawberry.type(description="The promotion judged from the record as known at knownAt.")
class Judgement:
    known_at: datetime = strawberry.field(description="The record as known at this moment.")
    valid_at: date = strawberry.field(description="The day judged (the promotion's TMT).")
    verdict: Verdict = strawberry.field(description="The promotion's compliance.")
    failed_rules: list[str] = strawberry.field(description="The ids of the rules that failed.")
    rule_set_version: Optional[str] = strawberry.field(  # noqa: UP045
        description="The version of the rule set applied.")
    period_regime: Optional[str] = strawberry.field(  # noqa: UP045
        description="The promotion period regime applied.")
    rules: list[RuleCheck] = strawberry.field(
        description="Every rule, with its outcome and evidence.")
    servant: Servant = strawberry.field(description="State on the TMT, the promotion excluded.")
    evidence: list[AuditedEvent] = strawberry.field(
        description="The events the judgement rests on.")

    @classmethod
    def from_domain(cls, j: audit.Judgement) -> Judgement:
        return cls(
            known_at=j.known_at, valid_at=j.valid_at, verdict=Verdict[j.verdict],
            failed_rules=list(j.failed_rules), rule_set_version=j.rule_set_version,
            period_regime=j.period_regime,
            rules=[RuleCheck.from_domain(o) for o in j.rules],
            servant=Servant.from_state(j.state, j.last_version),
            evidence=[AuditedEvent.from_ref(e) for e in j.evidence],
        )


@strawberry.type(
    description="A promotion's audit: the event, its SK, and the rules judged then and now.")
class PromotionAudit:
    event_id: str = strawberry.field(description="The promotion's event id.")
    promotion: AuditedEvent = strawberry.field(description="The promotion event.")
    new_rank: str = strawberry.field(description="The rank it promoted to.")
    promotion_type: str = strawberry.field(description="The kind of promotion.")
    pertek_number: Optional[str] = strawberry.field(  # noqa: UP045
        description="The BKN technical approval (pertek) number.")
    sk_official: str = strawberry.field(description="The official who signed the SK.")
    document_hash: Optional[str] = strawberry.field(  # noqa: UP045
        description="The hash of the SK document, if recorded.")
    retracted: bool = strawberry.field(description="True if the promotion was retracted.")
    corrections: list[AuditedEvent] = strawberry.field(
        description="Corrections recorded to the promotion.")
    then: Judgement = strawberry.field(description="As recorded: the log up to the promotion.")
    now: Judgement = strawberry.field(description="With today's record of the same facts.")
    verdict_changed: bool = strawberry.field(
        description="True when the verdict then and now differ.")
    changed_by: list[AuditedEvent] = strawberry.field(
        description="Events recorded since the promotion that changed what it rests on.")
