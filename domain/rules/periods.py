"""Promotion period dates by regime (domain.md §7.1), versioned by effective date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.rules.validity import RECORD_START, InForce


@dataclass(frozen=True)
class PeriodRegime(InForce):
    rule_id: str
    valid_from: date
    valid_to: date | None
    months: tuple[int, ...]
    source: str

    def allows(self, day: date) -> bool:
        return day.day == 1 and day.month in self.months


PERIOD_REGIMES: tuple[PeriodRegime, ...] = (
    PeriodRegime("PERIOD-2002", RECORD_START, date(2023, 12, 31), (4, 10), "Kep BKN 12/2002"),
    PeriodRegime(
        "PERIOD-2024", date(2024, 1, 1), date(2025, 9, 30), (2, 4, 6, 8, 10, 12), "PerBKN 4/2023"
    ),
    PeriodRegime("PERIOD-2025", date(2025, 10, 1), None, tuple(range(1, 13)), "PerBKN 4/2025"),
)


def regime_at(day: date) -> PeriodRegime:
    for regime in PERIOD_REGIMES:
        if regime.covers(day):
            return regime
    raise AssertionError(f"no period regime covers {day}")


def is_period_date(day: date) -> bool:
    return regime_at(day).allows(day)


def next_period_date(day: date) -> date:
    """The first legal period date on or after ``day``."""
    candidate = day if day.day == 1 else _first_of_next_month(day)
    while not is_period_date(candidate):
        candidate = _first_of_next_month(candidate)
    return candidate


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
