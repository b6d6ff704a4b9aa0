"""Appraisals, learning, competence and merit (``domain.events.development``): how each kind
changes the servant's state, and its declaration."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from domain import events as ev
from domain.competence.records import addresses_of, assessment_of, evaluation_of
from domain.kind import EventKind, Facet, History
from domain.kinds.common import ALL_VIEWS, LIVING, MERIT_VIEWS
from domain.rules.appraisal import APPRAISAL_RULES
from domain.rules.competence import ASSESSMENT_RULES, EVALUATION_RULES
from domain.rules.functional import CREDIT_RULES, POTENTIAL_RULES, TALENT_RULES
from domain.rules.learning import EDUCATION_RULES, TRAINING_RULES
from domain.servant_state import CreditState, ServantState, TalentState

__all__ = ["KINDS"]


def _appraised(state: ServantState, e: ev.AppraisalRecorded, version: int) -> None:
    state.appraisals.setdefault(e.year, []).append((e.predikat, version))


def _trained(state: ServantState, e: ev.TrainingCompleted, version: int) -> None:
    state.trainings.append((e.end_date, e.hours, e.kind, e.program, version))
    addresses = addresses_of(e)
    if addresses:
        state.training_addresses[version] = addresses


def _assessed(state: ServantState, e: ev.CompetencyAssessed, version: int) -> None:
    state.assessments.append(assessment_of(e, str(version)))


def _evaluated(state: ServantState, e: ev.TrainingEvaluated, version: int) -> None:
    state.evaluations.append(evaluation_of(e, str(version)))


def _educated(state: ServantState, e: ev.EducationCompleted, version: int) -> None:
    state.education.append((e.level, e.tmt, version))


def _credited(state: ServantState, e: ev.CreditScoreDetermined, version: int) -> None:
    state.credits.append(
        CreditState(e.period_start, e.period_end, e.credit_score, e.functional_level, version)
    )


def _level_on_tmt(e: ev.CreditScoreDetermined, on_tmt: ServantState) -> ev.CreditScoreDetermined:
    # A PAK is for the JF level held on its TMT; none when the position is not functional.
    position = on_tmt.position
    level = position.functional_level if position is not None else None
    settled: ev.CreditScoreDetermined = ev.with_fields(e, functional_level=level)
    return settled


def _potential(state: ServantState, e: ev.PotentialAssessed, version: int) -> None:
    state.potentials.append((e.potential.name, e.tmt, version))


def _mapped(state: ServantState, e: ev.TalentMapped, version: int) -> None:
    state.talents.append(TalentState(
        e.box, e.performance.name, e.potential.name, e.period_start, e.period_end, e.tmt, version,
    ))


_COMPETENCE = ALL_VIEWS | {Facet.TRAINING, Facet.COMPETENCE}
KINDS: tuple[EventKind[Any], ...] = (
    EventKind(ev.AppraisalRecorded, "record_appraisal", _appraised, (*LIVING, *APPRAISAL_RULES),
              ALL_VIEWS | {Facet.TRAINING}, "Annual SKP.",
              history=History("SKP", lambda e: f"SKP {e.year}: {e.predikat.name}")),
    EventKind(ev.TrainingCompleted, "record_training", _trained, (*LIVING, *TRAINING_RULES),
              ALL_VIEWS | {Facet.TRAINING, Facet.COMPETENCE},
              "Diklat / kursus; addresses names the competencies (or KINERJA) it develops.",
              history=History("TRAINING", lambda e: f"{e.name} ({e.hours} JP)")),
    EventKind(ev.CompetencyAssessed, "record_competency_assessment", _assessed,
              (*LIVING, *ASSESSMENT_RULES), _COMPETENCE,
              "Competency assessment: attained level 1-5 per competency of the dictionary "
              "(levels as an object of code: level); the TMT is the day assessed.",
              json_fields=frozenset({"levels"}),
              derived=frozenset({"technical_definitions", "standard_relied_on"}),
              history=History("COMPETENCY", lambda e: f"{e.method.name} by {e.assessor_body}")),
    EventKind(ev.TrainingEvaluated, "evaluate_training", _evaluated,
              (*LIVING, *EVALUATION_RULES), _COMPETENCE,
              "Evaluation of a recorded training (reaction, learning, behaviour, result; "
              "0-100 each); the TMT is the day evaluated.",
              references=MappingProxyType({"training_event_id": "training_version"})),
    EventKind(ev.EducationCompleted, "record_education", _educated,
              (*LIVING, *EDUCATION_RULES), ALL_VIEWS,
              history=History("EDUCATION", lambda e: f"{e.level.label} {e.institution}")),
    EventKind(ev.CreditScoreDetermined, "determine_credit_score", _credited,
              (*LIVING, *CREDIT_RULES), MERIT_VIEWS,
              "PAK: credit (angka kredit) determined for a period of a functional position.",
              derived=frozenset({"functional_level"}), settle=_level_on_tmt),
    EventKind(ev.PotentialAssessed, "assess_potential", _potential,
              (*LIVING, *POTENTIAL_RULES), MERIT_VIEWS,
              "Potential assessment: the category, the assessor body and its method."),
    EventKind(ev.TalentMapped, "map_talent", _mapped, (*LIVING, *TALENT_RULES), MERIT_VIEWS,
              "Nine-box talent mapping: the box, both axes, their inputs and the period."),
)
