"""The competency test of a level step (kenaikan jenjang, domain.md §7.3) read from the record.

A level step needs a passed uji kompetensi. The record holds it as a ``CompetencyAssessed``
with method UJI_KOMPETENSI: the latest one made while the servant held the current level
(on or after the level's assignment, on or before the candidate TMT) decides. It is passed
when every managerial competency reaches the level commonly cited for the next JF level
(``TYPICAL_MANAGERIAL_LEVEL``, domain.md §6.1 [VERIFY]); a managerial competency it does not
measure leaves the result unknown, never failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.competence.assessment import AssessmentMethod, CompetencyAssessment
from domain.competence.dictionary import MANAGERIAL
from domain.competence.standards import TYPICAL_MANAGERIAL_LEVEL
from domain.values import FunctionalLevel

SOURCE = ("PermenPANRB 1/2023 (uji kompetensi for kenaikan jenjang) [REG S14]; required levels "
          "as commonly cited under PermenPANRB 38/2017, domain.md §6.1 [VERIFY]")


@dataclass(frozen=True)
class CompetencyTest:
    passed: bool | None  # None: no test recorded, or a managerial competency not measured
    evidence: str | None  # the assessment's event id
    shortfalls: tuple[tuple[str, int, int], ...]  # (competency, attained, required)
    unmeasured: tuple[str, ...]

    @property
    def note(self) -> str:
        parts = [f"{code} at level {got}, {need} needed" for code, got, need in self.shortfalls]
        if self.unmeasured:
            parts.append(f"not measured: {', '.join(self.unmeasured)}")
        return "; ".join(parts) + ("." if parts else "")


def competency_test(
    assessments: Iterable[CompetencyAssessment], next_level: FunctionalLevel | None,
    level_since: date, tmt: date,
) -> CompetencyTest:
    tests = [a for a in assessments if a.method is AssessmentMethod.UJI_KOMPETENSI
             and level_since <= a.assessed_on <= tmt]
    if not tests or next_level is None or next_level.code not in TYPICAL_MANAGERIAL_LEVEL:
        return CompetencyTest(None, None, (), ())
    latest = tests[0]
    for test in tests[1:]:
        if test.assessed_on >= latest.assessed_on:
            latest = test
    required = TYPICAL_MANAGERIAL_LEVEL[next_level.code]
    levels = dict(latest.levels)
    short = tuple((c.code, levels[c.code], required) for c in MANAGERIAL
                  if c.code in levels and levels[c.code] < required)
    unmeasured = tuple(c.code for c in MANAGERIAL if c.code not in levels)
    passed = False if short else (None if unmeasured else True)
    return CompetencyTest(passed, latest.assessment_id, short, unmeasured)


def assessment_tree(a: CompetencyAssessment) -> dict[str, Any]:
    """An assessment as plain JSON values, field by field as the promotion view's general
    writer stores a dataclass (the view stores facts as JSON)."""
    return {"assessment_id": a.assessment_id, "assessed_on": a.assessed_on.isoformat(),
            "method": a.method.name, "assessor_body": a.assessor_body,
            "levels": [list(pair) for pair in a.levels], "document_hash": a.document_hash}


def assessment_from_tree(d: dict[str, Any]) -> CompetencyAssessment:
    return CompetencyAssessment(
        d["assessment_id"], date.fromisoformat(d["assessed_on"]), AssessmentMethod[d["method"]],
        d["assessor_body"], tuple((str(c), int(n)) for c, n in d["levels"]), d["document_hash"])
