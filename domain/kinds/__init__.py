"""One declaration per event kind, with how it changes the servant's state next to it, in one
module per family of kinds (as ``domain.events`` has one per family of classes).

Adding a kind: its class in ``domain.events.<family>``, its rules in ``domain.rules`` (if it
has any of its own), and its declaration in ``domain.kinds.<family>``; the command, the
GraphQL mutation and input, the views' interest and the state change all follow from the
declaration (see CONTRIBUTING.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain import events as ev
from domain.kind import EventKind, Facet
from domain.kinds import career, corrections, development, discipline

__all__ = ["KINDS", "Facet", "classes_for", "event_classes", "event_references", "kind_for",
           "kind_of"]

# The order the API has always listed these kinds in (its mutations, its EventType values);
# a kind not named here follows them, in the order of its family and its declaration.
_LISTED_AS = (
    "appoint_cpns", "appoint_pns", "promote_rank", "assign_position", "transfer_institution",
    "record_appraisal", "record_training", "record_competency_assessment", "evaluate_training",
    "record_education", "impose_discipline", "annul_discipline",
    "open_discipline_investigation", "close_discipline_investigation", "determine_credit_score",
    "assess_potential", "map_talent", "demote_rank", "change_legal_status", "retire",
    "terminate", "correct_event", "retract_event",
)
_DECLARED: tuple[EventKind[Any], ...] = (
    *career.KINDS, *development.KINDS, *discipline.KINDS, *corrections.KINDS,
)


def _listed(kind: EventKind[Any]) -> int:
    return _LISTED_AS.index(kind.command) if kind.command in _LISTED_AS else len(_LISTED_AS)


KINDS: tuple[EventKind[Any], ...] = tuple(sorted(_DECLARED, key=_listed))

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
