"""An event field says what it means beside its declaration; the kind reads the notes, and the
field's type stays the plain type everywhere else (payload, stored enums)."""

from __future__ import annotations

from typing import Annotated

from domain import events as ev
from domain.discipline import DisciplineLevel
from domain.events import InvestigationOutcome, field_enums, payload_fields
from domain.kinds import kind_of
from domain.notes import Note, field_notes_of


def test_a_field_note_is_read_from_beside_the_field_and_its_type_stays_plain() -> None:
    notes = kind_of(ev.DisciplineInvestigationOpened).field_notes
    assert notes == {"alleged_level": "The weight of the violation the servant is examined for.",
                     "reason": "The alleged violation, in plain words."}
    fields = payload_fields(ev.DisciplineInvestigationOpened)
    assert fields == {"alleged_level": DisciplineLevel, "reason": str}
    assert DisciplineLevel in field_enums([ev.DisciplineInvestigationOpened])


def test_the_note_of_a_reference_field_describes_the_input_naming_the_event() -> None:
    notes = kind_of(ev.DisciplineInvestigationClosed).field_notes
    assert notes["investigation_event_id"] == (
        "The id of the DisciplineInvestigationOpened event this closing ends.")
    assert "investigation_version" not in notes
    assert payload_fields(ev.DisciplineInvestigationClosed)["outcome"] is InvestigationOutcome


def test_only_notes_count_among_a_field_s_extras() -> None:
    class Sample:
        plain: int
        noted: Annotated[str, "not a note", Note("What it means.")]
        other: Annotated[int, "not a note either"]

    assert field_notes_of(Sample) == {"noted": "What it means."}
