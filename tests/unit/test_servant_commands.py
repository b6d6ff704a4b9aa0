"""The aggregate without storage: given events, a command either triggers its event or
raises a coded DomainError, and folding derives state bitemporally."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.discipline import add_months
from domain.envelope import Actor, Envelope
from domain.errors import DomainError
from domain.nip import Nip
from domain.periods import is_period_date, next_period_date
from domain.servant import CivilServant
from domain.state import effective_events, fold
from domain.values import EducationLevel, Gender, PromotionType, Rank

NIP = "199001012015031001"


def envelope(tmt: date, recorded: datetime = datetime(2026, 1, 5, tzinfo=UTC)) -> Envelope:
    return Envelope(tmt, "SK/1", min(tmt, recorded.date()), "Kepala BKN", Actor("hr-1", "hr"), recorded)


def appointed() -> CivilServant:
    servant, warnings = CivilServant.appoint_cpns(
        envelope(date(2015, 3, 1)), nip=NIP, name="Budi", birth_date=date(1990, 1, 1), birth_place="Bandung",
        gender=Gender.MALE, education_level=EducationLevel.S1, initial_rank=Rank.III_A,
        position_name="Analis", formation_year=2014, institution_id="A", institution_name="A",
        unit_id="U", unit_name="U",
    )
    assert warnings == []
    servant.appoint_pns(envelope(date(2016, 3, 1)), sttpl_number="STTPL", spmt_number=None)
    return servant


def promote(servant: CivilServant, rank: Rank, tmt: date, recorded: datetime | None = None) -> None:
    servant.promote_rank(
        envelope(tmt, recorded or datetime(2026, 1, 5, tzinfo=UTC)), new_rank=rank,
        promotion_type=PromotionType.REGULER, pertek_number=None, pertek_date=None,
        service_years=None, service_months=None, credit_score=None,
    )


def state(servant: CivilServant, **kwargs: Any) -> Any:
    known_at = kwargs.pop("known_at", None)
    return fold(effective_events(servant.events, known_at), **kwargs)


def test_promotion_triggers_rank_promoted_and_moves_the_rank() -> None:
    servant = appointed()
    promote(servant, Rank.III_B, date(2019, 4, 1))
    assert type(servant.pending_events[-1]).__name__ == "RankPromoted"
    assert state(servant).rank is Rank.III_B


def test_rank_skip_raises_and_triggers_nothing() -> None:
    servant = appointed()
    with pytest.raises(DomainError) as caught:
        promote(servant, Rank.III_C, date(2019, 4, 1))
    assert caught.value.code == "RANK_SKIP"
    assert servant.version == 2


def test_back_dated_promotion_that_would_skip_a_later_one_is_refused() -> None:
    servant = appointed()
    promote(servant, Rank.III_B, date(2019, 4, 1))
    with pytest.raises(DomainError) as caught:
        promote(servant, Rank.III_B, date(2018, 4, 1))
    assert caught.value.code == "RANK_SKIP"


def test_state_valid_at_a_date_uses_only_earlier_tmts() -> None:
    servant = appointed()
    promote(servant, Rank.III_B, date(2019, 4, 1))
    assert state(servant, valid_at=date(2019, 3, 31)).rank is Rank.III_A
    assert state(servant, valid_at=date(2019, 4, 1)).rank is Rank.III_B


def test_state_known_at_a_time_ignores_later_records() -> None:
    servant = appointed()
    promote(servant, Rank.III_B, date(2019, 4, 1), datetime(2026, 3, 1, tzinfo=UTC))
    assert state(servant, known_at=datetime(2026, 2, 1, tzinfo=UTC)).rank is Rank.III_A
    assert state(servant, known_at=datetime(2026, 3, 1, tzinfo=UTC)).rank is Rank.III_B


def test_correction_is_applied_only_from_its_known_time() -> None:
    servant = appointed()
    promote(servant, Rank.III_B, date(2019, 4, 1))
    servant.correct_event(envelope(date(2019, 4, 1), datetime(2026, 6, 1, tzinfo=UTC)), target_version=3,
                          changes={"tmt": "2019-10-01"}, reason="typo")
    assert state(servant).rank_tmt == date(2019, 10, 1)
    assert state(servant, known_at=datetime(2026, 5, 1, tzinfo=UTC)).rank_tmt == date(2019, 4, 1)


def test_nip_parts_are_decoded() -> None:
    nip = Nip.parse("198505052010012002")
    assert (nip.birth_date, nip.cpns_year, nip.cpns_month, nip.gender, nip.sequence) == (
        date(1985, 5, 5), 2010, 1, Gender.FEMALE, 2)


@pytest.mark.parametrize("bad", ["19900101201503100", "199001012015131001", "199002302015031001", "x" * 18])
def test_malformed_nip_is_refused(bad: str) -> None:
    with pytest.raises(DomainError) as caught:
        Nip.parse(bad)
    assert caught.value.code == "INVALID_NIP"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2022, 11, 15), 6) == date(2023, 5, 15)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2023, 4, 1), True), (date(2023, 6, 1), False), (date(2024, 6, 1), True),
    (date(2024, 7, 1), False), (date(2025, 11, 1), True), (date(2025, 11, 2), False),
])
def test_period_dates_follow_the_regime_in_force(day: date, expected: bool) -> None:
    assert is_period_date(day) is expected


def test_next_period_date_crosses_regimes() -> None:
    assert next_period_date(date(2023, 10, 2)) == date(2024, 2, 1)
    assert next_period_date(date(2025, 8, 2)) == date(2025, 10, 1)
