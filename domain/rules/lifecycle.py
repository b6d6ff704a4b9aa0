"""Lifecycle rules (domain.md §5 rule 3, §3.9): nothing before the CPNS TMT, nothing but
corrections and annulments after an exit, one PNS appointment, annulments of real penalties."""

from __future__ import annotations

from domain.discipline import add_months
from domain.errors import Warning
from domain.events import (
    CareerEvent,
    DisciplinePenaltyAnnulled,
    InstitutionTransferred,
    PnsAppointed,
)
from domain.rules.base import Context, Rule, fail, need


def _not_before_appointment(e: CareerEvent, context: Context) -> list[Warning]:
    state = need(context.before)
    if e.tmt < state.cpns_tmt:
        raise fail(
            "BEFORE_APPOINTMENT",
            f"{type(e).__name__} at TMT {e.tmt} precedes the CPNS TMT {state.cpns_tmt}.", "tmt",
        )
    return []


def _not_after_exit(e: CareerEvent, context: Context) -> list[Warning]:
    state = need(context.before)
    if state.has_exited:
        raise fail(
            "AFTER_EXIT",
            f"{type(e).__name__} at TMT {e.tmt} follows the servant's "
            f"{state.status.value.lower()} status from {state.status_tmt}; only corrections, "
            "retractions and annulments may follow.",
            "tmt",
        )
    return []


def _once_pns(e: PnsAppointed, context: Context) -> list[Warning]:
    state = need(context.before)
    if state.pns_tmt is not None:
        raise fail("DUPLICATE_APPOINTMENT", f"The servant is already PNS from {state.pns_tmt}.")
    return []


def _sttpl_named(e: PnsAppointed, context: Context) -> list[Warning]:
    if not e.sttpl_number.strip():
        raise fail("MISSING_FIELD", "The Latsar certificate (STTPL) number is required.", "sttplNumber")
    return []


def _probation_of_a_year(e: PnsAppointed, context: Context) -> list[Warning]:
    state = context.latest
    if state is not None and e.tmt < add_months(state.cpns_tmt, 12):
        return [Warning("PROBATION_UNDER_ONE_YEAR", f"PNS TMT {e.tmt} is within a year of CPNS TMT.")]
    return []


def _other_institution(e: InstitutionTransferred, context: Context) -> list[Warning]:
    state = need(context.before)
    if e.to_institution_id == state.institution_id:
        raise fail(
            "SAME_INSTITUTION",
            f"The servant already belongs to institution {e.to_institution_id} at TMT {e.tmt}.",
            "toInstitutionId",
        )
    return []


def _annuls_a_penalty(e: DisciplinePenaltyAnnulled, context: Context) -> list[Warning]:
    state = need(context.before)
    penalty = state.penalties.get(e.penalty_version)
    if penalty is None:
        raise fail(
            "INVALID_TARGET",
            f"Event {state.nip}:{e.penalty_version} is not a discipline penalty in force by "
            f"TMT {e.tmt}.",
            "penaltyEventId",
        )
    if penalty.annulled_by is not None:
        raise fail(
            "ALREADY_ANNULLED",
            f"Penalty {state.nip}:{e.penalty_version} was already annulled on {penalty.annulled_on}.",
            "penaltyEventId",
        )
    return []


NOT_BEFORE_APPOINTMENT = Rule(
    "NOT-BEFORE-CPNS", CareerEvent, _not_before_appointment, "domain.md §5 rule 3", sequence=True
)
NOT_AFTER_EXIT = Rule(
    "NOT-AFTER-EXIT", CareerEvent, _not_after_exit, "domain.md §5 rule 3", sequence=True
)
PNS_RULES: tuple[Rule[PnsAppointed], ...] = (
    Rule("STTPL-NAMED", PnsAppointed, _sttpl_named, "PP 11/2017 (Latsar) [REG]"),
    Rule("PROBATION-ONE-YEAR", PnsAppointed, _probation_of_a_year, "PP 11/2017 (warn) [REG]"),
    Rule("PNS-ONCE", PnsAppointed, _once_pns, "domain.md §3.9 [DESIGN]", sequence=True),
)
TRANSFER_RULES: tuple[Rule[InstitutionTransferred], ...] = (
    Rule("TRANSFER-ELSEWHERE", InstitutionTransferred, _other_institution,
         "domain.md §4 [DESIGN]", sequence=True),
)
ANNULMENT_RULES: tuple[Rule[DisciplinePenaltyAnnulled], ...] = (
    Rule("ANNULS-A-PENALTY", DisciplinePenaltyAnnulled, _annuls_a_penalty,
         "PP 94/2021 (banding/keberatan) [DESIGN]", sequence=True),
)
