"""A servant's competence record: assessments, trainings, evaluations and development needs
read from the servant's effective events, against the position standards in force (§6.2).

The standards come from their own streams (``domain.position_standard``); the caller loads the
standards of every position key the servant held and passes them in, so this stays pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.competence.assessment import CompetencyAssessment
from domain.competence.development import (
    DevelopmentNeed,
    NeedInput,
    TrainingDone,
    fold_needs,
    need_for_appraisal,
    needs_for_gaps,
)
from domain.competence.evaluation import TrainingEvaluation
from domain.competence.jpm import GapAnalysis, analyse_gap
from domain.competence.plan import TrainingHours
from domain.competence.records import (
    addresses_of,
    assessment_of,
    carried_standard,
    evaluation_of,
)
from domain.competence.standards import PositionStandard, standard_in_force
from domain.effective import Effective
from domain.events import (
    AppraisalRecorded,
    CompetencyAssessed,
    PositionAssigned,
    TrainingCompleted,
    TrainingEvaluated,
)
from domain.fold import in_fold_order

Standards = Mapping[str, Sequence[PositionStandard]]


def position_keys(e: PositionAssigned) -> tuple[str, ...]:
    """Where a position's standard is looked up: its own id, then its class (the level)."""
    own = e.functional_position_id or e.general_position_id
    return (*([own] if own else []), e.position_level.name)


def standard_for(keys: Iterable[str], day: date, standards: Standards) -> PositionStandard | None:
    for key in keys:
        found = standard_in_force(standards.get(key, ()), key, day)
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class TrainingRecord:
    training_id: str
    name: str
    programme: str
    completed_on: date
    hours: int
    addresses: frozenset[str]


@dataclass(frozen=True)
class CompetenceRecord:
    as_of: date | None
    position_keys: tuple[str, ...]  # of the position held on ``as_of`` (or last)
    assessments: tuple[CompetencyAssessment, ...]
    trainings: tuple[TrainingRecord, ...]
    evaluations: tuple[TrainingEvaluation, ...]
    needs: tuple[DevelopmentNeed, ...]

    def gap(self, standards: Standards, day: date) -> GapAnalysis | None:
        standard = standard_for(self.position_keys, day, standards)
        return None if standard is None else analyse_gap(standard, self.assessments, day)

    def hours(self) -> tuple[TrainingHours, ...]:
        return tuple(
            TrainingHours(t.training_id, t.completed_on.year, t.hours) for t in self.trainings
        )


def programme_of(e: TrainingCompleted) -> str:
    """A leadership training is its programme (PKP, PKA...); any other, its name."""
    return e.program.name if e.program is not None else e.name


def competence_record(
    nip: str, effective: Iterable[Effective], standards: Standards, as_of: date | None = None
) -> CompetenceRecord:
    """The record from the events with a TMT on or before ``as_of`` (all if None), in fold
    order. An assessment below the standard in force on its day opens one need per shortfall,
    due the next year; the needs then follow ``domain.competence.development``'s fold."""
    keys: tuple[str, ...] = ()
    inputs: list[NeedInput] = []
    assessments: list[CompetencyAssessment] = []
    trainings: list[TrainingRecord] = []
    evaluations: list[TrainingEvaluation] = []
    for item in in_fold_order(effective):
        e = item.event
        if as_of is not None and e.tmt > as_of:
            continue
        event_id = f"{nip}:{item.version}"
        if isinstance(e, PositionAssigned):
            keys = position_keys(e)
        elif isinstance(e, AppraisalRecorded):
            opened = need_for_appraisal(event_id, e.year, e.predikat, e.tmt)
            if opened is not None:
                inputs.append(opened)
        elif isinstance(e, TrainingCompleted):
            record = TrainingRecord(event_id, e.name, programme_of(e), e.end_date, e.hours,
                                    addresses_of(e))
            trainings.append(record)
            inputs.append(TrainingDone(event_id, e.end_date, record.addresses))
        elif isinstance(e, TrainingEvaluated):
            evaluation = evaluation_of(e, event_id, f"{nip}:{e.training_version}")
            evaluations.append(evaluation)
            inputs.append(evaluation)
        elif isinstance(e, CompetencyAssessed):
            assessment = assessment_of(e, event_id)
            assessments.append(assessment)
            inputs.append(assessment)
            # The standard admission recorded on the assessment decides; an assessment that
            # carries none is judged against the standard streams the caller passed in.
            standard = carried_standard(e) or standard_for(keys, e.tmt, standards)
            if standard is not None:
                analysis = analyse_gap(standard, assessments, e.tmt)
                inputs.extend(needs_for_gaps(analysis, e.tmt.year + 1, fold_needs(inputs)))
    return CompetenceRecord(as_of, keys, tuple(assessments), tuple(trainings),
                            tuple(evaluations), fold_needs(inputs))
