"""Reads of the training effectiveness view: one programme's evaluations, summarised by level
(``domain.competence.plan.programme_effectiveness``). One statement per read."""

from __future__ import annotations

from datetime import date

from domain.competence.evaluation import EvaluationLevel, TrainingEvaluation
from domain.competence.plan import Effectiveness, programme_effectiveness
from projections.engine.db import Conn
from projections.engine.view import View

_LEVELS = (EvaluationLevel.REACTION, EvaluationLevel.LEARNING, EvaluationLevel.BEHAVIOUR,
           EvaluationLevel.RESULT)


def training_effectiveness(
    conn: Conn, generation: int, programme: str
) -> tuple[Effectiveness, list[str]]:
    """The programme's summary and the evaluation event ids it reads."""
    table = View.table_name("training_evaluation", generation)
    rows = conn.execute(
        f"SELECT evaluation_event_id, training_event_id, evaluated_on, reaction, learning, "
        f"behaviour, result FROM {table} WHERE programme = ? ORDER BY evaluation_event_id",
        (programme,),
    )
    evaluations = [
        TrainingEvaluation(
            evaluation_id, training_id, date.fromisoformat(evaluated_on), "",
            tuple((level, score) for level, score in zip(_LEVELS, scores, strict=True)
                  if score is not None),
        )
        for evaluation_id, training_id, evaluated_on, *scores in rows
    ]
    return programme_effectiveness(programme, evaluations), [e.evaluation_id for e in evaluations]
