"""View: development needs per servant (domain.md §6, §6.2), indexed by unit and due year and
by servant, for the development plans and the unit competency map.

The needs are the fold of ``domain.competence.record`` over the servant's own events: weak
appraisals, assessments against the standard each one recorded at admission
(``standard_relied_on``), trainings with what they address, and evaluations. No standard
stream is read, so the rows are a function of the servant's history only."""

from __future__ import annotations

from domain.competence.record import competence_record
from domain.kinds import Facet, classes_for
from projections.engine.view import Row, ServantHistory, Table, View, iso
from projections.views.columns import SERVANT

NEED_COLUMNS = (
    *SERVANT, ("name", "TEXT NOT NULL"),
    ("unit_id", "TEXT NOT NULL"), ("need_id", "TEXT NOT NULL"), ("source", "TEXT NOT NULL"),
    ("addresses", "TEXT NOT NULL"), ("due_year", "INTEGER NOT NULL"),
    ("opened_on", "TEXT NOT NULL"), ("opened_by", "TEXT NOT NULL"),
    ("target_level", "INTEGER"), ("is_open", "INTEGER NOT NULL"), ("closure", "TEXT"),
    ("closed_on", "TEXT"), ("closed_by", "TEXT NOT NULL"),
)


class DevelopmentNeedsView(View):
    name = "development_needs"
    # Appraisals, trainings, assessments, evaluations and the assignments giving the unit.
    event_classes = classes_for(Facet.TRAINING)
    tables = (
        Table("development_need", NEED_COLUMNS, (("unit_id", "due_year", "nip"), ("nip",))),
    )

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        state = history.state
        record = competence_record(history.nip, history.effective, {})
        return {"development_need": [(
            history.sid, history.nip, state.name, state.unit_id, need.need_id,
            need.source.value, need.addresses, need.due_year, iso(need.opened_on),
            need.opened_by, need.target_level, int(need.is_open),
            need.closure.value if need.closure else None,
            iso(need.closed_on) if need.closed_on else None, ",".join(need.closed_by),
        ) for need in record.needs]}
