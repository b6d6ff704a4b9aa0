"""Recorded competence events as the competence module's plain inputs.

The rules (at admission), the fold and the views all read a CompetencyAssessed or a
TrainingEvaluated through these, so the three can never read one event two ways."""

from __future__ import annotations

from domain.competence.assessment import CompetencyAssessment
from domain.competence.evaluation import EvaluationLevel, TrainingEvaluation
from domain.competence.standards import LegalBasis, PositionStandard
from domain.events import CompetencyAssessed, TrainingCompleted, TrainingEvaluated


def assessment_of(e: CompetencyAssessed, assessment_id: str) -> CompetencyAssessment:
    levels = tuple((str(code), level) for code, level in e.levels.items())
    return CompetencyAssessment(
        assessment_id, e.tmt, e.method, e.assessor_body, levels, e.document_hash or ""
    )


def standard_text(standard: PositionStandard | None) -> str:
    """What an assessment records of the standard it was judged against at admission."""
    if standard is None:
        return ""
    levels = ",".join(f"{code}={level}" for code, level in standard.required)
    return f"{standard.standard_id};{levels}"


def carried_standard(e: CompetencyAssessed) -> PositionStandard | None:
    """The standard an assessment recorded at admission (None for one recorded without, or
    before assessments carried it): its required levels, in force on the assessment's day."""
    text = getattr(e, "standard_relied_on", "") or ""
    standard_id, _, levels = text.partition(";")
    if not standard_id:
        return None
    required = tuple((code, int(level)) for code, _, level in
                     (pair.partition("=") for pair in levels.split(",") if pair))
    position = standard_id.rpartition(":")[0]
    return PositionStandard(standard_id, position, e.tmt, e.tmt, LegalBasis("", e.tmt, ""),
                            required)


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
