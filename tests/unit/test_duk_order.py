"""The DUK order (PP 15/1979): each criterion decides only when all those before it tie."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.learning import LeadershipProgram, TrainingKind
from domain.positions import PositionKind, PositionLevel
from domain.promotion import EducationFact, PositionFact, PromotionFacts, TrainingFact
from domain.ranks import Rank
from domain.values import EducationLevel, ServantStatus
from service.exports.duk import birth_date_of, months_between, seniority_key

NIP_OLDER = "197001012000031001"
NIP_YOUNGER = "198001012000031001"


def servant(**changes: object) -> PromotionFacts:
    facts = PromotionFacts(
        nip=NIP_OLDER, status=ServantStatus.PNS, status_event_id="x:1",
        cpns_tmt=date(2000, 3, 1), rank=Rank.III_C, rank_tmt=date(2020, 4, 1),
        rank_event_id="x:2",
        position=PositionFact(PositionLevel.PELAKSANA, PositionKind.STRUKTURAL, None,
                              date(2010, 1, 1), None, "x:3"),
        education=(EducationFact(EducationLevel.S1, date(1999, 8, 1), "x:1"),),
        trainings=(TrainingFact(date(2015, 5, 1), 40, TrainingKind.TEKNIS, None, "x:4"),),
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def first_of(senior: PromotionFacts, junior: PromotionFacts,
             nips: tuple[str, str] = (NIP_YOUNGER, NIP_YOUNGER)) -> bool:
    return seniority_key(senior, nips[0]) < seniority_key(junior, nips[1])


def pkp(hours: int = 100) -> tuple[TrainingFact, ...]:
    return (TrainingFact(date(2016, 1, 1), hours, TrainingKind.STRUKTURAL, LeadershipProgram.PKP,
                         "x:5"),)


@pytest.mark.parametrize(("senior", "junior", "why"), [
    (servant(rank=Rank.III_D), servant(rank_tmt=date(2000, 4, 1)), "higher rank beats earlier TMT"),
    (servant(rank_tmt=date(2019, 10, 1)), servant(position=replace(
        servant().position, level=PositionLevel.ADMINISTRATOR)), "earlier rank TMT beats position"),
    (servant(position=replace(servant().position, level=PositionLevel.PENGAWAS)),
     servant(cpns_tmt=date(1990, 3, 1)), "higher position beats service years"),
    (servant(cpns_tmt=date(1999, 3, 1)), servant(trainings=pkp()), "service years beat training"),
    (servant(trainings=pkp(10)), servant(trainings=(TrainingFact(
        date(2016, 1, 1), 900, TrainingKind.TEKNIS, None, "x:6"),)),
     "a leadership programme beats more hours"),
    (servant(trainings=pkp(200)), servant(trainings=pkp(100)), "then more training hours"),
    (servant(education=(EducationFact(EducationLevel.S2, date(2010, 1, 1), "x:7"),)),
     servant(), "higher education first"),
])
def test_each_duk_criterion_decides_before_the_later_ones(
        senior: PromotionFacts, junior: PromotionFacts, why: str) -> None:
    assert first_of(senior, junior), why
    assert not first_of(junior, senior), why


def test_an_earlier_ijazah_of_the_same_level_comes_first() -> None:
    earlier = servant(education=(EducationFact(EducationLevel.S1, date(1995, 1, 1), "x:8"),))
    assert first_of(earlier, servant())


def test_age_decides_last_and_the_nip_makes_the_order_total() -> None:
    assert first_of(servant(), servant(), (NIP_OLDER, NIP_YOUNGER))
    assert not first_of(servant(), servant(), (NIP_YOUNGER, NIP_OLDER))
    assert seniority_key(servant(), NIP_OLDER) != seniority_key(servant(), NIP_OLDER[:-1] + "2")


def test_birth_date_comes_from_the_nip_and_months_count_whole_months() -> None:
    assert birth_date_of("198203152008031001") == date(1982, 3, 15)
    assert months_between(date(2000, 3, 15), date(2001, 3, 14)) == 11
    assert months_between(date(2000, 3, 15), date(2001, 3, 15)) == 12
    assert months_between(date(2001, 1, 1), date(2000, 1, 1)) == 0
