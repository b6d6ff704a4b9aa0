"""Bitemporal reads: a servant's history and promotion assessment as the log showed them at
``known_at``, describing the servant on ``valid_at``.

The views hold only today's knowledge, so these answers are computed from the servant's own
stream (one indexed range read) with the views' own row builders: the cost grows with that
servant's events, never with the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from domain.errors import DomainError
from domain.state import Effective, effective_events
from projections.engine.view import ServantHistory
from projections.views.career_history import queries as career_queries
from projections.views.career_history.rows import ENTRY_COLUMNS, SERVANT_COLUMNS, CareerHistoryView
from projections.views.promotion.candidates import Candidate, assess
from projections.views.promotion.facts import build_facts
from service.application import Riwayat


@dataclass
class HistoryAsOf(ServantHistory):
    """A servant's stream cut at a known time, with TMTs after ``valid_at`` left out."""

    valid_at: date | None = None

    @cached_property
    def effective(self) -> list[Effective]:
        items = effective_events(self.events)
        return [e for e in items if self.valid_at is None or e.event.tmt <= self.valid_at]


def history_as_of(app: Riwayat, nip: str, known_at: datetime | None, valid_at: date | None) -> HistoryAsOf:
    servant = app.servant(nip)
    events = [e for e in servant.events if known_at is None or e.timestamp <= known_at]
    if not events:
        raise DomainError("SERVANT_NOT_FOUND", f"Servant {nip} was not yet recorded at {known_at}.", "nip")
    if valid_at is not None and events[0].tmt > valid_at:
        raise DomainError(
            "NOT_YET_APPOINTED", f"Servant {nip} was not yet appointed on {valid_at}.", "validAt"
        )
    known_versions = {e.originator_version for e in events}
    positions = {v: p for v, p in app.positions_of(nip).items() if v in known_versions}
    return HistoryAsOf(servant.id, events, positions, valid_at)


def career_history_as_of(
    app: Riwayat, nip: str, known_at: datetime | None, valid_at: date | None
) -> career_queries.CareerHistory:
    history = history_as_of(app, nip, known_at, valid_at)
    rows = CareerHistoryView().rows(history)
    names = [name for name, _ in SERVANT_COLUMNS]
    summary = dict(zip(names, rows["career_servant"][0], strict=True))
    section, seq = [name for name, _ in ENTRY_COLUMNS].index("section"), 3
    entries = sorted(rows["career_entry"], key=lambda row: (row[section], row[seq]))
    return career_queries.CareerHistory(summary, [career_queries.entry_from_row(row) for row in entries])


def promotion_as_of(
    app: Riwayat, nip: str, as_of: date, known_at: datetime | None
) -> tuple[Candidate, tuple[str, str]]:
    """The assessment with only what was recorded by ``known_at``, and the servant's
    (institution, unit) then, for the caller's scope check."""
    history = history_as_of(app, nip, known_at, None)
    state = history.state
    candidate = assess(nip, state.name, state.unit_id, state.unit_name, build_facts(history), as_of)
    return candidate, (state.institution_id, state.unit_id)
