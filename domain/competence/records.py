"""Recorded competence events as the competence module's plain inputs.

The rules (at admission), the fold and the views all read a CompetencyAssessed or a
TrainingEvaluated through these, so the three can never read one event two ways."""

from __future__ import annotations

from domain.competence.assessment import CompetencyAssessment
from domain.competence.evaluation import EvaluationLevel, TrainingEvaluation
from domain.events import CompetencyAssessed, TrainingCompleted, TrainingEvaluated


def assessment_of(e: CompetencyAssessed, assessment_id: str) -> CompetencyAssessment:
    levels = tuple((str(code), level) for code, level in e.levels.items())
    return CompetencyAssessment(
        assessment_id, e.tmt, e.method, e.assessor_body, levels, e.document_hash or ""
    )


def evaluation_of(
    e: TrainingEvaluated, evaluation_id: str, training_id: str | None = None
) -> TrainingEvaluation:
    """``training_id`` names the evaluated training as the caller keys trainings (default: its
    version in the servant's stream)."""
    given = (
        (EvaluationLevel.REACTION, e.reaction),
        (EvaluationLevel.LEARNING, e.learning),
        (EvaluationLevel.BEHAVIOUR, e.behaviour),
        (EvaluationLevel.RESULT, e.result),
    )
    scores = tuple((level, score) for level, score in given if score is not None)
    training = str(e.training_version) if training_id is None else training_id
    return TrainingEvaluation(evaluation_id, training, e.tmt, e.evaluator, scores)


def addresses_of(e: TrainingCompleted) -> frozenset[str]:
    """The competency codes (or the performance area) a training names as developed."""
    return frozenset(part.strip() for part in (e.addresses or "").split(",") if part.strip())
