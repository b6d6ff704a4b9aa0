"""The envelope every legally based act carries, and what the rest of the domain asks of an
event class (its payload fields, a copy with fields replaced, its id).

Every career event class keeps the topic it was first stored under (``TOPIC``), when the classes
were nested in ``CivilServant``: the log, its hash chain and the views' topic filters name events
by topic, so moving a class must not rename what is already stored."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import field, fields
from datetime import date
from enum import Enum
from typing import Any, get_args, get_type_hints

from eventsourcing.domain import Aggregate

from domain.values import Source

STORED_AS = "domain.servant:CivilServant."

__all__ = [
    "CareerEvent", "LegalAct", "STORED_AS", "field_enums", "parse_event_id", "payload_fields",
    "with_fields",
]


class LegalAct(Aggregate.Event):
    """The envelope of every legally based act (domain.md §4): a servant's career event or a
    position standard's."""

    tmt: date
    sk_number: str
    sk_date: date
    sk_official: str
    actor_id: str
    actor_role: str
    source: Source
    document_hash: str | None

    def apply(self, aggregate: Any) -> None:
        # Applying only remembers the event: state is derived by ``domain.fold``.
        aggregate._remember(self)


class CareerEvent(LegalAct):
    """The envelope every career event carries.

    A payload field may say what it means beside its declaration,
    ``name: Annotated[type, Note("...")]`` (``domain.notes``); the API's contract
    (schema.graphql) shows the notes."""

    # Provenance of imported history (keyword-only with defaults, so events stored before
    # these fields existed read the defaults): the source record the event came from
    # ("SYSTEM:kind:id", the key that makes a re-run import nothing twice), and whether it
    # was admitted without an SK number, as history older than today's SK discipline is.
    source_record_id: str | None = field(default=None, kw_only=True)
    legacy_without_sk: bool = field(default=False, kw_only=True)



_ENVELOPE = {f.name for f in fields(CareerEvent)} | {"originator_topic"}


def payload_fields(event_class: type[CareerEvent]) -> dict[str, Any]:
    """The payload fields of an event class with their types (envelope excluded)."""
    hints = get_type_hints(event_class)
    return {f.name: hints[f.name] for f in fields(event_class) if f.name not in _ENVELOPE}


def field_enums(event_classes: Iterable[type[LegalAct]]) -> tuple[type[Enum], ...]:
    """The enum classes the fields of ``event_classes`` hold (``X | None`` included): what the
    log must know how to store, so a new kind's enum needs no registration elsewhere."""
    found: dict[type[Enum], None] = {}
    for event_class in event_classes:
        for annotation in get_type_hints(event_class).values():
            for candidate in (annotation, *get_args(annotation)):
                if isinstance(candidate, type) and issubclass(candidate, Enum):
                    found[candidate] = None
    return tuple(found)


def with_fields(event: Any, **changes: Any) -> Any:
    """A copy of a frozen event with some fields replaced (the event classes are dataclasses,
    though their type stubs do not say so)."""
    return dataclasses.replace(event, **changes)


def parse_event_id(event_id: str) -> tuple[str, int] | None:
    """``"<nip>:<version>"`` → (nip, version); None for anything else."""
    nip, _, version = event_id.partition(":")
    if not (version.isascii() and version.isdigit() and len(version) <= 9):
        return None
    return nip, int(version)
