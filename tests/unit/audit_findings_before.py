"""The audit findings view's rows as they were computed before the assessments were shared
and the unit on a date came from one pass: two full assessments per promotion and a fold per
row. ``test_audit_findings_rows`` compares the view's rows with these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from domain.audit_findings import (
    BLOCKING,
    IMPORTED_WITHOUT_SK,
    Assessment,
    imported_without_sk,
    made_difference,
)
from domain.functional.assess import KIND_OF_PROMOTION_TYPE, evaluate
from domain.promotion import Eligibility
from domain.promotion.from_record import promotion_facts
from domain.servant import CORRECTION_KINDS
from domain.servant import CivilServant as CS
from domain.state import effective_events, fold
from projections.engine.view import Row, ServantHistory, day, to_json


def assess(events: Sequence[CS.Event], version: int, known_at: datetime | None) -> Assessment:
    """Promotion ``version`` of the servant whose whole record is ``events``, judged from the
    events recorded by ``known_at`` (None: all of them)."""
    known = [e for e in events if known_at is None or e.timestamp <= known_at]
    effective = effective_events(known)
    found = next((i for i in effective if i.version == version), None)
    promotion = found.event if found is not None else events[version - 1]
    assert isinstance(promotion, CS.RankPromoted), f"event v{version} is not a promotion"
    # The servant on the TMT without this promotion: effective events valid by then. A
    # dropped event's corrections and retractions go with it.
    keep = {i.version for i in effective if i.version != version and i.event.tmt <= promotion.tmt}
    basis = tuple(
        e for e in known
        if e.originator_version in keep
        or (isinstance(e, CORRECTION_KINDS) and e.target_version in keep)
    )
    basis_effective = effective_events(basis)
    nip = events[0].nip if isinstance(events[0], CS.CpnsAppointed) else ""
    facts = promotion_facts(nip, basis_effective, fold(basis_effective))
    kind = KIND_OF_PROMOTION_TYPE.get(promotion.promotion_type)
    eligibility = evaluate(facts, promotion.tmt, kind) if kind is not None else None
    return Assessment(version, known_at, promotion, found is None, basis, facts, eligibility)


def rows_before(history: ServantHistory) -> dict[str, list[Row]]:
    findings: list[Row] = []
    rows = _Rows(history, findings)
    for event in history.events:
        if isinstance(event, CS.RankPromoted):
            _promotion_findings(rows, event.originator_version)
        if not isinstance(event, (*CORRECTION_KINDS, CS.CpnsAppointed)):
            _backdating(rows, event.originator_version)
    for item in history.effective:
        if imported_without_sk(item.event):
            rows.add(IMPORTED_WITHOUT_SK, "LOW", item.version, item.event.tmt, [item.version],
                     f"{type(item.event).__name__} of TMT {item.event.tmt} was imported "
                     "without an SK number (history older than the SK discipline).",
                     event_type=type(item.event).__name__, source=item.event.source_record_id)
    # The latest recorded appraisal of a year supersedes earlier ones (as in the facts).
    latest: dict[int, tuple[int, CS.AppraisalRecorded]] = {}
    for item in history.effective:
        if isinstance(item.event, CS.AppraisalRecorded):
            latest[item.event.year] = (item.version, item.event)
    appraisals: list[Row] = [
        (str(history.servant_id), history.nip, fold(history.effective, e.tmt).unit_id,
         year, e.predikat.name, history.event_id(version), history.positions[version])
        for year, (version, e) in sorted(latest.items())
    ]
    return {"audit_finding": findings, "audit_appraisal": appraisals}


@dataclass
class _Rows:
    history: ServantHistory
    out: list[Row]

    def add(self, kind: str, severity: str, subject: int, period: Any, versions: list[int],
            explanation: str, measure: float | None = None, **details: Any) -> None:
        h = self.history
        at = h.effective[0].event.tmt if period is None else period
        subject_event = h.events[subject - 1]
        ordered = sorted(set(versions) | {subject})
        self.out.append((
            str(h.servant_id), h.nip, kind, severity, fold(h.effective, at).unit_id, day(at),
            h.event_id(subject), to_json([h.event_id(v) for v in ordered]),
            to_json([h.positions[v] for v in ordered]), measure, explanation, to_json(details),
            subject_event.timestamp.isoformat(),
        ))


def _ids(eligibility: Eligibility, failed_only: bool = True) -> list[str]:
    return [eid for o in eligibility.outcomes if not (failed_only and o.passed) for eid in o.evidence]


def _versions(ids: list[str]) -> list[int]:
    return [int(eid.rpartition(":")[2]) for eid in ids]


def _promotion_findings(rows: _Rows, version: int) -> None:
    history = rows.history
    recorded = history.events[version - 1]
    then = assess(history.events, version, recorded.timestamp)
    now = assess(history.events, version, None)
    tmt = then.promotion.tmt
    # A rule that failed, not one that lacked evidence (UNKNOWN): that is no finding.
    if then.eligibility is not None and then.failed:
        failing = [o for o in then.eligibility.outcomes if o.outcome == "FAIL"]
        rows.add("PROMOTION_RULES_FAILED", "HIGH", version, tmt, _versions(_ids(then.eligibility)),
                 f"Recorded while {', '.join(then.failed)} failed: "
                 + " ".join(o.explanation for o in failing), failed_rules=list(then.failed))
    running = [p for p in now.facts.penalties if p.level in BLOCKING and p.is_running_on(tmt)]
    if running:
        known = {p.event_id for p in then.facts.penalties}
        rows.add("PROMOTION_DURING_PENALTY", "HIGH", version, tmt,
                 _versions([p.event_id for p in running]),
                 f"Promotion TMT {tmt} falls within "
                 + "; ".join(f"{p.level.name.lower()} penalty {p.event_id} ({p.start} until "
                             f"{p.effective_end}"
                             + (")" if p.event_id in known else ", recorded after the promotion)")
                             for p in running) + ".")
    evidence = set(_versions(_ids(then.eligibility, failed_only=False))) if then.eligibility \
        else set()
    same = []
    for e in then.basis:
        target = e.target_version if isinstance(e, CORRECTION_KINDS) else e.originator_version
        gap = (recorded.timestamp - e.timestamp) / timedelta(hours=1)
        if target in evidence and e.actor_id == recorded.actor_id and gap >= 0:
            same.append((round(gap, 3), e.originator_version))
    # An imported promotion and its imported evidence share the importing actor and moment:
    # that says nothing about who decided the promotion.
    if same and recorded.source_record_id is None:
        rows.add("SAME_ACTOR_EVIDENCE", "MEDIUM", version, tmt, [v for _, v in same],
                 f"{recorded.actor_id} recorded the promotion and evidence it rests on",
                 measure=min(gap for gap, _ in same), actor=recorded.actor_id,
                 evidence=[{"eventId": history.event_id(v), "hours": g} for g, v in sorted(same)])
    if now.verdict != then.verdict or set(now.failed) != set(then.failed):
        changed = made_difference(history.events, then, now)
        subject = changed[-1].originator_version if changed else version
        rows.add("VERDICT_CHANGED", "MEDIUM", subject, tmt,
                 [version, *(e.originator_version for e in changed)],
                 f"Promotion {history.event_id(version)} was {then.verdict}"
                 + (f" ({', '.join(then.failed)})" if then.failed else "")
                 + f" when recorded and is {now.verdict}"
                 + (f" ({', '.join(now.failed)})" if now.failed else "") + " with today's record.",
                 promotion=history.event_id(version), then=then.verdict, now=now.verdict,
                 failed_then=list(then.failed), failed_now=list(now.failed))


def _backdating(rows: _Rows, version: int) -> None:
    item = next((i for i in rows.history.effective if i.version == version), None)
    if item is None:
        return
    lag = (item.event.sk_date - item.event.tmt).days
    if lag > 0:
        rows.add("BACKDATED_SK", "MEDIUM", version, item.event.tmt, [version],
                 f"SK {item.event.sk_number} dated {item.event.sk_date} sets TMT "
                 f"{item.event.tmt}, {lag} days earlier.", measure=float(lag),
                 event_type=type(item.event).__name__)
