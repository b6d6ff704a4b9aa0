"""Rules of the functional-career and talent records: PAK credit (§7.3) and the nine-box
talent map (§6.3)."""

from __future__ import annotations

from datetime import date

from domain.competence import errors as competence_errors
from domain.competence.errors import CompetenceError
from domain.competence.talent import check_claimed_box
from domain.errors import Warning
from domain.events import CreditScoreDetermined, PotentialAssessed, TalentMapped
from domain.functional import errors as functional_errors
from domain.functional.credit import require_functional
from domain.functional.errors import FunctionalError
from domain.rules.base import Context, Rule
from domain.rules.competence import assessor_named

_S14 = "PermenPANRB 1/2023 [REG S14]"
_S6 = "PermenPANRB 3/2020 jo. 20/2025 [REG S6]"


def _functional_servant(e: CreditScoreDetermined, context: Context) -> list[Warning]:
    # The level is settled from the position held on the TMT: none means no JF position.
    require_functional(e.functional_level)
    return []


def _period_in_order(start: date, end: date, what: str) -> str | None:
    """The message for a period that ends before it starts, else None."""
    return f"The {what} period ends ({end}) before it starts ({start})." if end < start else None


def _credit_period(e: CreditScoreDetermined, context: Context) -> list[Warning]:
    reversed_period = _period_in_order(e.period_start, e.period_end, "credit")
    if reversed_period:
        raise FunctionalError(functional_errors.INVALID_CREDIT_PERIOD, reversed_period,
                              "periodEnd")
    if e.credit_score < 0:
        raise FunctionalError(
            functional_errors.NEGATIVE_CREDIT,
            f"Credit {e.credit_score} is negative.",
            "creditScore",
        )
    return []


def _box_agrees_with_axes(e: TalentMapped, context: Context) -> list[Warning]:
    check_claimed_box(e.box, e.performance, e.potential)
    return []


def _talent_period(e: TalentMapped, context: Context) -> list[Warning]:
    reversed_period = _period_in_order(e.period_start, e.period_end, "talent")
    if reversed_period:
        raise CompetenceError(competence_errors.INVALID_VALIDITY, reversed_period, "periodEnd")
    return []


CREDIT_RULES: tuple[Rule[CreditScoreDetermined], ...] = (
    Rule("CREDIT-FUNCTIONAL-ONLY", CreditScoreDetermined, _functional_servant, _S14),
    Rule("CREDIT-PERIOD", CreditScoreDetermined, _credit_period, f"{_S14} [DESIGN]"),
)
POTENTIAL_RULES: tuple[Rule[PotentialAssessed], ...] = (
    Rule("POTENTIAL-ASSESSOR", PotentialAssessed, assessor_named, _S6),
)
TALENT_RULES: tuple[Rule[TalentMapped], ...] = (
    Rule("TALENT-BOX-AXES", TalentMapped, _box_agrees_with_axes, _S6),
    Rule("TALENT-PERIOD", TalentMapped, _talent_period, f"{_S6} [DESIGN]"),
)
