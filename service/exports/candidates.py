"""Promotion candidates of a period: every servant judged at the period's date, ranked by merit,
with the rules each one fails and why."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.errors import DomainError
from service.exports.columns import ORDER, SERVANT_IN_UNIT
from service.exports.report import Column, Report
from service.exports.source import ExportSource, check_identifier

COLUMNS = (
    ORDER, *SERVANT_IN_UNIT,
    Column("current_rank", "Gol/ruang sekarang", "Current grade", width=10),
    Column("next_rank", "Gol/ruang berikut", "Next grade", width=10),
    Column("candidate_tmt", "TMT usulan", "Candidate TMT", width=12),
    Column("promotion_kind", "Jenis KP", "Promotion kind", width=14),
    Column("verdict", "Keputusan", "Verdict", width=14),
    Column("merit", "Skor merit", "Merit score", width=9),
    Column("failed_rules", "Syarat tidak terpenuhi", "Failed rules", width=16),
    Column("explanations", "Penjelasan", "Explanations", width=60),
    Column("rule_set", "Versi aturan", "Rule set", width=16),
)


def candidates(source: ExportSource, period: date, unit_id: str | None = None) -> Report:
    """``period`` is any day; candidates are judged at the next legal period date on or after
    it (domain.md §7.1), as the promotionCandidates query does."""
    if unit_id is not None:
        check_identifier(unit_id, "unitId")
        source.unit_servants(unit_id)  # the scope check, on the unit's agency too
    elif not source.unscoped():
        raise DomainError("INVALID_REPORT_PARAMETER",
                          "An HR token scoped to some units must name the unit (--unit).", "unitId")
    ranked = source.read_models.promotion_candidates(period, unit_id=unit_id)

    def rows() -> Iterator[list[Any]]:
        for number, c in enumerate(ranked, start=1):
            e = c.eligibility
            failed = [o for o in e.outcomes if o.outcome != "PASS"]
            yield [
                number, c.nip, c.name, c.unit_name, e.current_rank.golongan,
                e.next_rank.golongan if e.next_rank else None, e.candidate_tmt,
                e.promotion_kind, e.verdict, round(c.merit.total, 2),
                [o.rule_id for o in failed],
                " | ".join(f"{o.rule_id} {o.outcome}: {o.explanation}" for o in failed),
                e.rule_set_version,
            ]

    scope = unit_id or "semua unit"
    return Report("candidates", f"Calon KP {scope} periode {period.isoformat()}", COLUMNS,
                  rows(), len(ranked))
