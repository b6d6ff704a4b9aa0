"""Annual credit (angka kredit) from the SKP predikat, and what a step needs (§7.3).

AK = (months / 12) x %predikat x coefficient of the level. A PAK states credit to three
decimals, so each award is rounded half-up to 0.001 once, and sums add stated values
(rounding as PAK documents show it [VERIFY]).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from domain.functional import errors
from domain.functional.coefficients import (
    NEXT_LEVEL,
    TRACK_OF_LEVEL,
    CreditRegime,
    credit_regime_at,
)
from domain.functional.errors import FunctionalError
from domain.values import FunctionalLevel, Predikat, Rank

STATED = Decimal("0.001")


class CreditKind(Enum):
    ANNUAL = "ANNUAL"  # converted from the SKP predikat
    DETERMINED = "DETERMINED"  # a PAK (CreditScoreDetermined) as recorded
    CARRIED_OVER = "CARRIED_OVER"  # surplus from before the last rank step, same level
    DEGREE_BONUS = "DEGREE_BONUS"  # 25% of AKK for a higher degree, once


@dataclass(frozen=True)
class CreditEntry:
    evidence_id: str
    amount: Decimal
    kind: CreditKind
    explanation: str = ""


@dataclass(frozen=True)
class CreditAward:
    amount: Decimal
    predikat: Predikat
    percent: int
    level: FunctionalLevel
    coefficient: Decimal
    months: int
    regime_id: str
    explanation: str


def require_regime(day: date) -> CreditRegime:
    regime = credit_regime_at(day)
    if regime is None:
        raise FunctionalError(
            errors.NO_CREDIT_REGIME,
            f"No annual-credit regime covers {day}: credit before PermenPANRB 1/2023 comes "
            "from each JF's activity tables, which are not modelled; record the PAK instead.",
            "period",
        )
    return regime


def require_functional(level: FunctionalLevel | None) -> FunctionalLevel:
    """Credit belongs to a functional position: a servant without a JF level has none."""
    if level is None:
        raise FunctionalError(
            errors.NOT_FUNCTIONAL,
            "Credit scores are determined only for servants in a functional position.",
            "nip",
        )
    return level


def months_in_period(start: date, end: date) -> int:
    """Calendar months from ``start``'s month to ``end``'s, both counted, within one year."""
    if end < start or start.year != end.year:
        raise FunctionalError(
            errors.INVALID_CREDIT_PERIOD,
            f"A credit period runs forward within one year; {start} to {end} does not.",
            "period",
        )
    return end.month - start.month + 1


def annual_credit(
    predikat: Predikat, level: FunctionalLevel, period_start: date, months: int = 12
) -> CreditAward:
    """Credit earned over ``months`` (1-12) of the year starting at ``period_start``."""
    if isinstance(months, bool) or not 1 <= months <= 12:
        raise FunctionalError(
            errors.INVALID_CREDIT_PERIOD, f"{months!r} months is not 1-12.", "months"
        )
    regime = require_regime(period_start)
    percent, coefficient = regime.predikat_percent[predikat], regime.coefficient[level]
    # One division, last, so that an exact half (e.g. 1.5625) is not lost to 1/12's expansion.
    exact = Decimal(months) * percent * coefficient / 1200
    amount = exact.quantize(STATED, rounding=ROUND_HALF_UP)
    text = (
        f"{months}/12 x {percent}% ({predikat.name}) x {coefficient} ({level.code}) = {amount} "
        f"[{regime.regime_id}]"
    )
    return CreditAward(
        amount, predikat, percent, level, coefficient, months, regime.regime_id, text
    )


def cumulative_credit(entries: Iterable[CreditEntry]) -> Decimal:
    total = Decimal(0)
    for entry in entries:
        if entry.amount < 0:
            raise FunctionalError(
                errors.NEGATIVE_CREDIT, f"Credit {entry.evidence_id} is negative.", "credit"
            )
        total += entry.amount
    return total


def rank_step_credit(level: FunctionalLevel, rank: Rank, day: date) -> int | None:
    """AKK_KP: credit for the step from ``rank`` on ``level``'s track, None if not tabled."""
    return require_regime(day).rank_step.get((TRACK_OF_LEVEL[level], rank))


def level_step_credit(level: FunctionalLevel, day: date) -> int | None:
    """Credit for the step from ``level`` to the next level, None if not tabled or at the top."""
    return require_regime(day).level_step.get(level)


def degree_bonus(required: int, day: date, already_granted: bool) -> Decimal:
    """A higher degree adds 25% of AKK, once in a career; zero if already granted."""
    if already_granted:
        return Decimal(0)
    percent = require_regime(day).degree_bonus_percent
    return (Decimal(required) * percent / 100).quantize(STATED, rounding=ROUND_HALF_UP)


def surplus_after_step(
    cumulative: Decimal,
    required: int,
    level_before: FunctionalLevel,
    level_after: FunctionalLevel,
) -> Decimal:
    """Credit carried into the next rank: the surplus, only if the level stays the same.

    When a level step and a rank step fall due together the level goes first and the rank
    step reuses the same credit, so neither is subtracted twice; after a level change
    nothing carries over (§7.3).
    """
    if level_after is not level_before:
        return Decimal(0)
    return max(Decimal(0), cumulative - required)


@dataclass(frozen=True)
class CreditRequirement:
    level: FunctionalLevel
    rank: Rank
    next_rank: Rank | None
    for_next_rank: int | None
    next_level: FunctionalLevel | None
    for_next_level: int | None
    regime_id: str

    def missing_for_next_rank(self, cumulative: Decimal) -> Decimal | None:
        """Credit still to earn for the rank step; None when the step has no tabled credit."""
        return _missing(self.for_next_rank, cumulative)

    def missing_for_next_level(self, cumulative: Decimal) -> Decimal | None:
        return _missing(self.for_next_level, cumulative)


def _missing(required: int | None, cumulative: Decimal) -> Decimal | None:
    return None if required is None else max(Decimal(0), required - cumulative)


def credit_required(level: FunctionalLevel, rank: Rank, day: date) -> CreditRequirement:
    """The credit the next rank and the next level need under the regime in force on ``day``."""
    regime = require_regime(day)
    return CreditRequirement(
        level=level,
        rank=rank,
        next_rank=rank.next(),
        for_next_rank=rank_step_credit(level, rank, day),
        next_level=NEXT_LEVEL[level],
        for_next_level=level_step_credit(level, day),
        regime_id=regime.regime_id,
    )
