"""Discipline penalties and their annulment, and disciplinary examinations (domain.md §3.6,
§7.6)."""

from __future__ import annotations

from datetime import date
from enum import auto
from typing import Annotated

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.events.base import STORED_AS, CareerEvent
from domain.notes import Note, NotedEnum, noted

__all__ = ["DisciplineInvestigationClosed", "DisciplineInvestigationOpened",
           "DisciplinePenaltyAnnulled", "DisciplinePenaltyImposed", "InvestigationOutcome"]


class DisciplinePenaltyImposed(CareerEvent):
    TOPIC = STORED_AS + "DisciplinePenaltyImposed"
    penalty_type: PenaltyType
    level: DisciplineLevel
    regulation: Regulation
    duration_months: int | None
    end_date: date | None
    reason: str


class DisciplinePenaltyAnnulled(CareerEvent):
    TOPIC = STORED_AS + "DisciplinePenaltyAnnulled"
    penalty_version: int
    reason: str


@noted("How a disciplinary examination ended.")
class InvestigationOutcome(NotedEnum):
    PENALTY_IMPOSED = auto(), "The examination found a violation and a penalty was imposed."
    CLEARED = auto(), "The examination found no violation to penalise."


class DisciplineInvestigationOpened(CareerEvent):
    """A servant is under disciplinary examination (pemeriksaan) from the TMT; the SK is the
    summons or letter opening it. While it is open, rank promotion is blocked (rule R6)."""

    TOPIC = STORED_AS + "DisciplineInvestigationOpened"
    alleged_level: Annotated[DisciplineLevel, Note(
        "The weight of the violation the servant is examined for.")]
    reason: Annotated[str, Note("The alleged violation, in plain words.")]


class DisciplineInvestigationClosed(CareerEvent):
    """The examination opened by an earlier DisciplineInvestigationOpened ended on the TMT."""

    TOPIC = STORED_AS + "DisciplineInvestigationClosed"
    investigation_version: Annotated[int, Note(
        "The id of the DisciplineInvestigationOpened event this closing ends.")]
    outcome: Annotated[InvestigationOutcome, Note(
        "How the examination ended: a penalty imposed, or the servant cleared.")]
