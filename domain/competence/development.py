"""Development needs with a life cycle, as a pure fold over plain inputs (§6, §6.2).

A need opens on a weak appraisal (Butuh Perbaikan or worse) or a competency shortfall, names
what it addresses and a due year, and closes either when a training that addresses it, done
on or after the need opened, is evaluated positively, or (for a competency gap) when a later
assessment shows the target level attained. The fold is total: inputs that match nothing
(an evaluation of an unknown training, a second opening of one need) change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from domain.competence.assessment import CompetencyAssessment
from domain.competence.evaluation import EvaluationPolicy, TrainingEvaluation, is_positive
from domain.competence.jpm import GapAnalysis
from domain.values import Predikat

PERFORMANCE_AREA = "KINERJA"  # what an appraisal-opened need addresses
WEAK_PREDIKAT = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG})


class NeedSource(Enum):
    APPRAISAL = "APPRAISAL"
    COMPETENCY_GAP = "COMPETENCY_GAP"


class Closure(Enum):
    TRAINING_EVALUATED = "TRAINING_EVALUATED"
    GAP_CLOSED = "GAP_CLOSED"


@dataclass(frozen=True)
class NeedOpened:
    need_id: str
    source: NeedSource
    addresses: str  # a competency code, or PERFORMANCE_AREA
    due_year: int
    opened_on: date
    evidence_id: str  # the appraisal or assessment that revealed the need
    target_level: int | None = None  # for a competency gap: the required level


@dataclass(frozen=True)
class TrainingDone:
    training_id: str
    completed_on: date
    addresses: frozenset[str]


NeedInput = NeedOpened | TrainingDone | TrainingEvaluation | CompetencyAssessment


@dataclass(frozen=True)
class DevelopmentNeed:
    need_id: str
    source: NeedSource
    addresses: str
    due_year: int
    opened_on: date
    opened_by: str
    target_level: int | None
    closure: Closure | None = None
    closed_on: date | None = None
    closed_by: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.closure is None

    def is_overdue(self, year: int) -> bool:
        return self.is_open and year > self.due_year


def need_for_appraisal(
    appraisal_id: str, year: int, predikat: Predikat, opened_on: date, due_year: int | None = None
) -> NeedOpened | None:
    """A weak annual predikat opens a performance need, due the next year unless told."""
    if predikat not in WEAK_PREDIKAT:
        return None
    return NeedOpened(
        f"{appraisal_id}:need",
        NeedSource.APPRAISAL,
        PERFORMANCE_AREA,
        year + 1 if due_year is None else due_year,
        opened_on,
        appraisal_id,
    )


def needs_for_gaps(
    analysis: GapAnalysis, due_year: int, open_needs: Iterable[DevelopmentNeed] = ()
) -> tuple[NeedOpened, ...]:
    """One need per shortfall, skipping competencies that already have an open need."""
    already = {need.addresses for need in open_needs if need.is_open}
    opened = []
    for line in analysis.shortfalls:
        if line.competency in already or line.assessment_id is None:
            continue
        opened.append(
            NeedOpened(
                f"{line.assessment_id}:{line.competency}",
                NeedSource.COMPETENCY_GAP,
                line.competency,
                due_year,
                analysis.as_of,
                line.assessment_id,
                line.required,
            )
        )
    return tuple(opened)


def fold_needs(
    inputs: Iterable[NeedInput], policy: EvaluationPolicy | None = None
) -> tuple[DevelopmentNeed, ...]:
    """Every need with its state after ``inputs``, taken in log order."""
    needs: dict[str, DevelopmentNeed] = {}
    trainings: dict[str, TrainingDone] = {}
    positive: dict[str, TrainingEvaluation] = {}
    for item in inputs:
        if isinstance(item, NeedOpened):
            if item.need_id not in needs:
                needs[item.need_id] = _opened(item)
        elif isinstance(item, TrainingDone):
            trainings[item.training_id] = item
        elif isinstance(item, TrainingEvaluation):
            if item.training_id not in positive and is_positive(item, policy):
                positive[item.training_id] = item
        else:
            _close_by_assessment(needs, item)
        _close_by_training(needs, trainings, positive)
    return tuple(needs.values())


def _opened(item: NeedOpened) -> DevelopmentNeed:
    return DevelopmentNeed(
        item.need_id,
        item.source,
        item.addresses,
        item.due_year,
        item.opened_on,
        item.evidence_id,
        item.target_level,
    )


def _close_by_training(
    needs: dict[str, DevelopmentNeed],
    trainings: dict[str, TrainingDone],
    positive: dict[str, TrainingEvaluation],
) -> None:
    for need_id, need in needs.items():
        if not need.is_open:
            continue
        for training_id, evaluation in positive.items():
            training = trainings.get(training_id)
            if (
                training is None
                or need.addresses not in training.addresses
                or training.completed_on < need.opened_on
            ):
                continue
            closed_on = max(training.completed_on, evaluation.evaluated_on)
            needs[need_id] = replace(
                need,
                closure=Closure.TRAINING_EVALUATED,
                closed_on=closed_on,
                closed_by=(training_id, evaluation.evaluation_id),
            )
            break


def _close_by_assessment(needs: dict[str, DevelopmentNeed], item: CompetencyAssessment) -> None:
    levels = dict(item.levels)
    for need_id, need in needs.items():
        attained = levels.get(need.addresses)
        if (
            need.is_open
            and need.target_level is not None
            and attained is not None
            and attained >= need.target_level
            and item.assessed_on > need.opened_on
        ):
            needs[need_id] = replace(
                need,
                closure=Closure.GAP_CLOSED,
                closed_on=item.assessed_on,
                closed_by=(item.assessment_id,),
            )
