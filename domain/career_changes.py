"""How rank changes (promotion, demotion) and legal status changes alter the servant's state
(their kinds are declared in ``domain.kinds``)."""

from __future__ import annotations

from domain import events as ev
from domain.servant_state import LegalStatusPeriod, RankPeriod, ServantState


def promoted(state: ServantState, e: ev.RankPromoted, version: int) -> None:
    state.rank, state.rank_tmt = e.new_rank, e.tmt
    state.ranks.append(RankPeriod(e.new_rank, e.tmt, e.promotion_type, version))


def demoted(state: ServantState, e: ev.RankDemoted, version: int) -> None:
    # A demotion opens a rank period like a promotion, without a promotion type.
    state.rank, state.rank_tmt = e.new_rank, e.tmt
    state.ranks.append(RankPeriod(e.new_rank, e.tmt, None, version))


def legal_status_changed(state: ServantState, e: ev.LegalStatusChanged, version: int) -> None:
    state.legal_statuses.append(LegalStatusPeriod(e.legal_status, e.tmt, e.until, version))
