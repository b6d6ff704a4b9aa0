"""View: training evaluations by programme (domain.md §6.2), for "how effective is programme
P?". One row per effective evaluation, with the programme of the training it evaluates."""

from __future__ import annotations

from domain.competence.evaluation import is_positive
from domain.competence.record import programme_of
from domain.competence.records import evaluation_of
from domain.events import TrainingCompleted, TrainingEvaluated
from domain.kinds import Facet, classes_for
from projections.engine.view import Row, ServantHistory, Table, View, iso
from projections.views.columns import SERVANT

EVALUATION_COLUMNS = (
    *SERVANT, ("evaluation_event_id", "TEXT NOT NULL"), ("training_event_id", "TEXT NOT NULL"),
    ("programme", "TEXT NOT NULL"), ("evaluated_on", "TEXT NOT NULL"),
    ("reaction", "INTEGER"), ("learning", "INTEGER"), ("behaviour", "INTEGER"),
    ("result", "INTEGER"), ("positive", "INTEGER NOT NULL"),
)


class TrainingEffectivenessView(View):
    name = "training_effectiveness"
    event_classes = classes_for(Facet.COMPETENCE)
    tables = (
        Table("training_evaluation", EVALUATION_COLUMNS,
              (("programme", "evaluation_event_id"), ("nip",))),
    )

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        trainings: dict[int, TrainingCompleted] = {}
        rows: list[Row] = []
        for item in sorted(history.effective, key=lambda i: i.version):
            e = item.event
            if isinstance(e, TrainingCompleted):
                trainings[item.version] = e
            elif isinstance(e, TrainingEvaluated):
                training = trainings.get(e.training_version)
                if training is None:  # its training was retracted: nothing to attribute
                    continue
                event_id = history.event_id(item.version)
                evaluation = evaluation_of(e, event_id)
                rows.append((
                    history.sid, history.nip, event_id, history.event_id(e.training_version),
                    programme_of(training), iso(e.tmt), e.reaction, e.learning, e.behaviour,
                    e.result, int(is_positive(evaluation)),
                ))
        return {"training_evaluation": rows}
