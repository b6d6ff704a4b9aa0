"""The servant's unit on any date from one fold of the effective events.

``fold(effective, day).unit_id`` applies, after the appointment, every event whose TMT is on or
before ``day``, in fold order. That order is TMT order after the appointment, so those events
are a prefix of it, and the state after each prefix is what one fold passes through on its
way: one pass records the unit after every event, and a day's unit is found by bisection."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from domain.events import CpnsAppointed
from domain.fold import evolve, in_fold_order, opened
from domain.servant_state import ServantState
from domain.state import Effective


class UnitsOnDates:
    def __init__(self, effective: Sequence[Effective]) -> None:
        state: ServantState | None = None
        self._appointed_unit = ""
        self._days: list[date] = []
        self._units: list[str] = []
        for item in in_fold_order(effective):
            if isinstance(item.event, CpnsAppointed):
                state = opened(item.event)
                self._appointed_unit = state.unit_id
            elif state is not None:
                evolve(state, item)
                self._days.append(item.event.tmt)
                self._units.append(state.unit_id)
        assert state is not None, "a servant's stream always holds its appointment (version 1)"

    def unit_on(self, day: date) -> str:
        """``fold(effective, day).unit_id``."""
        applied = bisect_right(self._days, day)
        return self._units[applied - 1] if applied else self._appointed_unit
