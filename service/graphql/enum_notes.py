"""Plain-words descriptions of the domain's enums and their values, for clients reading the
schema.

The domain's enums are marked as GraphQL enums in place (``event_types.ENUMS``). An enum says
what it and its values mean beside itself (``domain.notes.noted``), so a new kind's enum needs
no line here; values a rule can describe (a rank's golongan and pangkat, a penalty's
regulation and weight) are described from the value itself."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from domain.notes import notes_of
from service.store.transcodings import DOMAIN_ENUMS


def _words(member: Enum) -> str:
    return member.name.replace("_", " ").title()


def _rank(member: Any) -> str:
    return f"Golongan {member.golongan}, pangkat {member.pangkat}."


def _education(member: Any) -> str:
    return f"Diploma level {member.label}."


_WEIGHT = {"RINGAN": "light", "SEDANG": "medium", "BERAT": "heavy"}


def _penalty(member: Any) -> str:
    name = member.name.removesuffix("_PP53").replace("_", " ").lower()
    weight = _WEIGHT[member.level.name]
    return f"{name.capitalize()}: a {weight} penalty under PP {member.regulation.value}."


def _training(member: Enum) -> str:
    return f"{_words(member)}: a kind of training or development activity."


_RULES: dict[str, Callable[[Any], str]] = {
    "Rank": _rank, "EducationLevel": _education, "PenaltyType": _penalty,
    "TrainingKind": _training,
}


def value_note(enum_name: str, member: Enum) -> str:
    """The description of one value: the enum's own notes or the table's words, else the
    rule for its enum."""
    own = notes_of(type(member))
    noted = own.values.get(member.name) if own is not None else None
    if noted is not None:
        return noted
    rule = _RULES.get(enum_name)
    return rule(member) if rule is not None else f"{_words(member)}."


def describe_values(enum: type[Enum], notes: dict[str, str] | None = None) -> None:
    """Give each value of a strawberry-marked enum its description (before the schema is
    built, which copies them into the GraphQL enum): from ``notes``, else as above. The values
    stay the plain values Python code compares with."""
    definition = enum.__strawberry_definition__  # type: ignore[attr-defined]
    by_name = {member.name: member for member in enum}
    for value in definition.values:
        note = (notes or {}).get(value.name) or value_note(enum.__name__, by_name[value.name])
        value.description = value.description or note


ENUM_TYPE_NOTES: dict[str, str] = {
    enum.__name__: notes.about for enum in DOMAIN_ENUMS if (notes := notes_of(enum))
}
