"""One declaration per event kind, with how it changes the servant's state next to it.

Adding a kind: its class in ``domain.events``, its rules in ``domain.rules`` (if it has any of
its own), and its declaration here; the command, the GraphQL mutation and input, the views'
interest and the state change all follow from this table (see CONTRIBUTING.md)."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

from domain import events as ev
from domain.career_changes import demoted, legal_status_changed, promoted
from domain.competence.records import addresses_of, assessment_of, evaluation_of
from domain.investigations import investigation_kinds
from domain.kind import EventKind, Facet, History, unchanged
from domain.rules.appointment import APPOINTMENT_RULES
from domain.rules.appraisal import APPRAISAL_RULES
from domain.rules.competence import ASSESSMENT_RULES, EVALUATION_RULES
from domain.rules.discipline import DISCIPLINE_RULES
from domain.rules.envelope import ENVELOPE_RULES
from domain.rules.functional import CREDIT_RULES, POTENTIAL_RULES, TALENT_RULES
from domain.rules.learning import EDUCATION_RULES, TRAINING_RULES
from domain.rules.lifecycle import (
    ANNULMENT_RULES,
    LEGAL_STATUS_RULES,
    NOT_AFTER_EXIT,
    NOT_BEFORE_APPOINTMENT,
    PNS_RULES,
    TRANSFER_RULES,
)
from domain.rules.position import POSITION_RULES
from domain.rules.rank import DEMOTION_RULES, PROMOTION_RULES
from domain.servant_state import (
    CreditState,
    PenaltyState,
    PositionState,
    ServantState,
    TalentState,
)
from domain.values import ServantStatus

__all__ = ["KINDS", "Facet", "classes_for", "event_classes", "event_references", "kind_for",
           "kind_of"]

# Every event follows the appointment; only annulments (and corrections, which are judged as
# the event they correct) may follow an exit.
_FOLLOWING = (*ENVELOPE_RULES, NOT_BEFORE_APPOINTMENT)
_LIVING = (*_FOLLOWING, NOT_AFTER_EXIT)
_ALL_VIEWS = frozenset({Facet.CAREER, Facet.PROMOTION, Facet.AUDIT})
# Credit and talent records feed the promotion and merit views and the audit, not the history.
_MERIT_VIEWS = frozenset({Facet.PROMOTION, Facet.AUDIT})


def _pns(state: ServantState, e: ev.PnsAppointed, version: int) -> None:
    state.status, state.status_tmt, state.status_version = ServantStatus.PNS, e.tmt, version
    state.pns_tmt = e.tmt


def _position(state: ServantState, e: ev.PositionAssigned, version: int) -> None:
    state.position = PositionState(
        e.position_kind, e.position_level, e.position_name, e.functional_level,
        e.unit_id, e.unit_name, e.tmt, e.supervisor_rank, version,
    )
    state.unit_id, state.unit_name = e.unit_id, e.unit_name


def _transferred(state: ServantState, e: ev.InstitutionTransferred, version: int) -> None:
    state.institution_id, state.institution_name = e.to_institution_id, e.to_institution_name
    state.unit_id, state.unit_name = e.to_unit_id, e.to_unit_name


def _from_institution(e: ev.InstitutionTransferred, on_tmt: ServantState) -> ev.InstitutionTransferred:
    # The origin is the institution the servant belongs to on the transfer's TMT.
    settled: ev.InstitutionTransferred = ev.with_fields(e, from_institution_id=on_tmt.institution_id)
    return settled


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


def _penalised(state: ServantState, e: ev.DisciplinePenaltyImposed, version: int) -> None:
    state.penalties[version] = PenaltyState(e.penalty_type, e.level, e.tmt, e.end_date, version)


def _annulled(state: ServantState, e: ev.DisciplinePenaltyAnnulled, version: int) -> None:
    # Admission made sure the target is a penalty not yet annulled; a fact is never refused.
    penalty = state.penalties.get(e.penalty_version)
    if penalty is not None and penalty.annulled_by is None:
        penalty.annulled_on, penalty.annulled_by = e.tmt, version


def _retired(state: ServantState, e: ev.Retired, version: int) -> None:
    state.status, state.status_tmt, state.status_version = ServantStatus.RETIRED, e.tmt, version
    state.exit_reason = e.reason


def _terminated(state: ServantState, e: ev.Terminated, version: int) -> None:
    state.status, state.status_tmt = ServantStatus.TERMINATED, e.tmt
    state.status_version, state.exit_reason = version, e.reason


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


_COMPETENCE = _ALL_VIEWS | {Facet.TRAINING, Facet.COMPETENCE}
_TARGET = MappingProxyType({"event_id": "target_version"})
KINDS: tuple[EventKind[Any], ...] = (
    EventKind(ev.CpnsAppointed, "appoint_cpns", unchanged, (*ENVELOPE_RULES, *APPOINTMENT_RULES),
              frozenset({Facet.EVERY_VIEW}), "CPNS appointment: opens a record.", day_order=0,
              opens_stream=True),
    EventKind(ev.PnsAppointed, "appoint_pns", _pns, (*_LIVING, *PNS_RULES), _ALL_VIEWS,
              "End of probation: CPNS becomes PNS.", day_order=1),
    EventKind(ev.RankPromoted, "promote_rank", promoted, (*_LIVING, *PROMOTION_RULES),
              _ALL_VIEWS, "Kenaikan pangkat."),
    EventKind(ev.PositionAssigned, "assign_position", _position, (*_LIVING, *POSITION_RULES),
              _ALL_VIEWS | {Facet.TRAINING}, "Jabatan assignment."),
    EventKind(ev.InstitutionTransferred, "transfer_institution", _transferred,
              (*_LIVING, *TRANSFER_RULES), _ALL_VIEWS | {Facet.TRAINING},
              derived=frozenset({"from_institution_id"}), settle=_from_institution),
    EventKind(ev.AppraisalRecorded, "record_appraisal", _appraised, (*_LIVING, *APPRAISAL_RULES),
              _ALL_VIEWS | {Facet.TRAINING}, "Annual SKP.",
              history=History("SKP", lambda e: f"SKP {e.year}: {e.predikat.name}")),
    EventKind(ev.TrainingCompleted, "record_training", _trained, (*_LIVING, *TRAINING_RULES),
              _ALL_VIEWS | {Facet.TRAINING, Facet.COMPETENCE},
              "Diklat / kursus; addresses names the competencies (or KINERJA) it develops.",
              history=History("TRAINING", lambda e: f"{e.name} ({e.hours} JP)")),
    EventKind(ev.CompetencyAssessed, "record_competency_assessment", _assessed,
              (*_LIVING, *ASSESSMENT_RULES), _COMPETENCE,
              "Competency assessment: attained level 1-5 per competency of the dictionary "
              "(levels as an object of code: level); the TMT is the day assessed.",
              json_fields=frozenset({"levels"}),
              derived=frozenset({"technical_definitions", "standard_relied_on"}),
              history=History("COMPETENCY", lambda e: f"{e.method.name} by {e.assessor_body}")),
    EventKind(ev.TrainingEvaluated, "evaluate_training", _evaluated,
              (*_LIVING, *EVALUATION_RULES), _COMPETENCE,
              "Evaluation of a recorded training (reaction, learning, behaviour, result; "
              "0-100 each); the TMT is the day evaluated.",
              references=MappingProxyType({"training_event_id": "training_version"})),
    EventKind(ev.EducationCompleted, "record_education", _educated,
              (*_LIVING, *EDUCATION_RULES), _ALL_VIEWS,
              history=History("EDUCATION", lambda e: f"{e.level.label} {e.institution}")),
    EventKind(ev.DisciplinePenaltyImposed, "impose_discipline", _penalised,
              (*_LIVING, *DISCIPLINE_RULES), _ALL_VIEWS),
    EventKind(ev.DisciplinePenaltyAnnulled, "annul_discipline", _annulled,
              (*_FOLLOWING, *ANNULMENT_RULES), _ALL_VIEWS,
              references=MappingProxyType({"penalty_event_id": "penalty_version"})),
    *investigation_kinds(_LIVING, _ALL_VIEWS),
    EventKind(ev.CreditScoreDetermined, "determine_credit_score", _credited,
              (*_LIVING, *CREDIT_RULES), _MERIT_VIEWS,
              "PAK: credit (angka kredit) determined for a period of a functional position.",
              derived=frozenset({"functional_level"}), settle=_level_on_tmt),
    EventKind(ev.PotentialAssessed, "assess_potential", _potential,
              (*_LIVING, *POTENTIAL_RULES), _MERIT_VIEWS,
              "Potential assessment: the category, the assessor body and its method."),
    EventKind(ev.TalentMapped, "map_talent", _mapped, (*_LIVING, *TALENT_RULES), _MERIT_VIEWS,
              "Nine-box talent mapping: the box, both axes, their inputs and the period."),
    EventKind(ev.RankDemoted, "demote_rank", demoted, (*_LIVING, *DEMOTION_RULES), _ALL_VIEWS,
              "Penurunan pangkat (a discipline outcome): the lower rank held from the TMT.",
              history=History("RANK", lambda e: f"{e.new_rank.golongan} (demoted: {e.reason})")),
    EventKind(ev.LegalStatusChanged, "change_legal_status", legal_status_changed,
              (*_LIVING, *LEGAL_STATUS_RULES), _ALL_VIEWS,
              "Kedudukan hukum (CLTN, tugas belajar, suspension, ...) from the TMT.",
              history=History("STATUS", lambda e: f"{e.legal_status.name} ({e.reason})")),
    EventKind(ev.Retired, "retire", _retired, _LIVING, _ALL_VIEWS | {Facet.TRAINING},
              day_order=9),
    EventKind(ev.Terminated, "terminate", _terminated, _LIVING, _ALL_VIEWS | {Facet.TRAINING},
              day_order=9),
    # A correction is judged as the event it produces (domain.corrections); a retraction by
    # its own envelope, under its target's TMT.
    EventKind(ev.EventCorrected, "correct_event", unchanged, (),
              frozenset({Facet.EVERY_VIEW}),
              "Replace fields of an earlier event; the original stays in the log.",
              references=_TARGET, json_fields=frozenset({"changes"}), optional_tmt=True),
    EventKind(ev.EventRetracted, "retract_event", unchanged, ENVELOPE_RULES,
              frozenset({Facet.EVERY_VIEW}), "Void an earlier event; it stays in the log.",
              references=_TARGET, optional_tmt=True),
)

_BY_CLASS: dict[type[Any], EventKind[Any]] = {kind.event_class: kind for kind in KINDS}
_BY_COMMAND: dict[str, EventKind[Any]] = {kind.command: kind for kind in KINDS}


def kind_of(event_class: type[Any]) -> EventKind[Any]:
    return _BY_CLASS[event_class]


def kind_for(command: str) -> EventKind[Any]:
    return _BY_COMMAND[command]


def event_references() -> dict[str, str]:
    """Every payload field holding another event's version (``<x>_version``), with the field
    (``<x>_event_id``) the API's payloads show that event's id in."""
    return {
        version: version.removesuffix("_version") + "_event_id"
        for kind in KINDS for version in kind.references.values()
    }


def classes_for(*facets: Facet) -> tuple[type[ev.CareerEvent], ...]:
    """The event classes touching any of ``facets``: what a view of those facets reads."""
    return tuple(k.event_class for k in KINDS if k.facets & set(facets))


def event_classes() -> Iterable[type[ev.CareerEvent]]:
    return (kind.event_class for kind in KINDS)
