"""The promotion period regimes; they live with the other rules in ``domain.rules.periods``."""

from domain.rules.periods import (
    PERIOD_REGIMES,
    PeriodRegime,
    is_period_date,
    next_period_date,
    regime_at,
)

__all__ = ["PERIOD_REGIMES", "PeriodRegime", "is_period_date", "next_period_date", "regime_at"]
