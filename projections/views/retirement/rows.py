"""View 5: per servant still in service, the retirement age (BUP) of the position held and
the retirement TMT (domain.md §7.5), indexed by unit and date so that a unit's upcoming
retirements are a range read."""

from __future__ import annotations

from domain.functional.record import retirement_of
from domain.kinds import Facet, classes_for
from domain.values import ServantStatus
from projections.engine.view import Row, ServantHistory, Table, View, iso
from projections.views.columns import SERVANT_IN_AGENCY

RETIREMENT_COLUMNS = (
    *SERVANT_IN_AGENCY, ("position_name", "TEXT"),
    ("position_event_id", "TEXT"), ("bup_age", "INTEGER NOT NULL"),
    ("reaches_bup_on", "TEXT NOT NULL"), ("retirement_tmt", "TEXT NOT NULL"),
    ("basis", "TEXT NOT NULL"), ("source", "TEXT NOT NULL"),
)
_IN_SERVICE = frozenset({ServantStatus.CPNS, ServantStatus.PNS})


class RetirementView(View):
    name = "retirement"
    # The appointment (birth date), positions, transfers and exits: the promotion facet's kinds.
    event_classes = classes_for(Facet.PROMOTION)
    tables = (
        Table("retirement_servant", RETIREMENT_COLUMNS,
              (("nip",), ("unit_id", "retirement_tmt"))),
    )

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        state = history.state
        if state.status not in _IN_SERVICE:
            return {"retirement_servant": []}
        position = state.position
        # The BUP of the position held now: a later assignment changes it, and the row with it.
        on = position.tmt if position is not None else state.cpns_tmt
        found = retirement_of(state, on)
        if found is None:
            return {"retirement_servant": []}
        row: Row = (
            history.sid, state.nip, state.name, state.unit_id, state.unit_name,
            state.institution_id, position.name if position else None,
            f"{state.nip}:{position.version}" if position else None, found.age,
            iso(found.reaches_bup_on), iso(found.retirement_tmt), found.basis, found.source,
        )
        return {"retirement_servant": [row]}
