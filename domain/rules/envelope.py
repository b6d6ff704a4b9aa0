"""Rules on the envelope every event carries: dates, legal basis (domain.md §5 rule 4)."""

from __future__ import annotations

from datetime import date, datetime

from domain.errors import Warning
from domain.events import CareerEvent
from domain.rules.base import Context, Rule, caution, fail, refusal

# A TMT this long before its SK date is reported as back-dating (rule 4, warn).
BACKDATING_WARN_DAYS = 365
# Dates outside this range are typing errors, and date arithmetic near date.max overflows.
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2199, 12, 31)


def check_date_range(value: date, field: str) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise fail(
            "INVALID_DATE", f"{field} {value} is outside {EARLIEST_DATE} to {LATEST_DATE}.", field
        )


def _dates_in_range(e: CareerEvent, context: Context) -> list[Warning]:
    for name, value in vars(e).items():
        if isinstance(value, date) and not isinstance(value, datetime):
            check_date_range(value, name)
    return []


def _legal_basis_named(e: CareerEvent, context: Context) -> list[Warning]:
    # Imported history from before the SK discipline is flagged (audit) instead; a position
    # standard's act has no such flag.
    if getattr(e, "legacy_without_sk", False):
        return []
    for name in ("sk_number", "sk_official"):
        if not str(getattr(e, name)).strip():
            raise fail("MISSING_FIELD", f"The legal basis needs {name.replace('_', ' ')}.", name)
    return []


ENVELOPE_RULES: tuple[Rule[CareerEvent], ...] = (
    Rule("DATES-IN-RANGE", CareerEvent, _dates_in_range, "domain.md §2 [DESIGN]"),
    Rule("LEGAL-BASIS-NAMED", CareerEvent, _legal_basis_named, "domain.md §2 [REG]"),
    refusal("SK-NOT-IN-FUTURE", CareerEvent, "domain.md §5 rule 4",
            when=lambda e, c: e.sk_date > c.recorded_on, code="SK_DATE_IN_FUTURE", field="skDate",
            says=lambda e, c: f"SK date {e.sk_date} is after the recording date {c.recorded_on}; "
            "an SK must exist before it is recorded."),
    caution("TMT-LONG-BEFORE-SK", CareerEvent, "domain.md §5 rule 4 (warn)",
            when=lambda e, c: (e.sk_date - e.tmt).days > BACKDATING_WARN_DAYS,
            code="TMT_LONG_BEFORE_SK",
            says=lambda e, c: f"TMT {e.tmt} is {(e.sk_date - e.tmt).days} days before SK date "
            f"{e.sk_date}."),
)
