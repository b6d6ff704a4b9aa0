"""Training evaluation (TrainingEvaluated) and when it counts as positive (§6.2).

PerLAN 10/2018 asks that development be evaluated [REG S20]; the four levels (reaction,
learning, behaviour at work, result) are Kirkpatrick's usual frame [DESIGN]. What counts as
positive is agency policy, so it is versioned data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.competence import errors
from domain.competence.errors import CompetenceError
from domain.rules.validity import RECORD_START, InForce


class EvaluationLevel(Enum):
    REACTION = "REACTION"  # post-training questionnaire
    LEARNING = "LEARNING"  # pre/post test
    BEHAVIOUR = "BEHAVIOUR"  # supervisor follow-up at work, months later
    RESULT = "RESULT"


@dataclass(frozen=True)
class TrainingEvaluation:
    evaluation_id: str
    training_id: str
    evaluated_on: date
    evaluator: str
    scores: tuple[tuple[EvaluationLevel, int], ...]


@dataclass(frozen=True)
class EvaluationPolicy(InForce):
    """Scores run ``scale_min``..``scale_max``; positive = every required level recorded and
    every recorded level at or above ``pass_mark``."""

    policy_id: str
    valid_from: date
    valid_to: date | None
    scale_min: int
    scale_max: int
    pass_mark: int
    required_levels: frozenset[EvaluationLevel]
    source: str


EVALUATION_POLICIES: tuple[EvaluationPolicy, ...] = (
    EvaluationPolicy(
        "EVAL-2026.1",
        RECORD_START,
        None,
        0,
        100,
        60,
        frozenset(),
        "domain.md §6.2 [DESIGN]: any level recorded, none below 60 of 100",
    ),
)


def policy_at(
    day: date, policies: tuple[EvaluationPolicy, ...] = EVALUATION_POLICIES
) -> EvaluationPolicy:
    for policy in policies:
        if policy.covers(day):
            return policy
    raise AssertionError(f"no evaluation policy covers {day}")


def validate_evaluation(
    evaluation: TrainingEvaluation,
    training_end_dates: Mapping[str, date],
    policy: EvaluationPolicy | None = None,
) -> TrainingEvaluation:
    """Reject an evaluation of an unknown training, dated before it ended, or badly scored.

    ``training_end_dates`` maps the servant's completed trainings (event ids) to their end.
    """
    ended = training_end_dates.get(evaluation.training_id)
    if ended is None:
        raise CompetenceError(
            errors.TRAINING_NOT_FOUND,
            f"No completed training {evaluation.training_id} is recorded for this servant.",
            "trainingId",
        )
    if evaluation.evaluated_on < ended:
        raise CompetenceError(
            errors.EVALUATION_BEFORE_TRAINING,
            f"The evaluation ({evaluation.evaluated_on}) is dated before the training ended "
            f"({ended}).",
            "evaluatedOn",
        )
    if not evaluation.scores:
        raise CompetenceError(errors.EMPTY_EVALUATION, "The evaluation records no score.", "scores")
    policy = policy or policy_at(evaluation.evaluated_on)
    seen: set[EvaluationLevel] = set()
    for level, score in evaluation.scores:
        if level in seen:
            raise CompetenceError(
                errors.EVALUATION_SCORE_OUT_OF_RANGE,
                f"Level {level.value} is scored twice.",
                "scores",
            )
        seen.add(level)
        if isinstance(score, bool) or not policy.scale_min <= score <= policy.scale_max:
            raise CompetenceError(
                errors.EVALUATION_SCORE_OUT_OF_RANGE,
                f"{level.value} score {score!r} is outside {policy.scale_min}-{policy.scale_max}.",
                "scores",
            )
    return evaluation


def is_positive(evaluation: TrainingEvaluation, policy: EvaluationPolicy | None = None) -> bool:
    policy = policy or policy_at(evaluation.evaluated_on)
    recorded = {level for level, _ in evaluation.scores}
    if not recorded or not policy.required_levels <= recorded:
        return False
    return all(score >= policy.pass_mark for _, score in evaluation.scores)
