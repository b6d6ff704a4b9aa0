"""Discipline penalties and their annulment (domain.md §3.6)."""

from __future__ import annotations

from datetime import date

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.events.base import STORED_AS, CareerEvent

__all__ = ["DisciplinePenaltyAnnulled", "DisciplinePenaltyImposed"]


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
