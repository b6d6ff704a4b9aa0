"""What an enum's values mean, said beside the enum: ``@noted(about, VALUE="note", ...)``
on the class. The domain holds the words as plain data; the API reads them (its schema
describes each enum and value from them), so an enum of a new kind needs no line outside its
own module."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import TypeVar

__all__ = ["EnumNotes", "noted", "notes_of"]

E = TypeVar("E", bound=type[Enum])
_ATTRIBUTE = "_value_notes"


@dataclass(frozen=True)
class EnumNotes:
    about: str  # what the enum as a whole names
    values: Mapping[str, str]  # member name: what that value means


def noted(about: str, **values: str) -> Callable[[E], E]:
    """Mark an enum with what it and (some or all of) its values mean."""
    def mark(enum: E) -> E:
        unknown = set(values) - set(enum.__members__)
        assert not unknown, f"{enum.__name__} has no value {sorted(unknown)}"
        setattr(enum, _ATTRIBUTE, EnumNotes(about, MappingProxyType(values)))
        return enum
    return mark


def notes_of(enum: type[Enum]) -> EnumNotes | None:
    """The notes ``noted`` gave ``enum`` (its own, not a base class's), if any."""
    notes = vars(enum).get(_ATTRIBUTE)
    return notes if isinstance(notes, EnumNotes) else None
