"""Appraisal rules (domain.md §5 rules 10-12, §3.5)."""

from __future__ import annotations

from domain.events import AppraisalRecorded
from domain.rules.base import Rule, caution, refusal
from domain.values import predikat_for

APPRAISAL_RULES: tuple[Rule[AppraisalRecorded], ...] = (
    refusal("PREDIKAT-MATRIX", AppraisalRecorded, "domain.md §5 rule 10; PermenPANRB 6/2022",
            when=lambda e, c: e.predikat is not predikat_for(e.work_result, e.work_behaviour),
            code="PREDIKAT_MISMATCH", field="predikat",
            says=lambda e, c: f"Hasil kerja {e.work_result.name} with perilaku kerja "
            f"{e.work_behaviour.name} gives predikat "
            f"{predikat_for(e.work_result, e.work_behaviour).name}, not {e.predikat.name}."),
    refusal("NOT-SELF-APPRAISAL", AppraisalRecorded, "domain.md §5 rule 11",
            when=lambda e, c: c.latest is not None and e.appraiser_nip == c.latest.nip,
            code="SELF_APPRAISAL", field="appraiserNip",
            says=lambda e, c: "The appraiser cannot be the person appraised."),
    refusal("APPRAISAL-YEAR", AppraisalRecorded, "domain.md §3.5 [DESIGN]",
            when=lambda e, c: e.tmt.year < e.year
            or (c.latest is not None and e.year < c.latest.cpns_tmt.year),
            code="INVALID_YEAR", field="year",
            says=lambda e, c: f"An appraisal of {e.year} needs a TMT in or after that year and "
            "a year on or after the CPNS TMT."),
    caution("ONE-SKP-A-YEAR", AppraisalRecorded, "domain.md §5 rule 12 (warn)",
            when=lambda e, c: c.latest is not None and bool(c.latest.appraisals.get(e.year)),
            code="DUPLICATE_APPRAISAL_YEAR",
            says=lambda e, c: f"An annual SKP for {e.year} is already recorded."),
)
