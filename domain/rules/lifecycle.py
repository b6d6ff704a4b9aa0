"""Lifecycle rules (domain.md §5 rule 3, §3.9): nothing before the CPNS TMT, nothing but
corrections and annulments after an exit, one PNS appointment, annulments of real penalties."""

from __future__ import annotations

from domain.discipline import add_months
from domain.errors import Warning
from domain.events import (
    CareerEvent,
    DisciplinePenaltyAnnulled,
    InstitutionTransferred,
    LegalStatusChanged,
    PnsAppointed,
)
from domain.rules.base import Context, Rule, caution, ends_once, need, refusal


def _annuls_a_penalty(e: DisciplinePenaltyAnnulled, context: Context) -> list[Warning]:
    state = need(context.before)
    ends_once(state.penalties, lambda found: found.annulled_on, state, e.penalty_version,
              "penaltyEventId", what=f"a discipline penalty in force by TMT {e.tmt}",
              code="ALREADY_ANNULLED", noun="Penalty", verb="annulled")
    return []


NOT_BEFORE_APPOINTMENT = refusal(
    "NOT-BEFORE-CPNS", CareerEvent, "domain.md §5 rule 3", sequence=True,
    when=lambda e, c: e.tmt < need(c.before).cpns_tmt, code="BEFORE_APPOINTMENT", field="tmt",
    says=lambda e, c: f"{type(e).__name__} at TMT {e.tmt} precedes the CPNS TMT "
    f"{need(c.before).cpns_tmt}.",
)
NOT_AFTER_EXIT = refusal(
    "NOT-AFTER-EXIT", CareerEvent, "domain.md §5 rule 3", sequence=True,
    when=lambda e, c: need(c.before).has_exited, code="AFTER_EXIT", field="tmt",
    says=lambda e, c: f"{type(e).__name__} at TMT {e.tmt} follows the servant's "
    f"{need(c.before).status.value.lower()} status from {need(c.before).status_tmt}; only "
    "corrections, retractions and annulments may follow.",
)
PNS_RULES: tuple[Rule[PnsAppointed], ...] = (
    refusal("STTPL-NAMED", PnsAppointed, "PP 11/2017 (Latsar) [REG]",
            when=lambda e, c: not e.sttpl_number.strip(), code="MISSING_FIELD",
            field="sttplNumber", says=lambda e, c: "The Latsar certificate (STTPL) number is required."),
    caution("PROBATION-ONE-YEAR", PnsAppointed, "PP 11/2017 (warn) [REG]",
            when=lambda e, c: c.latest is not None and e.tmt < add_months(c.latest.cpns_tmt, 12),
            code="PROBATION_UNDER_ONE_YEAR",
            says=lambda e, c: f"PNS TMT {e.tmt} is within a year of CPNS TMT."),
    refusal("PNS-ONCE", PnsAppointed, "domain.md §3.9 [DESIGN]", sequence=True,
            when=lambda e, c: need(c.before).pns_tmt is not None,
            code="DUPLICATE_APPOINTMENT", field=None,
            says=lambda e, c: f"The servant is already PNS from {need(c.before).pns_tmt}."),
)
TRANSFER_RULES: tuple[Rule[InstitutionTransferred], ...] = (
    refusal("TRANSFER-ELSEWHERE", InstitutionTransferred, "domain.md §4 [DESIGN]", sequence=True,
            when=lambda e, c: e.to_institution_id == need(c.before).institution_id,
            code="SAME_INSTITUTION", field="toInstitutionId",
            says=lambda e, c: f"The servant already belongs to institution "
            f"{e.to_institution_id} at TMT {e.tmt}."),
)
ANNULMENT_RULES: tuple[Rule[DisciplinePenaltyAnnulled], ...] = (
    Rule("ANNULS-A-PENALTY", DisciplinePenaltyAnnulled, _annuls_a_penalty,
         "PP 94/2021 (banding/keberatan) [DESIGN]", sequence=True),
)


LEGAL_STATUS_RULES: tuple[Rule[LegalStatusChanged], ...] = (
    refusal("LEGAL-STATUS-SPAN", LegalStatusChanged, "domain.md §3.9 [DESIGN]",
            when=lambda e, c: e.until is not None and e.until <= e.tmt,
            code="INVALID_DATE_RANGE", field="until",
            says=lambda e, c: f"A legal status until {e.until} must end after its TMT {e.tmt}."),
)
