"""The servant's unit on any date from one fold of the effective events.

``fold(effective, day).unit_id`` applies, after the appointment, every event whose TMT is on or
before ``day``, in fold order. That order is TMT order after the appointment, so those events
are a prefix of it, and the state after each prefix is what one fold passes through on its
way: one pass records the unit after every event, and a day's unit is found by bisection.

A new event mostly has the latest TMT, so the servant's next fold order extends the previous
one: the pass then goes on from where the previous batch's pass ended instead of starting
again (``evolve`` reads nothing but the state, the event and its version)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from domain.events import CareerEvent, CpnsAppointed
from domain.fold import evolve, in_fold_order, opened
from domain.servant_state import ServantState
from domain.state import Effective


class UnitsOnDates:
    _state: ServantState | None
    _appointed_unit: str
    _applied: list[tuple[int, CareerEvent]] | None  # (version, event) in fold order
    _days: list[date]
    _units: list[str]

    def __init__(self, effective: Sequence[Effective], earlier: UnitsOnDates | None = None) -> None:
        ordered = in_fold_order(effective)
        if earlier is not None and earlier._extended_by(ordered):
            # The earlier pass's state goes on here; that pass is not used again.
            self._state, self._appointed_unit = earlier._state, earlier._appointed_unit
            self._applied, self._days, self._units = earlier._applied, earlier._days, earlier._units
            earlier._applied = None
        else:
            self._state, self._appointed_unit = None, ""
            self._applied, self._days, self._units = [], [], []
        applied = self._applied
        assert applied is not None
        for item in ordered[len(applied):]:
            if isinstance(item.event, CpnsAppointed):
                self._state = opened(item.event)
                self._appointed_unit = self._state.unit_id
            elif self._state is not None:
                evolve(self._state, item)
                self._days.append(item.event.tmt)
                self._units.append(self._state.unit_id)
            applied.append((item.version, item.event))
        assert self._state is not None, \
            "a servant's stream always holds its appointment (version 1)"

    def _extended_by(self, ordered: Sequence[Effective]) -> bool:
        applied = self._applied
        return applied is not None and len(applied) <= len(ordered) and all(
            item.version == version and (item.event is event or item.event == event)
            for (version, event), item in zip(applied, ordered, strict=False))

    def unit_on(self, day: date) -> str:
        """``fold(effective, day).unit_id``."""
        applied = bisect_right(self._days, day)
        return self._units[applied - 1] if applied else self._appointed_unit
