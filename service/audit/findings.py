"""Reading audit findings from the ``audit_findings`` view, with today's thresholds.

Per-servant findings are stored rows. The appraisal-distribution warning (domain.md §3.5) is
about a unit and a year, not a servant, so it is computed here with one GROUP BY over the
view's appraisal rows: the guidance says an organisation rated Baik should have at most 70%
of its staff rated Baik (or better) and some rated Butuh Perbaikan or worse."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from domain.errors import DomainError
from projections import json_codec
from projections.engine import registry
from projections.engine.db import MissingTableError
from projections.engine.view import View
from projections.views.audit_findings.rows import AuditFindingsView

VIEW = AuditFindingsView.name
KINDS = ("PROMOTION_RULES_FAILED", "PROMOTION_DURING_PENALTY", "SAME_ACTOR_EVIDENCE",
         "BACKDATED_SK", "VERDICT_CHANGED", "APPRAISAL_DISTRIBUTION", "IMPORTED_WITHOUT_SK")
GOOD_SHARE_LIMIT = 0.70
MIN_GROUP = 5  # smaller units swing too much on one rating to warn about
GOOD, LOW = frozenset({"SANGAT_BAIK", "BAIK"}), frozenset({"BUTUH_PERBAIKAN", "KURANG",
                                                             "SANGAT_KURANG"})


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    nip: str | None
    unit_id: str
    period: str
    subject_event_id: str | None
    event_ids: list[str]
    positions: list[int]
    explanation: str
    measure: float | None
    recorded_at: str | None
    provenance: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FindingFilter:
    kinds: Collection[str] | None = None
    unit_id: str | None = None
    nip: str | None = None  # a servant's findings; unit-level warnings are left out
    period_from: date | None = None
    period_to: date | None = None


def read_findings(read_models: Any, settings: Any, flt: FindingFilter) -> list[Finding]:
    unknown = set(flt.kinds or ()) - set(KINDS)
    if unknown:
        raise DomainError("INVALID_VALUE", f"Unknown finding kind(s) {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(KINDS)}.", "filter")
    if read_models is None:
        raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
    for _attempt in range(3):
        try:
            with read_models.store.reader() as conn:
                generation = registry.active_generation(conn, VIEW)
                if generation is None:
                    raise DomainError("PROJECTION_BEHIND",
                                      "The audit findings view is still being built.")
                read_models.freshness.check_stored(conn, VIEW, generation)
                tracked = conn.execute(
                    "SELECT position FROM projection_tracking WHERE name = ? AND generation = ?",
                    (VIEW, generation))
                provenance = f"{VIEW} g{generation} through log position {tracked[0][0]}"
                found = _stored(conn, generation, flt, settings, provenance)
                wanted = not flt.kinds or "APPRAISAL_DISTRIBUTION" in flt.kinds
                if wanted and flt.nip is None:
                    found += _distribution(conn, generation, flt, provenance)
            return sorted(found, key=lambda f: (f.period, f.nip or "", f.kind,
                                                f.subject_event_id or f.unit_id))
        except MissingTableError:
            continue  # a rebuild switched generations under us
    raise DomainError("PROJECTION_BEHIND", "The audit findings view is switching; retry.")


def _where(flt: FindingFilter, period: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.unit_id is not None:
        clauses.append("unit_id = ?")
        params.append(flt.unit_id)
    if flt.period_from is not None:
        clauses.append(f"{period} >= ?")
        params.append(flt.period_from.isoformat() if period == "period" else flt.period_from.year)
    if flt.period_to is not None:
        clauses.append(f"{period} <= ?")
        params.append(flt.period_to.isoformat() if period == "period" else flt.period_to.year)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _stored(conn: Any, generation: int, flt: FindingFilter, settings: Any,
            provenance: str) -> list[Finding]:
    table = View.table_name("audit_finding", generation)
    where, params = _where(flt, "period")
    if flt.nip is not None:
        where += (" AND " if where else " WHERE ") + "nip = ?"
        params.append(flt.nip)
    kinds = [k for k in (flt.kinds or KINDS) if k != "APPRAISAL_DISTRIBUTION"]
    if not kinds:
        return []
    where += (" AND " if where else " WHERE ") + f"kind IN ({','.join('?' * len(kinds))})"
    rows = conn.execute(
        "SELECT kind, severity, nip, unit_id, period, subject_event_id, event_ids, positions, "
        f"explanation, measure, recorded_at, details FROM {table}{where}", [*params, *kinds])
    found = []
    for (kind, severity, nip, unit, period, subject, ids, positions, text, measure, at,
         details) in rows:
        stored = Finding(kind, severity, nip, unit, period, subject, json_codec.loads(ids),
                         json_codec.loads(positions), text, measure, at, provenance, json_codec.loads(details))
        kept = _thresholded(stored, settings)
        if kept is not None:
            found.append(kept)
    return found


def _thresholded(finding: Finding, settings: Any) -> Finding | None:
    if finding.kind == "BACKDATED_SK":
        limit = settings.backdating_threshold_days
        if finding.measure is None or finding.measure < limit:
            return None
        return replace(finding, explanation=f"{finding.explanation} Threshold: {limit} days.")
    if finding.kind == "SAME_ACTOR_EVIDENCE":
        window = settings.same_actor_window_hours
        close = [e for e in finding.details.get("evidence", []) if e["hours"] <= window]
        if not close:
            return None
        ids = [e["eventId"] for e in close]
        keep = {finding.subject_event_id, *ids}
        pairs = [(i, p) for i, p in zip(finding.event_ids, finding.positions, strict=True)
                 if i in keep]
        return replace(
            finding, event_ids=[i for i, _ in pairs], positions=[p for _, p in pairs],
            explanation=f"{finding.explanation} within {window:g} hours before it: "
                        f"{', '.join(ids)}.",
        )
    return finding


def _distribution(conn: Any, generation: int, flt: FindingFilter,
                  provenance: str) -> list[Finding]:
    table = View.table_name("audit_appraisal", generation)
    where, params = _where(flt, "year")
    rows = conn.execute(
        f"SELECT unit_id, year, predikat, COUNT(*) FROM {table}{where} "
        "GROUP BY unit_id, year, predikat", params)
    groups: dict[tuple[str, int], dict[str, int]] = {}
    for unit, year, predikat, count in rows:
        groups.setdefault((unit, int(year)), {})[predikat] = int(count)
    found = []
    for (unit, year), counts in sorted(groups.items()):
        total = sum(counts.values())
        good = sum(n for p, n in counts.items() if p in GOOD)
        low = sum(n for p, n in counts.items() if p in LOW)
        problems = []
        if good / total > GOOD_SHARE_LIMIT:
            problems.append(f"{good} of {total} ({good / total:.0%}) rated Baik or better, "
                            f"above the {GOOD_SHARE_LIMIT:.0%} guidance")
        if low == 0:
            problems.append("nobody rated Butuh Perbaikan or worse")
        if total < MIN_GROUP or not problems:
            continue
        ids = [r[0] for r in conn.execute(
            f"SELECT event_id FROM {table} WHERE unit_id = ? AND year = ? ORDER BY event_id",
            (unit, year))]
        found.append(Finding(
            "APPRAISAL_DISTRIBUTION", "WARNING", None, unit, date(year, 1, 1).isoformat(), None,
            ids, [], f"Unit {unit}, {year}: " + "; ".join(problems) + " (domain.md §3.5).",
            good / total, None, provenance, {"counts": counts, "year": year},
        ))
    return found
