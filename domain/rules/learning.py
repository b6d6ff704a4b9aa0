"""Training and education rules (domain.md §5 rule 16, §3.7, §3.2)."""

from __future__ import annotations

from domain.errors import Warning
from domain.events import EducationCompleted, TrainingCompleted
from domain.rules.base import Context, Rule, fail, refusal


def _hours_and_dates(e: TrainingCompleted, context: Context) -> list[Warning]:
    if e.hours <= 0:
        raise fail("INVALID_HOURS", f"JP hours must be greater than 0, not {e.hours}.", "hours")
    if e.end_date < e.start_date:
        raise fail(
            "INVALID_DATE_RANGE", f"End date {e.end_date} is before start date {e.start_date}.",
            "endDate",
        )
    return []


def _certificate(e: TrainingCompleted, context: Context) -> list[Warning]:
    if not (e.certificate_number or "").strip():
        if e.kind.is_classical:
            raise fail(
                "MISSING_CERTIFICATE",
                f"Classical training ({e.kind.name}) needs a certificate number.",
                "certificateNumber",
            )
        return [Warning("MISSING_CERTIFICATE", f"No certificate number for {e.kind.name} learning.")]
    return []


TRAINING_RULES: tuple[Rule[TrainingCompleted], ...] = (
    Rule("JP-AND-DATES", TrainingCompleted, _hours_and_dates, "domain.md §5 rule 16"),
    refusal("ORGANISER-NAMED", TrainingCompleted, "domain.md §5 rule 16",
            when=lambda e, c: not e.organiser.strip(), code="MISSING_FIELD", field="organiser",
            says=lambda e, c: "The organiser (institusi penyelenggara) is required."),
    Rule("CERTIFICATE", TrainingCompleted, _certificate,
         "domain.md §5 rule 16; PerLAN 10/2018 (warn for non-classical)"),
)
EDUCATION_RULES: tuple[Rule[EducationCompleted], ...] = (
    refusal("GRADUATED-BEFORE", EducationCompleted, "domain.md §3.2 [DESIGN]",
            when=lambda e, c: e.graduation_date > e.tmt or e.graduation_date > c.recorded_on,
            code="INVALID_DATE_RANGE", field="graduationDate",
            says=lambda e, c: f"Graduation {e.graduation_date} must not be after the TMT {e.tmt} "
            "or the recording date."),
)
