"""Admission of competency assessments and training evaluations (domain.md §6.1, §6.2): what
breaks the competence module's checks is refused with its code and triggers nothing."""

from __future__ import annotations

from datetime import date

from domain.competence.evaluation import EvaluationLevel
from tests.unit.given import (
    a_pns,
    assessment,
    envelope,
    evaluation,
    refused,
    state_of,
    training,
)

ASSESSED = date(2020, 2, 1)


def test_an_assessment_of_dictionary_competencies_at_levels_1_to_5_is_recorded() -> None:
    servant = a_pns()
    servant.record_competency_assessment(envelope(ASSESSED), **assessment())
    [recorded] = state_of(servant).assessments
    assert recorded.levels == (("INTEGRITAS", 3), ("KERJA_SAMA", 2))
    assert recorded.assessment_id == str(servant.version)


def test_a_level_outside_1_to_5_is_refused() -> None:
    servant = a_pns()
    for level in (0, 6):
        refused("COMPETENCY_LEVEL_OUT_OF_RANGE", servant.record_competency_assessment,
                envelope(ASSESSED), **assessment(levels={"INTEGRITAS": level}))


def test_a_competency_not_in_the_dictionary_is_refused() -> None:
    refused("COMPETENCY_NOT_IN_DICTIONARY", a_pns().record_competency_assessment,
            envelope(ASSESSED), **assessment(levels={"MEMASAK": 3}))


def test_an_assessment_without_levels_is_refused() -> None:
    refused("ASSESSMENT_WITHOUT_LEVELS", a_pns().record_competency_assessment,
            envelope(ASSESSED), **assessment(levels={}))


def test_an_assessment_without_an_assessor_body_is_refused() -> None:
    refused("MISSING_FIELD", a_pns().record_competency_assessment,
            envelope(ASSESSED), **assessment(assessor_body=" "))


def test_an_evaluation_of_a_recorded_training_is_recorded_with_its_scores() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    trained = servant.version
    servant.evaluate_training(envelope(date(2019, 7, 1)), **evaluation(trained))
    [recorded] = state_of(servant).evaluations
    assert recorded.training_id == str(trained)
    assert recorded.scores == ((EvaluationLevel.REACTION, 80), (EvaluationLevel.LEARNING, 75))


def test_an_evaluation_of_a_training_that_does_not_exist_is_refused() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    # Version 2 is the PNS appointment, not a training.
    refused("TRAINING_NOT_FOUND", servant.evaluate_training, envelope(date(2019, 7, 1)),
            **evaluation(2))
    refused("TRAINING_NOT_FOUND", servant.evaluate_training, envelope(date(2019, 7, 1)),
            **evaluation(99))


def test_an_evaluation_dated_before_the_training_ended_is_refused() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training(end_date=date(2019, 6, 1)))
    refused("EVALUATION_BEFORE_TRAINING_END", servant.evaluate_training,
            envelope(date(2019, 5, 20)), **evaluation(servant.version))


def test_an_evaluation_with_no_score_or_a_score_outside_0_to_100_is_refused() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    trained = servant.version
    refused("EVALUATION_WITHOUT_SCORES", servant.evaluate_training, envelope(date(2019, 7, 1)),
            **evaluation(trained, reaction=None, learning=None))
    refused("EVALUATION_SCORE_OUT_OF_RANGE", servant.evaluate_training,
            envelope(date(2019, 7, 1)), **evaluation(trained, result=101))


def test_an_evaluation_without_an_evaluator_is_refused() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    refused("MISSING_FIELD", servant.evaluate_training, envelope(date(2019, 7, 1)),
            **evaluation(servant.version, evaluator=""))


def test_a_training_names_what_it_develops_and_older_trainings_name_nothing() -> None:
    servant = a_pns()
    servant.record_training(envelope(date(2019, 6, 1)), **training(addresses="INTEGRITAS, KINERJA"))
    servant.record_training(envelope(date(2019, 8, 1)), **training())
    state = state_of(servant)
    assert state.training_addresses == {3: frozenset({"INTEGRITAS", "KINERJA"})}
