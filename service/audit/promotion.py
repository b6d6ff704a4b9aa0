"""The promotion audit: a recorded promotion judged as the record stood when it was recorded
(*then*) and as it stands today (*now*), both describing the servant on the promotion's TMT
under the rules in force at that TMT, with who recorded what and what changed since."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.audit_findings import Assessment, assess, made_difference
from domain.errors import DomainError, EventNotFoundError
from domain.promotion import RuleOutcome
from domain.servant import CORRECTION_KINDS
from domain.servant import CivilServant as CS
from domain.state import ServantState, effective_events, fold

EventClass = type[CS.Event]  # named here: ``EventRef.type`` shadows the builtin in the class


@dataclass(frozen=True)
class EventRef:
    """An event with who recorded it, when and on what basis; corrections name their target."""

    event_id: str
    type: str
    tmt: date
    recorded_at: datetime
    recorded_by: str
    recorded_by_role: str
    sk_number: str
    sk_date: date
    target_event_id: str | None = None
    reason: str | None = None
    changes: dict[str, Any] | None = None
    target_class: EventClass | None = None  # the kind of the event a correction amends


@dataclass(frozen=True)
class Judgement:
    known_at: datetime
    valid_at: date
    verdict: str  # COMPLIANT, NON_COMPLIANT or NOT_ASSESSED
    failed_rules: tuple[str, ...]
    rule_set_version: str | None
    period_regime: str | None
    rules: tuple[RuleOutcome, ...]
    state: ServantState
    last_version: int  # the latest version the judgement read
    evidence: tuple[EventRef, ...]


@dataclass(frozen=True)
class PromotionAudit:
    promotion: EventRef
    new_rank: str
    promotion_type: str
    pertek_number: str | None
    sk_official: str
    document_hash: str | None
    retracted: bool
    corrections: tuple[EventRef, ...]
    then: Judgement
    now: Judgement
    verdict_changed: bool
    changed_by: tuple[EventRef, ...]


def promotion_audit(app: Any, event_id: str, now: datetime) -> PromotionAudit:
    nip, _, version_text = event_id.partition(":")
    if not version_text.isdigit():
        raise EventNotFoundError(event_id)
    servant: CS = app.servant(nip)
    version = int(version_text)
    recorded = servant.event_at(version)
    if recorded is None:
        raise EventNotFoundError(event_id)
    if not isinstance(recorded, CS.RankPromoted):
        raise DomainError("NOT_A_PROMOTION",
                          f"Event {event_id} is a {type(recorded).__name__}, not a RankPromoted.",
                          "eventId")
    events = list(servant.events)
    targets = {e.originator_version: e for e in events}
    then = assess(events, version, recorded.timestamp)
    today = assess(events, version, now)
    corrections = [e for e in servant.events
                   if isinstance(e, CORRECTION_KINDS) and e.target_version == version
                   and e.timestamp <= now]
    changed = made_difference(events, then, today) if now >= recorded.timestamp else []
    return PromotionAudit(
        promotion=ref(nip, recorded), new_rank=recorded.new_rank.name,
        promotion_type=recorded.promotion_type.name, pertek_number=recorded.pertek_number,
        sk_official=recorded.sk_official, document_hash=recorded.document_hash,
        retracted=today.retracted,
        corrections=tuple(ref(nip, e, targets) for e in corrections),
        then=_judgement(nip, then, recorded.timestamp),
        now=_judgement(nip, today, now),
        verdict_changed=then.verdict != today.verdict or set(then.failed) != set(today.failed),
        changed_by=tuple(ref(nip, e, targets) for e in changed if e.timestamp <= now),
    )


def ref(nip: str, event: CS.Event, targets: Mapping[int, CS.Event] | None = None) -> EventRef:
    """``event`` as the audit shows it; ``targets`` (events by version) name the kind of the
    event a correction amends."""
    target, reason, target_class = None, None, None
    if isinstance(event, (CS.EventCorrected, CS.EventRetracted)):
        target, reason = f"{nip}:{event.target_version}", event.reason
        amended = (targets or {}).get(event.target_version)
        target_class = type(amended) if amended is not None else None
    return EventRef(
        event_id=f"{nip}:{event.originator_version}", type=type(event).__name__, tmt=event.tmt,
        recorded_at=event.timestamp, recorded_by=event.actor_id,
        recorded_by_role=event.actor_role, sk_number=event.sk_number, sk_date=event.sk_date,
        target_event_id=target, reason=reason,
        changes=getattr(event, "changes", None), target_class=target_class,
    )


def _judgement(nip: str, assessment: Assessment, known_at: datetime) -> Judgement:
    tmt = assessment.promotion.tmt
    state = fold(effective_events(list(assessment.basis)), tmt)
    eligibility = assessment.eligibility
    rules = eligibility.outcomes if eligibility else ()
    cited = {eid for outcome in rules for eid in outcome.evidence}
    by_version = {e.originator_version: e for e in assessment.basis}
    evidence = []
    for event in assessment.basis:
        target = event.target_version if isinstance(event, CORRECTION_KINDS) else None
        if f"{nip}:{event.originator_version}" in cited or (
                target is not None and f"{nip}:{target}" in cited and target in by_version):
            evidence.append(ref(nip, event, by_version))
    return Judgement(
        known_at=known_at, valid_at=tmt, verdict=assessment.verdict,
        failed_rules=assessment.failed,
        rule_set_version=eligibility.rule_set_version if eligibility else None,
        period_regime=eligibility.period_regime_id if eligibility else None,
        rules=rules, state=state, evidence=tuple(evidence),
        last_version=max(e.originator_version for e in assessment.basis),
    )
