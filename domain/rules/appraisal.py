"""Appraisal rules (domain.md §5 rules 10-12, §3.5)."""

from __future__ import annotations

from domain.errors import Warning
from domain.events import AppraisalRecorded
from domain.rules.base import Context, Rule, fail
from domain.values import predikat_for


def _predikat_from_matrix(e: AppraisalRecorded, context: Context) -> list[Warning]:
    expected = predikat_for(e.work_result, e.work_behaviour)
    if e.predikat is not expected:
        raise fail(
            "PREDIKAT_MISMATCH",
            f"Hasil kerja {e.work_result.name} with perilaku kerja {e.work_behaviour.name} gives "
            f"predikat {expected.name}, not {e.predikat.name}.",
            "predikat",
        )
    return []


def _not_self(e: AppraisalRecorded, context: Context) -> list[Warning]:
    state = context.latest
    if state is not None and e.appraiser_nip == state.nip:
        raise fail("SELF_APPRAISAL", "The appraiser cannot be the person appraised.", "appraiserNip")
    return []


def _year_fits(e: AppraisalRecorded, context: Context) -> list[Warning]:
    state = context.latest
    if e.tmt.year < e.year or (state is not None and e.year < state.cpns_tmt.year):
        raise fail(
            "INVALID_YEAR",
            f"An appraisal of {e.year} needs a TMT in or after that year and a year on or after "
            "the CPNS TMT.",
            "year",
        )
    return []


def _one_a_year(e: AppraisalRecorded, context: Context) -> list[Warning]:
    state = context.latest
    if state is not None and state.appraisals.get(e.year):
        return [Warning("DUPLICATE_APPRAISAL_YEAR", f"An annual SKP for {e.year} is already recorded.")]
    return []


APPRAISAL_RULES: tuple[Rule[AppraisalRecorded], ...] = (
    Rule("PREDIKAT-MATRIX", AppraisalRecorded, _predikat_from_matrix,
         "domain.md §5 rule 10; PermenPANRB 6/2022"),
    Rule("NOT-SELF-APPRAISAL", AppraisalRecorded, _not_self, "domain.md §5 rule 11"),
    Rule("APPRAISAL-YEAR", AppraisalRecorded, _year_fits, "domain.md §3.5 [DESIGN]"),
    Rule("ONE-SKP-A-YEAR", AppraisalRecorded, _one_a_year, "domain.md §5 rule 12 (warn)"),
)
