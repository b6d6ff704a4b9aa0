"""Where a position's competency standard comes from, for the succession and career-path
views. Standards are recorded as their own events (PositionStandardSet); until those are
read here, every position's standard is "not recorded" and the views say so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.competence.standards import PositionStandard


def position_standard(position_id: str, as_of: date) -> PositionStandard | None:
    """The standard in force for ``position_id`` on ``as_of``; None when none is recorded."""
    return None


def standard_jpm(position_id: str, nip: str, as_of: date) -> Decimal | None:
    """JPM of ``nip`` against the position's standard; not assessed until standards and
    competency assessments are read here."""
    return None
