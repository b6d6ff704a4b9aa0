"""A servant's functional career read from the fold: annual credit per year from the SKP
predikat beside the PAKs determined for it, and the BUP of the position held (§7.3, §7.5).

Derived annual credit is an explanation, not a record: the PAK is the legal act, so the
promotion rules count PAKs and this table shows both, year by year, with their evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.functional.coefficients import credit_regime_at
from domain.functional.credit import CreditAward, annual_credit
from domain.functional.errors import FunctionalError
from domain.functional.retirement import PositionRef, RetirementAge, retirement_for
from domain.servant_state import CreditState, ServantState
from domain.values import FunctionalLevel, PositionLevel, Predikat


@dataclass(frozen=True)
class YearCredit:
    year: int
    level: FunctionalLevel | None
    predikat: Predikat | None
    appraisal_event_id: str | None
    derived: CreditAward | None  # None: no appraisal, no JF level or no credit regime
    determined: tuple[CreditState, ...]  # the PAKs whose period falls in the year
    determined_event_ids: tuple[str, ...]
    note: str

    @property
    def determined_total(self) -> Decimal:
        return sum((c.credit for c in self.determined), Decimal(0))


def _months_held(state: ServantState, year: int) -> int:
    """Months of ``year`` in the functional position held (from its TMT's month)."""
    position = state.position
    if position is None or position.tmt.year > year:
        return 0
    return 12 if position.tmt.year < year else 13 - position.tmt.month


def credit_years(nip: str, state: ServantState, as_of: date) -> tuple[YearCredit, ...]:
    """One line per year from the first PAK or SKP year in the JF position up to ``as_of``."""
    position = state.position
    level = position.functional_level if position is not None else None
    years = {c.period_start.year for c in state.credits}
    if level is not None and position is not None:
        years |= {y for y in state.appraisals if y >= position.tmt.year}
    lines = []
    for year in sorted(y for y in years if y <= as_of.year):
        recorded = state.appraisals.get(year) or []
        predikat, version = recorded[-1] if recorded else (None, None)
        determined = tuple(c for c in state.credits if c.period_start.year == year)
        derived, note = None, ""
        months = _months_held(state, year)
        if level is None or months == 0:
            note = "no functional level held in the year: no annual credit"
        elif predikat is None:
            note = "no SKP of the year is recorded"
        elif credit_regime_at(date(year, 1, 1)) is None:
            note = "before PermenPANRB 1/2023: credit came from activity tables (see the PAK)"
        else:
            derived = annual_credit(predikat, level, date(year, 1, 1), months)
            note = derived.explanation
        lines.append(YearCredit(
            year, level, predikat, f"{nip}:{version}" if version is not None else None,
            derived, determined, tuple(f"{nip}:{c.version}" for c in determined), note,
        ))
    return tuple(lines)


def retirement_of(state: ServantState, on: date) -> RetirementAge | None:
    """The BUP of the position held on ``on`` (pelaksana when none is recorded); None when no
    rule covers it (a functional position without its level)."""
    position = state.position
    ref = (PositionRef(position.level, position.functional_level) if position is not None
           else PositionRef(PositionLevel.PELAKSANA))
    try:
        return retirement_for(state.birth_date, ref, on)
    except FunctionalError:
        return None
