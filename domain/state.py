"""A servant's state derived from the log, bitemporally: what the log knew at ``known_at``
about the servant on ``valid_at``. The parts live in their own modules; this is where the
rest of the system imports them from."""

from domain.effective import Effective, effective_events
from domain.fold import fold, in_fold_order
from domain.servant_state import PenaltyState, PositionState, RankPeriod, ServantState

__all__ = [
    "Effective",
    "PenaltyState",
    "PositionState",
    "RankPeriod",
    "ServantState",
    "effective_events",
    "fold",
    "in_fold_order",
]
