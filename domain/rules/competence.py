"""Competency assessment and training evaluation rules (domain.md §6.1, §6.2).

The checks themselves live in ``domain.competence`` (dictionary, assessment, evaluation);
these rules only turn an event into the competence module's plain inputs."""

from __future__ import annotations

from datetime import date

from domain.competence.agency_dictionary import dictionary_recorded
from domain.competence.assessment import validate_assessment
from domain.competence.dictionary import NATIONAL_DICTIONARY
from domain.competence.evaluation import validate_evaluation
from domain.competence.records import assessment_of, evaluation_of
from domain.errors import Warning
from domain.events import CompetencyAssessed, PotentialAssessed, TrainingEvaluated
from domain.rules.base import Context, Rule, fail, need


def _levels_in_dictionary(e: CompetencyAssessed, context: Context) -> list[Warning]:
    # The national dictionary (PermenPANRB 38/2017) plus the agency technical definitions in
    # force on the TMT that admission settled into the event; an undefined code is refused.
    recorded = getattr(e, "technical_definitions", "") or ""
    dictionary = dictionary_recorded(recorded) if recorded else NATIONAL_DICTIONARY
    validate_assessment(assessment_of(e, "candidate"), dictionary)
    return []


def assessor_named(e: CompetencyAssessed | PotentialAssessed, context: Context
                   ) -> list[Warning]:
    """An assessment (of competency or potential) names the body that made it."""
    if not e.assessor_body.strip():
        raise fail("MISSING_FIELD", "The assessor body (penyelenggara penilaian) is required.",
                   "assessorBody")
    return []


def _evaluates_a_recorded_training(e: TrainingEvaluated, context: Context) -> list[Warning]:
    # The whole record as it stands: a training is evaluated after it ended, whatever TMT the
    # training's certificate carries.
    state = need(context.latest)
    ended: dict[str, date] = {
        str(version): end for end, _, _, _, version in state.trainings
    }
    validate_evaluation(evaluation_of(e, "candidate"), ended)
    return []


def _evaluator_named(e: TrainingEvaluated, context: Context) -> list[Warning]:
    if not e.evaluator.strip():
        raise fail("MISSING_FIELD", "Who evaluated the training is required.", "evaluator")
    return []


ASSESSMENT_RULES: tuple[Rule[CompetencyAssessed], ...] = (
    Rule("COMPETENCY-LEVELS", CompetencyAssessed, _levels_in_dictionary,
         "PermenPANRB 38/2017 (levels 1-5 of the dictionary) [REG S24]"),
    Rule("ASSESSOR-NAMED", CompetencyAssessed, assessor_named, "PerBKN 26/2019 [REG S24]"),
)
EVALUATION_RULES: tuple[Rule[TrainingEvaluated], ...] = (
    Rule("EVALUATES-RECORDED-TRAINING", TrainingEvaluated, _evaluates_a_recorded_training,
         "PerLAN 10/2018 (evaluation of development) [REG S20]; domain.md §6.2"),
    Rule("EVALUATOR-NAMED", TrainingEvaluated, _evaluator_named, "domain.md §6.2 [DESIGN]"),
)
