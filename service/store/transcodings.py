"""JSON transcodings for the value types the library does not know (dates, our enums)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain import discipline, values
from domain.competence import talent
from domain.events import field_enums
from domain.kinds import event_classes


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class EnumByName(Transcoding):
    """Stores an enum member by name: stable when a member's value tuple grows."""

    def __init__(self, enum: type[Enum]) -> None:
        self.type = enum
        self.name = f"enum_{enum.__name__}"

    def encode(self, obj: Enum) -> str:
        return obj.name

    def decode(self, data: Any) -> Enum:
        member: Enum = self.type[data]  # type: ignore[index]
        return member


# The domain's enums, as ``domain.values`` (which re-exports each concept's) and the
# discipline catalogue list them, the talent grid's axes, and every enum a declared kind's
# event holds (so a new kind's enum is stored without a line here); each once. A base they
# share (``domain.notes.NotedEnum``) has no members and is no value domain.
DOMAIN_ENUMS: tuple[type[Enum], ...] = tuple(dict.fromkeys((
    *(obj
      for module in (values, discipline, talent)
      for obj in vars(module).values()
      if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__.startswith("domain.")
      and obj.__members__),
    *field_enums(event_classes()),
)))


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for enum in DOMAIN_ENUMS:
        transcoder.register(EnumByName(enum))
