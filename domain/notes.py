"""What the domain's values and fields mean, said beside them: ``@noted(about)`` on an enum
says what it names, a ``NotedEnum`` declares each member with what it means,
``NAME = value, "note"``, and an event field carries its own, ``name: Annotated[type,
Note("...")]``. The domain holds the words as plain data; the API reads them (its schema
describes each enum, value and field from them), so a new kind needs no line outside its own
modules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Annotated, Any, Self, TypeVar, get_args, get_origin, get_type_hints

__all__ = ["EnumNotes", "Note", "NotedEnum", "field_notes_of", "noted", "notes_of"]

E = TypeVar("E", bound=type[Enum])
_ATTRIBUTE = "_value_notes"


@dataclass(frozen=True)
class EnumNotes:
    about: str  # what the enum as a whole names
    values: Mapping[str, str]  # member name: what that value means


class NotedEnum(Enum):
    """An enum whose members are declared ``NAME = value, "what this value means"``: the
    member's value is ``value`` alone (``auto()`` for the member's name), and ``@noted``
    takes each member's note."""

    note: str

    @staticmethod
    def _generate_next_value_(name: str, start: int, count: int, last_values: list[Any]) -> str:
        return name

    # ``note`` has a default only for the type checker, which reads this signature for a
    # lookup by value (``Gender("1")``); every member declaration must give one.
    def __new__(cls, value: Any, note: str | None = None) -> Self:
        assert note is not None, f"{cls.__name__} member {value!r} says nothing of itself"
        member = object.__new__(cls)
        member._value_ = value
        member.note = note
        return member


def noted(about: str, **values: str) -> Callable[[E], E]:
    """Mark an enum with what it means, and with what (some or all of) its values mean: those
    of a ``NotedEnum`` declare their own, the others are given here by member name."""
    def mark(enum: E) -> E:
        unknown = set(values) - set(enum.__members__)
        assert not unknown, f"{enum.__name__} has no value {sorted(unknown)}"
        declared = {member.name: member.note for member in enum if isinstance(member, NotedEnum)}
        setattr(enum, _ATTRIBUTE, EnumNotes(about, MappingProxyType({**declared, **values})))
        return enum
    return mark


def notes_of(enum: type[Enum]) -> EnumNotes | None:
    """The notes ``noted`` gave ``enum`` (its own, not a base class's), if any."""
    notes = vars(enum).get(_ATTRIBUTE)
    return notes if isinstance(notes, EnumNotes) else None


@dataclass(frozen=True)
class Note:
    """What a field means, beside its declaration: ``name: Annotated[type, Note("...")]``."""

    text: str


def field_notes_of(cls: type) -> dict[str, str]:
    """The ``Note`` beside each field of ``cls`` that has one (its bases' fields included)."""
    return {name: extra.text
            for name, hint in get_type_hints(cls, include_extras=True).items()
            if get_origin(hint) is Annotated
            for extra in get_args(hint)[1:] if isinstance(extra, Note)}
