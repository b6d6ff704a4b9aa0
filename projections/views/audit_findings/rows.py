"""View 4: audit findings (issue 4), from the promotion assessment of ``domain.audit_findings``
(shared with the promotion audit) and the back-dating of SKs.

Rows are a function of the servant's history only, so the view is rebuildable and
exactly-once like the others; what the view remembers between batches (``assessments.py``) is
reused only for equal events, so it computes the same rows. Thresholds (same-actor window,
back-dating) are applied when findings are read, so the rows keep the measure and a changed
setting needs no rebuild."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from typing import Any

from domain.audit_findings import (
    BLOCKING,
    IMPORTED_WITHOUT_SK,
    imported_without_sk,
    made_difference,
)
from domain.kinds import Facet, classes_for
from domain.promotion import Eligibility
from domain.servant import CORRECTION_KINDS
from domain.servant import CivilServant as CS
from domain.state import Effective
from projections.engine.view import Row, ServantHistory, Table, View, day, to_json
from projections.views.audit_findings.assessments import KeptAssessments, ServantAssessments
from projections.views.audit_findings.units import UnitsOnDates

FINDING_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"), ("kind", "TEXT NOT NULL"),
    ("severity", "TEXT NOT NULL"), ("unit_id", "TEXT NOT NULL"), ("period", "TEXT NOT NULL"),
    ("subject_event_id", "TEXT NOT NULL"), ("event_ids", "TEXT NOT NULL"),
    ("positions", "TEXT NOT NULL"), ("measure", "REAL"), ("explanation", "TEXT NOT NULL"),
    ("details", "TEXT NOT NULL"), ("recorded_at", "TEXT NOT NULL"),
)
APPRAISAL_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"), ("unit_id", "TEXT NOT NULL"),
    ("year", "INTEGER NOT NULL"), ("predikat", "TEXT NOT NULL"), ("event_id", "TEXT NOT NULL"),
    ("position", "BIGINT NOT NULL"),
)
_NOT_CHECKED_FOR_BACKDATING = (*CORRECTION_KINDS, CS.CpnsAppointed)
_HOUR = timedelta(hours=1)


class AuditFindingsView(View):
    name = "audit_findings"
    event_classes = classes_for(Facet.AUDIT)
    tables = (
        Table("audit_finding", FINDING_COLUMNS, (("kind", "period"), ("unit_id", "period"))),
        Table("audit_appraisal", APPRAISAL_COLUMNS, (("unit_id", "year"),)),
    )

    @cached_property
    def kept(self) -> KeptAssessments:
        return KeptAssessments()

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        findings: list[Row] = []
        rows = _Rows(history, findings, self.kept.of(history))
        for event in history.events:
            if isinstance(event, CS.RankPromoted):
                _promotion_findings(rows, event.originator_version)
            if not isinstance(event, _NOT_CHECKED_FOR_BACKDATING):
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
            (history.sid, history.nip, rows.units.unit_on(e.tmt),
             year, e.predikat.name, history.event_id(version), history.positions[version])
            for year, (version, e) in sorted(latest.items())
        ]
        self.kept.keep(rows.assessments)
        return {"audit_finding": findings, "audit_appraisal": appraisals}


@dataclass
class _Rows:
    history: ServantHistory
    out: list[Row]
    assessments: ServantAssessments

    @cached_property
    def units(self) -> UnitsOnDates:
        return self.assessments.units()

    @cached_property
    def effective_by_version(self) -> dict[int, Effective]:
        return {item.version: item for item in self.history.effective}

    def add(self, kind: str, severity: str, subject: int, period: Any, versions: list[int],
            explanation: str, measure: float | None = None, **details: Any) -> None:
        h = self.history
        at = h.effective[0].event.tmt if period is None else period
        subject_event = h.events[subject - 1]
        ordered = sorted(set(versions) | {subject})
        self.out.append((
            h.sid, h.nip, kind, severity, self.units.unit_on(at), day(at),
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
    then = rows.assessments.then(version)
    now = rows.assessments.now(version)
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
        if target in evidence and e.actor_id == recorded.actor_id:
            gap = (recorded.timestamp - e.timestamp) / _HOUR
            if gap >= 0:
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
    item = rows.effective_by_version.get(version)
    if item is None:
        return
    lag = (item.event.sk_date - item.event.tmt).days
    if lag > 0:
        rows.add("BACKDATED_SK", "MEDIUM", version, item.event.tmt, [version],
                 f"SK {item.event.sk_number} dated {item.event.sk_date} sets TMT "
                 f"{item.event.tmt}, {lag} days earlier.", measure=float(lag),
                 event_type=type(item.event).__name__)
