"""Given/when/then for the legal status (kedudukan hukum) rules, §3.9."""

from __future__ import annotations

from datetime import date

from domain.events import LegalStatus
from tests.unit.given import a_pns, envelope, refused, state_of


def test_a_legal_status_with_an_end_after_its_tmt_is_recorded_and_shown() -> None:
    servant = a_pns()
    before = state_of(servant)
    servant.change_legal_status(envelope(date(2020, 3, 1)), legal_status=LegalStatus.TUGAS_BELAJAR,
                                until=date(2022, 3, 1), reason="S2")
    assert type(servant.events[-1]).__name__ == "LegalStatusChanged"
    assert state_of(servant).status is before.status


def test_a_legal_status_ending_on_or_before_its_tmt_is_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_DATE_RANGE", servant.change_legal_status, envelope(date(2020, 3, 1)),
                    legal_status=LegalStatus.CLTN, until=date(2020, 3, 1), reason="cuti")
    assert error.field == "until"
