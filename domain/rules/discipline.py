"""Discipline rules (domain.md §5 rules 13-15, §3.6; examinations §7.6)."""

from __future__ import annotations

from domain.discipline import PP94_IN_FORCE, Regulation, add_months
from domain.errors import Warning
from domain.events import DisciplineInvestigationClosed, DisciplinePenaltyImposed
from domain.rules.base import Context, Rule, ends_once, fail, need, refusal


def _regulation_in_force(e: DisciplinePenaltyImposed, context: Context) -> list[Warning]:
    kind = e.penalty_type
    if kind.regulation is not e.regulation:
        raise fail(
            "REGULATION_MISMATCH",
            f"{kind.name} is a penalty of PP {kind.regulation.value}, not PP {e.regulation.value}.",
            "regulation",
        )
    pp94 = e.tmt >= PP94_IN_FORCE
    if pp94 != (kind.regulation is Regulation.PP_94_2021):
        raise fail(
            "REGULATION_NOT_IN_FORCE",
            f"On {e.tmt} penalties follow PP {'94/2021' if pp94 else '53/2010'} "
            f"(PP 94/2021 applies from {PP94_IN_FORCE}).",
            "regulation",
        )
    return []


def _duration_and_end(e: DisciplinePenaltyImposed, context: Context) -> list[Warning]:
    kind = e.penalty_type
    if not kind.durations:
        if e.duration_months is not None or e.end_date is not None:
            raise fail("INVALID_DURATION", f"{kind.name} has no duration or end date.", "durationMonths")
        return []
    if e.duration_months not in kind.durations:
        allowed = ", ".join(str(m) for m in kind.durations)
        raise fail(
            "INVALID_DURATION",
            f"{kind.name} lasts {allowed} months, not {e.duration_months}.",
            "durationMonths",
        )
    expected_end = add_months(e.tmt, e.duration_months)
    if e.end_date != expected_end:
        raise fail(
            "END_DATE_MISMATCH",
            f"A {e.duration_months}-month penalty from {e.tmt} ends on {expected_end}, not {e.end_date}.",
            "endDate",
        )
    return []


DISCIPLINE_RULES: tuple[Rule[DisciplinePenaltyImposed], ...] = (
    Rule("REGULATION-IN-FORCE", DisciplinePenaltyImposed, _regulation_in_force,
         "domain.md §5 rule 13; PP 94/2021"),
    refusal("LEVEL-OF-TYPE", DisciplinePenaltyImposed, "domain.md §5 rule 14",
            when=lambda e, c: e.penalty_type.level is not e.level,
            code="LEVEL_MISMATCH", field="level",
            says=lambda e, c: f"{e.penalty_type.name} is level {e.penalty_type.level.name}, "
            f"not {e.level.name}."),
    Rule("DURATION-AND-END", DisciplinePenaltyImposed, _duration_and_end, "domain.md §5 rule 15"),
)


def _closes_an_open_investigation(e: DisciplineInvestigationClosed,
                                  context: Context) -> list[Warning]:
    # ``before`` is the state just before the closing in TMT order: an examination opened
    # after the closing's TMT is not there, so it cannot be closed by it.
    state = need(context.before)
    ends_once(state.investigations, lambda found: found.closed_on, state, e.investigation_version,
              "investigationEventId", what=f"a discipline investigation opened by TMT {e.tmt}",
              code="ALREADY_CLOSED", noun="Investigation", verb="closed")
    return []


CLOSING_RULES: tuple[Rule[DisciplineInvestigationClosed], ...] = (
    Rule("CLOSES-AN-OPEN-INVESTIGATION", DisciplineInvestigationClosed,
         _closes_an_open_investigation, "Perka BKN 21/2010; PP 94/2021 [DESIGN]", sequence=True),
)
