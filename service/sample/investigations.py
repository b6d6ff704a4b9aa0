"""The sample's disciplinary examinations: one before each sample penalty (domain.md §7.6)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from domain.discipline import DisciplineLevel
from domain.events import InvestigationOutcome

if TYPE_CHECKING:
    from service.sample.careers import Career


def examined(career: Career, year: int) -> None:
    """An examination opened and closed with a penalty in February of ``year``: between two
    period dates of every regime, and without a random draw, so the rest of the sample stays
    as it was."""
    career.do("open_discipline_investigation", date(year, 2, 5),
              alleged_level=DisciplineLevel.SEDANG, reason="Dugaan mangkir")
    assert career.servant is not None
    career.do("close_discipline_investigation", date(year, 2, 25),
              investigation_version=career.servant.version,
              outcome=InvestigationOutcome.PENALTY_IMPOSED)
