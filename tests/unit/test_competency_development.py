"""Development needs: opened by a weak appraisal or a gap, closed by an evaluated training or
a later assessment (domain.md §6, §6.2), and training evaluations."""

from __future__ import annotations

from datetime import date

import pytest

from domain.competence import errors
from domain.competence.assessment import AssessmentMethod, CompetencyAssessment
from domain.competence.development import (
    PERFORMANCE_AREA,
    Closure,
    NeedOpened,
    NeedSource,
    TrainingDone,
    fold_needs,
    need_for_appraisal,
    needs_for_gaps,
)
from domain.competence.errors import CompetenceError
from domain.competence.evaluation import (
    EvaluationLevel,
    TrainingEvaluation,
    is_positive,
    validate_evaluation,
)
from domain.competence.jpm import analyse_gap
from domain.competence.standards import LegalBasis, PositionStandard
from domain.values import Predikat

R, LN, BH = EvaluationLevel.REACTION, EvaluationLevel.LEARNING, EvaluationLevel.BEHAVIOUR

STANDARD = PositionStandard(
    "std-1", "ANALIS", date(2020, 1, 1), None, LegalBasis("1/2020", date(2020, 1, 1), "Wali Kota"),
    (("KERJA_SAMA", 3), ("INTEGRITAS", 3)),
)  # fmt: skip
WEAK = CompetencyAssessment(
    "as-1", date(2024, 3, 1), AssessmentMethod.UJI_KOMPETENSI, "BKD",
    (("KERJA_SAMA", 2), ("INTEGRITAS", 3)),
)  # fmt: skip
GAP = NeedOpened("need-1", NeedSource.COMPETENCY_GAP, "KERJA_SAMA", 2024, date(2024, 3, 1),
                 "as-1", target_level=3)  # fmt: skip
TEAMWORK = TrainingDone("tr-1", date(2024, 5, 10), frozenset({"KERJA_SAMA"}))


def evaluation(*scores: tuple[EvaluationLevel, int], on: date = date(2024, 8, 1),
               training: str = "tr-1", eid: str = "ev-1") -> TrainingEvaluation:  # fmt: skip
    return TrainingEvaluation(eid, training, on, "199001012015011001", scores)


def test_a_competency_shortfall_opens_one_need_per_gap_naming_competency_and_due_year() -> None:
    analysis = analyse_gap(STANDARD, [WEAK], date(2024, 3, 1))
    (opened,) = needs_for_gaps(analysis, due_year=2024)
    assert (opened.source, opened.addresses, opened.target_level) == (
        NeedSource.COMPETENCY_GAP, "KERJA_SAMA", 3,
    )  # fmt: skip
    assert opened.evidence_id == "as-1" and opened.due_year == 2024
    (need,) = fold_needs([opened])
    assert need.is_open and need.is_overdue(2025) and not need.is_overdue(2024)
    # A gap that already has an open need does not open a second one.
    assert needs_for_gaps(analysis, 2025, [need]) == ()


@pytest.mark.parametrize("predikat", [Predikat.BUTUH_PERBAIKAN, Predikat.KURANG,
                                      Predikat.SANGAT_KURANG])  # fmt: skip
def test_a_weak_appraisal_opens_a_performance_need_due_next_year(predikat: Predikat) -> None:
    opened = need_for_appraisal("skp-2023", 2023, predikat, date(2024, 1, 15))
    assert opened is not None
    assert (opened.source, opened.addresses, opened.due_year) == (
        NeedSource.APPRAISAL, PERFORMANCE_AREA, 2024,
    )  # fmt: skip


@pytest.mark.parametrize("predikat", [Predikat.SANGAT_BAIK, Predikat.BAIK])
def test_a_good_appraisal_opens_no_need(predikat: Predikat) -> None:
    assert need_for_appraisal("skp-2023", 2023, predikat, date(2024, 1, 15)) is None


def test_need_closes_when_an_addressing_training_is_completed_and_evaluated_positively() -> None:
    positive = evaluation((R, 85), (LN, 70))
    (need,) = fold_needs([GAP, TEAMWORK, positive])
    assert need.closure is Closure.TRAINING_EVALUATED
    assert need.closed_on == date(2024, 8, 1) and need.closed_by == ("tr-1", "ev-1")


def test_completed_training_without_evaluation_leaves_the_need_open() -> None:
    (need,) = fold_needs([GAP, TEAMWORK])
    assert need.is_open


def test_a_negative_evaluation_does_not_close_but_a_later_positive_one_does() -> None:
    negative = evaluation((R, 90), (LN, 40), eid="ev-neg")
    (still_open,) = fold_needs([GAP, TEAMWORK, negative])
    assert still_open.is_open
    positive = evaluation((LN, 75), on=date(2024, 10, 1), eid="ev-pos")
    (closed,) = fold_needs([GAP, TEAMWORK, negative, positive])
    assert closed.closed_by == ("tr-1", "ev-pos") and closed.closed_on == date(2024, 10, 1)


def test_a_training_addressing_something_else_or_done_before_the_need_does_not_close_it() -> None:
    other = TrainingDone("tr-2", date(2024, 5, 10), frozenset({"INTEGRITAS"}))
    earlier = TrainingDone("tr-3", date(2024, 2, 1), frozenset({"KERJA_SAMA"}))
    inputs = [GAP, other, earlier, evaluation((R, 90), training="tr-2", eid="e2"),
              evaluation((R, 90), training="tr-3", eid="e3")]  # fmt: skip
    (need,) = fold_needs(inputs)
    assert need.is_open


def test_a_later_assessment_at_the_target_level_closes_the_gap_need() -> None:
    reassessed = CompetencyAssessment("as-2", date(2025, 2, 1), AssessmentMethod.UJI_KOMPETENSI,
                                      "BKD", (("KERJA_SAMA", 3),))  # fmt: skip
    (need,) = fold_needs([GAP, reassessed])
    assert need.closure is Closure.GAP_CLOSED and need.closed_by == ("as-2",)
    still_short = CompetencyAssessment("as-3", date(2025, 2, 1), AssessmentMethod.UJI_KOMPETENSI,
                                       "BKD", (("KERJA_SAMA", 2),))  # fmt: skip
    (open_need,) = fold_needs([GAP, still_short])
    assert open_need.is_open


def test_an_appraisal_need_is_not_closed_by_an_assessment() -> None:
    opened = need_for_appraisal("skp-2023", 2023, Predikat.KURANG, date(2024, 1, 15))
    assert opened is not None
    reassessed = CompetencyAssessment("as-2", date(2025, 2, 1), AssessmentMethod.UJI_KOMPETENSI,
                                      "BKD", (("KERJA_SAMA", 5),))  # fmt: skip
    (need,) = fold_needs([opened, reassessed])
    assert need.is_open


def test_fold_is_total_unknown_training_evaluations_and_repeated_openings_change_nothing() -> None:
    stray = evaluation((R, 99), training="tr-missing")
    needs = fold_needs([GAP, GAP, stray])
    assert len(needs) == 1 and needs[0].is_open


def test_evaluation_of_a_training_that_does_not_exist_is_rejected() -> None:
    with pytest.raises(CompetenceError) as caught:
        validate_evaluation(evaluation((R, 80), training="tr-x"), {"tr-1": date(2024, 5, 10)})
    assert caught.value.code == errors.TRAINING_NOT_FOUND == "TRAINING_NOT_FOUND"


@pytest.mark.parametrize(
    ("scores", "on", "code"),
    [
        (((R, 101),), date(2024, 8, 1), errors.EVALUATION_SCORE_OUT_OF_RANGE),
        (((R, -1),), date(2024, 8, 1), errors.EVALUATION_SCORE_OUT_OF_RANGE),
        (((R, 80), (R, 70)), date(2024, 8, 1), errors.EVALUATION_SCORE_OUT_OF_RANGE),
        ((), date(2024, 8, 1), errors.EMPTY_EVALUATION),
        (((R, 80),), date(2024, 5, 9), errors.EVALUATION_BEFORE_TRAINING),
    ],
)
def test_badly_scored_or_early_evaluation_is_rejected(
    scores: tuple[tuple[EvaluationLevel, int], ...], on: date, code: str
) -> None:
    with pytest.raises(CompetenceError) as caught:
        validate_evaluation(evaluation(*scores, on=on), {"tr-1": date(2024, 5, 10)})
    assert caught.value.code == code


def test_evaluation_on_the_training_end_day_with_boundary_scores_is_accepted() -> None:
    accepted = evaluation((R, 0), (BH, 100), on=date(2024, 5, 10))
    assert validate_evaluation(accepted, {"tr-1": date(2024, 5, 10)}) is accepted


def test_positive_means_every_recorded_level_at_or_above_the_pass_mark() -> None:
    assert is_positive(evaluation((R, 60), (BH, 60)))
    assert not is_positive(evaluation((R, 60), (BH, 59)))
    assert not is_positive(evaluation())
