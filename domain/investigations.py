"""Disciplinary examinations as event kinds (domain.md §7.6): how opening and closing one
change the servant's state, and their declarations, spliced into ``domain.kinds.KINDS``."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from domain import events as ev
from domain.kind import EventKind, Facet, History
from domain.rules.base import Rule
from domain.rules.discipline import CLOSING_RULES
from domain.servant_state import InvestigationState, ServantState

__all__ = ["investigation_kinds"]


def _opened(state: ServantState, e: ev.DisciplineInvestigationOpened, version: int) -> None:
    state.investigations[version] = InvestigationState(e.alleged_level, e.tmt, version)


def _closed(state: ServantState, e: ev.DisciplineInvestigationClosed, version: int) -> None:
    # Admission made sure the target is an open investigation; a fact is never refused.
    investigation = state.investigations.get(e.investigation_version)
    if investigation is not None and investigation.closed_by is None:
        investigation.closed_on, investigation.closed_by = e.tmt, version


def investigation_kinds(living: tuple[Rule[Any], ...],
                        facets: frozenset[Facet]) -> tuple[EventKind[Any], ...]:
    """Both kinds, under the rules every living servant's event follows and ``facets``."""
    return (
        EventKind(ev.DisciplineInvestigationOpened, "open_discipline_investigation", _opened,
                  living, facets,
                  "Disciplinary examination opened; it blocks rank promotion (R6) until closed.",
                  history=History("DISCIPLINE", lambda e: "Investigation opened "
                                  f"({e.alleged_level.name}): {e.reason}")),
        EventKind(ev.DisciplineInvestigationClosed, "close_discipline_investigation", _closed,
                  (*living, *CLOSING_RULES), facets,
                  "Disciplinary examination closed, with its outcome.",
                  references=MappingProxyType({"investigation_event_id": "investigation_version"}),
                  history=History("DISCIPLINE",
                                  lambda e: f"Investigation closed: {e.outcome.name}")),
    )
