"""What declaring an event kind means: everything the rest of the system derives from it.

A kind names its event class, the command (and so the GraphQL mutation) that records it, the
rules it is admitted under, how it changes the servant's state (``evolve``, total: it never
refuses, because a recorded event is a fact), and which facets of the record it touches, which
is what the views subscribe to. ``domain.kinds`` holds one declaration per kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from domain.notes import field_notes_of
from domain.rules.base import Rule
from domain.servant_state import ServantState

E = TypeVar("E")

# One event of a kind for the sample record (``riwayat seed``): from a servant's state, the TMT
# and payload of an event the kind's rules admit, or None when that record has no room for one.
Sample = Callable[[ServantState], tuple[date, Mapping[str, Any]] | None]


class Facet(Enum):
    """A part of the record a view may be interested in."""

    EVERY_VIEW = "every view"  # the appointment (the NIP lives there) and the correction trail
    CAREER = "career history"
    PROMOTION = "promotion"
    AUDIT = "audit"
    TRAINING = "training"
    COMPETENCE = "competence"


@dataclass(frozen=True)
class History(Generic[E]):
    """How an event shows in the riwayat (the career history) when no view says otherwise: one
    entry in ``section`` titled ``title(event)``, its details the event's payload."""

    section: str
    title: Callable[[E], str]


@dataclass(frozen=True)
class EventKind(Generic[E]):
    event_class: type[E]
    command: str
    evolve: Callable[[ServantState, E, int], None]
    rules: tuple[Rule[Any], ...]
    facets: frozenset[Facet]
    description: str = ""
    # Within one TMT, an appointment comes first and an exit last.
    day_order: int = 5
    # Payload fields holding another event's version, by the input field naming its event id.
    references: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Fields settled at admission from the servant's state, never taken from input.
    derived: frozenset[str] = frozenset()
    # Fields given as a JSON object of field: value.
    json_fields: frozenset[str] = frozenset()
    # A correction or retraction takes its target's TMT, so its input may omit one.
    optional_tmt: bool = False
    # The appointment opens a stream rather than following one.
    opens_stream: bool = False
    # Settles the ``derived`` fields from the servant's state on the event's TMT.
    settle: Callable[[E, ServantState], E] | None = None
    # Its entry in the career history, for a kind the history view has no describer of its own.
    history: History[E] | None = None
    # Its sample, for a kind the scripted sample careers do not record (``service.sample``).
    sample: Sample | None = None

    @property
    def field_notes(self) -> Mapping[str, str]:
        """What each payload field means, from the notes beside the event class's fields. The
        note of a field holding another event's version describes the input naming that event
        (``references``), which is what the API shows in its place."""
        input_of = {field: name for name, field in self.references.items()}
        return MappingProxyType({input_of.get(name, name): note
                                 for name, note in field_notes_of(self.event_class).items()})

    def rules_at(self, day: date, *, sequence: bool) -> tuple[Rule[Any], ...]:
        """The rules in force at ``day`` (the event's TMT), field rules or sequence rules."""
        return tuple(r for r in self.rules if r.sequence is sequence and r.in_force_at(day))


def unchanged(state: ServantState, event: Any, version: int) -> None:
    """The evolve of a kind that changes no state by itself (corrections are applied to their
    targets before folding; the appointment opens the state)."""
