"""Folding: a servant's state from its effective events, in TMT order. Pure and total: every
recorded event is a fact and is applied as it is; rules ran once, when it was admitted
(``domain.admission``), so a later change of a rule table never makes a record unreadable."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.effective import Effective
from domain.events import CpnsAppointed
from domain.kinds import kind_of
from domain.servant_state import RankPeriod, ServantState
from domain.values import PromotionType


def in_fold_order(effective: Iterable[Effective]) -> list[Effective]:
    """TMT order; within a day by the kinds' day order, then as recorded. The appointment opens
    the stream even if another event claims an earlier TMT (admission refuses that one)."""
    return sorted(
        effective,
        key=lambda e: (
            not isinstance(e.event, CpnsAppointed),
            e.event.tmt,
            kind_of(type(e.event)).day_order,
            e.version,
        ),
    )


def opened(e: CpnsAppointed) -> ServantState:
    """The state the appointment opens."""
    state = ServantState(
        nip=e.nip, name=e.name, birth_date=e.birth_date, gender=e.gender, cpns_tmt=e.tmt,
        institution_id=e.institution_id, institution_name=e.institution_name,
        unit_id=e.unit_id, unit_name=e.unit_name, rank=e.initial_rank, rank_tmt=e.tmt,
        status_tmt=e.tmt,
    )
    state.ranks.append(RankPeriod(e.initial_rank, e.tmt, PromotionType.INITIAL, 1))
    state.education.append((e.education_level, e.tmt, 1))
    return state


def evolve(state: ServantState, item: Effective) -> None:
    """Apply one effective event to the state (never refuses)."""
    kind_of(type(item.event)).evolve(state, item.event, item.version)


def fold(effective: Iterable[Effective], valid_at: date | None = None) -> ServantState:
    """The servant's state on ``valid_at`` (default: after every TMT): the appointment, then
    every event whose TMT is on or before ``valid_at``. Whether the servant was appointed by
    ``valid_at`` at all is the caller's question (``state.cpns_tmt``)."""
    state: ServantState | None = None
    for item in in_fold_order(effective):
        if isinstance(item.event, CpnsAppointed):
            state = opened(item.event)
        elif state is not None and (valid_at is None or item.event.tmt <= valid_at):
            evolve(state, item)
    assert state is not None, "a servant's stream always holds its appointment (version 1)"
    return state
