"""Discipline (``domain.events.discipline``): penalties, their annulment and disciplinary
examinations (domain.md §7.6); how each kind changes the servant's state, and its declaration."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from domain import events as ev
from domain.kind import EventKind, History
from domain.kinds.common import ALL_VIEWS, FOLLOWING, LIVING
from domain.rules.discipline import CLOSING_RULES, DISCIPLINE_RULES
from domain.rules.lifecycle import ANNULMENT_RULES
from domain.servant_state import InvestigationState, PenaltyState, ServantState

__all__ = ["KINDS"]


def _penalised(state: ServantState, e: ev.DisciplinePenaltyImposed, version: int) -> None:
    state.penalties[version] = PenaltyState(e.penalty_type, e.level, e.tmt, e.end_date, version)


def _annulled(state: ServantState, e: ev.DisciplinePenaltyAnnulled, version: int) -> None:
    # Admission made sure the target is a penalty not yet annulled; a fact is never refused.
    penalty = state.penalties.get(e.penalty_version)
    if penalty is not None and penalty.annulled_by is None:
        penalty.annulled_on, penalty.annulled_by = e.tmt, version


def _opened(state: ServantState, e: ev.DisciplineInvestigationOpened, version: int) -> None:
    state.investigations[version] = InvestigationState(e.alleged_level, e.tmt, version)


def _closed(state: ServantState, e: ev.DisciplineInvestigationClosed, version: int) -> None:
    # Admission made sure the target is an open investigation; a fact is never refused.
    investigation = state.investigations.get(e.investigation_version)
    if investigation is not None and investigation.closed_by is None:
        investigation.closed_on, investigation.closed_by = e.tmt, version


KINDS: tuple[EventKind[Any], ...] = (
    EventKind(ev.DisciplinePenaltyImposed, "impose_discipline", _penalised,
              (*LIVING, *DISCIPLINE_RULES), ALL_VIEWS),
    EventKind(ev.DisciplinePenaltyAnnulled, "annul_discipline", _annulled,
              (*FOLLOWING, *ANNULMENT_RULES), ALL_VIEWS,
              references=MappingProxyType({"penalty_event_id": "penalty_version"})),
    EventKind(ev.DisciplineInvestigationOpened, "open_discipline_investigation", _opened,
              LIVING, ALL_VIEWS,
              "Disciplinary examination opened; it blocks rank promotion (R6) until closed.",
              history=History("DISCIPLINE", lambda e: "Investigation opened "
                              f"({e.alleged_level.name}): {e.reason}")),
    EventKind(ev.DisciplineInvestigationClosed, "close_discipline_investigation", _closed,
              (*LIVING, *CLOSING_RULES), ALL_VIEWS,
              "Disciplinary examination closed, with its outcome.",
              references=MappingProxyType({"investigation_event_id": "investigation_version"}),
              history=History("DISCIPLINE",
                              lambda e: f"Investigation closed: {e.outcome.name}")),
)
