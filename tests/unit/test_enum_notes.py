"""An enum says what it and its values mean beside itself, in the domain; the schema reads
those words, so a new kind's enum needs no line in the API's modules."""

from __future__ import annotations

from enum import Enum, auto

import pytest
import strawberry

from domain.events import LegalStatus
from domain.notes import NotedEnum, noted, notes_of
from service.graphql.enum_notes import ENUM_TYPE_NOTES, describe_values, value_note
from service.store.transcodings import DOMAIN_ENUMS


def test_an_enum_noted_in_the_domain_is_described_by_its_own_words() -> None:
    @noted("How a sample goes.", FAST="Quickly, with no pause.")
    class Pace(Enum):
        FAST = "F"
        SLOW = "S"

    marked = strawberry.enum(Pace)
    describe_values(marked)
    described = {v.name: v.description for v in marked.__strawberry_definition__.values}  # type: ignore[attr-defined]
    assert described == {"FAST": "Quickly, with no pause.", "SLOW": "Slow."}
    assert value_note("Pace", Pace.FAST) == "Quickly, with no pause."


def test_every_noted_enum_of_an_event_field_has_its_type_note_in_the_schema() -> None:
    noted_enums = [enum for enum in DOMAIN_ENUMS if notes_of(enum) is not None]
    assert LegalStatus in noted_enums
    for enum in noted_enums:
        notes = notes_of(enum)
        assert notes is not None and ENUM_TYPE_NOTES[enum.__name__] == notes.about


def test_a_note_for_a_value_the_enum_lacks_is_refused() -> None:
    with pytest.raises(AssertionError, match="no value"):
        @noted("Colours.", PURPLE="Not a value.")
        class Colour(Enum):
            RED = "R"


def test_a_noted_enum_member_carries_its_note_and_keeps_its_plain_value() -> None:
    @noted("How a sample ends.")
    class Ending(NotedEnum):
        DONE = "D", "Finished as planned."
        DROPPED = auto(), "Given up before the end."

    assert [m.value for m in Ending] == ["D", "DROPPED"]
    assert Ending("D") is Ending.DONE and Ending["DROPPED"] is Ending.DROPPED
    notes = notes_of(Ending)
    assert notes is not None and notes.about == "How a sample ends."
    assert dict(notes.values) == {"DONE": "Finished as planned.",
                                  "DROPPED": "Given up before the end."}
    assert value_note("Ending", Ending.DONE) == "Finished as planned."


def test_a_noted_enum_member_without_a_note_is_refused() -> None:
    with pytest.raises(AssertionError, match="says nothing"):
        class Shade(NotedEnum):
            DARK = "D"
