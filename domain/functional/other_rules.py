"""Structural KP pilihan (S1-S4) and penyesuaian ijazah (P0-P4), domain.md §7.4 [REG S13]."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.functional.rank_held import RankHeld
from domain.functional.ruleset import (
    IJAZAH_RULES,
    MIN_MONTHS_IN_POSITION_STRUCTURAL,
    MIN_MONTHS_IN_RANK_PILIHAN,
    PILIHAN_VERSIONS,
    STRUCTURAL_RULES,
)
from domain.functional.verdict import (
    Outcome,
    Rule,
    RuleVerdict,
    Verdict,
    evaluate_table,
    full_months_between,
    pass_or_fail,
    verdict,
    yes_no,
)
from domain.promotion.facts import AppraisalFact
from domain.rules.education import entry_rank
from domain.values import EducationLevel, Rank


@dataclass(frozen=True)
class StructuralCandidate(RankHeld):
    position_lowest_rank: Rank
    position_tmt: date
    position_evidence: str
    appraisals: tuple[AppraisalFact, ...] = ()


@dataclass(frozen=True)
class IjazahCandidate(RankHeld):
    diploma: EducationLevel
    diploma_evidence: str
    duties_match: bool | None = None
    duties_evidence: str | None = None
    appraisals: tuple[AppraisalFact, ...] = ()
    ukppi_passed: bool | None = None
    ukppi_evidence: str | None = None


def _months_at_least(
    rule: Rule, since: date, tmt: date, minimum: int, what: str, evidence: str
) -> RuleVerdict:
    months = full_months_between(since, tmt)
    inputs: dict[str, object] = {f"{what} since": since, "months": months}
    text = f"{months} months in {what} at {tmt} ({minimum} needed)."
    return pass_or_fail(rule, months >= minimum, text, inputs, (evidence,))


def _year_in_rank(rule: Rule, c: RankHeld, tmt: date) -> RuleVerdict:
    """S2 and P1: the same year in the rank held."""
    return _months_at_least(
        rule, c.rank_tmt, tmt, MIN_MONTHS_IN_RANK_PILIHAN, f"rank {c.rank.golongan}", c.rank_evidence
    )


def _good_years(
    rule: Rule, appraisals: tuple[AppraisalFact, ...], years: tuple[int, ...]
) -> RuleVerdict:
    """Baik or better in each of ``years``; a year with no appraisal makes it UNKNOWN."""
    latest = {a.year: a for a in appraisals}  # a later record of a year supersedes
    inputs: dict[str, object] = {}
    evidence, weak, absent = [], [], []
    for year in years:
        found = latest.get(year)
        inputs[str(year)] = "not recorded" if found is None else found.predikat.name
        if found is None:
            absent.append(year)
            continue
        evidence.append(found.event_id)
        if not found.predikat.is_good:
            weak.append(f"{year} {found.predikat.name}")
    if weak:
        return verdict(rule, Outcome.FAIL, "below Baik: " + ", ".join(weak), inputs, evidence)
    if absent:
        missing = tuple(f"annual appraisal {year}" for year in absent)
        text = "no appraisal recorded for " + ", ".join(map(str, absent))
        return verdict(rule, Outcome.UNKNOWN, text, inputs, evidence, missing)
    return verdict(
        rule, Outcome.PASS, "Baik or better in " + ", ".join(map(str, years)), inputs, evidence
    )


def _one_step_below(rule: Rule, c: StructuralCandidate, tmt: date) -> RuleVerdict:
    lowest = c.position_lowest_rank
    inputs: dict[str, object] = {"rank": c.rank.golongan, "position lowest rank": lowest.golongan}
    passed = c.rank.next() is lowest
    relation = "is" if passed else "is not"
    text = f"{c.rank.golongan} {relation} one step below the position's {lowest.golongan}."
    return pass_or_fail(rule, passed, text, inputs, (c.rank_evidence, c.position_evidence))


_STRUCTURAL: dict[str, Callable[[Rule, StructuralCandidate, date], RuleVerdict]] = {
    "S1": _one_step_below,
    "S2": _year_in_rank,
    "S3": lambda r, c, t: _months_at_least(
        r, c.position_tmt, t, MIN_MONTHS_IN_POSITION_STRUCTURAL, "the position", c.position_evidence
    ),
    "S4": lambda r, c, t: _good_years(r, c.appraisals, (t.year - 1, t.year - 2)),
}


def _entry_rank_above(rule: Rule, c: IjazahCandidate, tmt: date) -> RuleVerdict:
    entry = entry_rank(c.diploma, tmt)
    inputs: dict[str, object] = {
        "rank": c.rank.golongan,
        "diploma": c.diploma.label,
        "entry rank": entry.golongan,
    }
    passed = entry.ordinal > c.rank.ordinal
    text = f"{c.diploma.label} enters at {entry.golongan}, {'above' if passed else 'not above'} {c.rank.golongan}."
    return pass_or_fail(rule, passed, text, inputs, (c.rank_evidence, c.diploma_evidence))


_IJAZAH: dict[str, Callable[[Rule, IjazahCandidate, date], RuleVerdict]] = {
    "P0": _entry_rank_above,
    "P1": _year_in_rank,
    "P2": lambda r, c, t: yes_no(r, c.duties_match, c.duties_evidence, "duties match the diploma"),
    "P3": lambda r, c, t: _good_years(r, c.appraisals, (t.year - 1,)),
    "P4": lambda r, c, t: yes_no(r, c.ukppi_passed, c.ukppi_evidence, "UKPPI passed"),
}


def evaluate_structural(candidate: StructuralCandidate, candidate_tmt: date) -> Verdict:
    """KP pilihan struktural (jenis 201) at ``candidate_tmt``."""
    return evaluate_table("KP_PILIHAN_STRUKTURAL", STRUCTURAL_RULES, _STRUCTURAL,
                          PILIHAN_VERSIONS, candidate, candidate_tmt)


def evaluate_ijazah(candidate: IjazahCandidate, candidate_tmt: date) -> Verdict:
    """KP penyesuaian ijazah (jenis 203) at ``candidate_tmt``; the target is the entry rank."""
    return evaluate_table("KP_PENYESUAIAN_IJAZAH", IJAZAH_RULES, _IJAZAH, PILIHAN_VERSIONS,
                          candidate, candidate_tmt)
