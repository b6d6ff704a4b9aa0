"""Yearly development plans, training effectiveness and what training closes most gaps (§6).

Pure summaries over plain inputs, for the per-servant and per-unit plan views: the 20 JP
a year every PNS is owed (PP 11/2017 Art. 203 [REG S3]) plus the needs due that year; the
evaluation results of a programme by level; and which programmes address the most open
needs in a unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from domain.competence.development import DevelopmentNeed
from domain.competence.evaluation import EvaluationLevel, TrainingEvaluation, is_positive

ANNUAL_JP_TARGET = 20  # PP 11/2017 Art. 203


@dataclass(frozen=True)
class TrainingHours:
    training_id: str
    year: int
    hours: int  # JP


@dataclass(frozen=True)
class DevelopmentPlan:
    year: int
    jp_done: int
    jp_target: int
    due: tuple[str, ...]  # needs due this year, open or closed
    closed: tuple[str, ...]  # of those due, closed
    overdue: tuple[str, ...]  # open needs whose due year has passed
    trainings: tuple[str, ...]  # trainings of the year
    evaluated: tuple[str, ...]  # of those, with at least one evaluation

    @property
    def below_jp_target(self) -> bool:
        return self.jp_done < self.jp_target


def development_plan(
    year: int,
    trainings: Iterable[TrainingHours],
    needs: Iterable[DevelopmentNeed],
    evaluations: Iterable[TrainingEvaluation] = (),
) -> DevelopmentPlan:
    of_year = [t for t in trainings if t.year == year]
    evaluated_ids = {e.training_id for e in evaluations}
    needs = tuple(needs)
    due = [n for n in needs if n.due_year == year]
    return DevelopmentPlan(
        year=year,
        jp_done=sum(t.hours for t in of_year),
        jp_target=ANNUAL_JP_TARGET,
        due=tuple(n.need_id for n in due),
        closed=tuple(n.need_id for n in due if not n.is_open),
        overdue=tuple(n.need_id for n in needs if n.is_overdue(year)),
        trainings=tuple(t.training_id for t in of_year),
        evaluated=tuple(t.training_id for t in of_year if t.training_id in evaluated_ids),
    )


@dataclass(frozen=True)
class LevelResult:
    level: EvaluationLevel
    count: int
    mean: Decimal  # two decimals


@dataclass(frozen=True)
class Effectiveness:
    programme: str
    evaluations: int
    positive: int
    by_level: tuple[LevelResult, ...]  # in EvaluationLevel order, levels with scores only


def programme_effectiveness(
    programme: str, evaluations: Iterable[TrainingEvaluation]
) -> Effectiveness:
    """Evaluation results of one programme's trainings, by level, and how many were positive."""
    scores: dict[EvaluationLevel, list[int]] = {level: [] for level in EvaluationLevel}
    total = positive = 0
    for evaluation in evaluations:
        total += 1
        if is_positive(evaluation):
            positive += 1
        for level, score in evaluation.scores:
            scores[level].append(score)
    by_level = tuple(
        LevelResult(level, len(values), _mean(values)) for level, values in scores.items() if values
    )
    return Effectiveness(programme, total, positive, by_level)


@dataclass(frozen=True)
class Coverage:
    programme: str
    needs: tuple[str, ...]  # open need ids the programme addresses


def training_coverage(
    open_needs: Iterable[DevelopmentNeed], catalogue: Mapping[str, frozenset[str]]
) -> tuple[Coverage, ...]:
    """Programmes ranked by how many open needs they address (ties by programme code).

    ``catalogue`` maps a programme code to what it addresses (competency codes or the
    performance area), as a unit's training catalogue records it.
    """
    needs = [n for n in open_needs if n.is_open]
    covered = [
        Coverage(code, tuple(n.need_id for n in needs if n.addresses in addresses))
        for code, addresses in catalogue.items()
    ]
    return tuple(
        sorted((c for c in covered if c.needs), key=lambda c: (-len(c.needs), c.programme))
    )


def _mean(values: list[int]) -> Decimal:
    exact = Decimal(sum(values)) / Decimal(len(values))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
