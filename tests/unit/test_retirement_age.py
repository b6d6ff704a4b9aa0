"""Retirement age (BUP) per position and the retirement TMT (domain.md §7.5)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.functional import errors
from domain.functional.errors import FunctionalError
from domain.functional.retirement import (
    BUP_TABLE_FROM,
    PositionBup,
    PositionRef,
    bup_age,
    retirement_for,
)
from domain.values import FunctionalLevel, PositionLevel

ON = date(2025, 1, 1)
F = PositionLevel.FUNGSIONAL


@pytest.mark.parametrize(
    ("position", "age"),
    [
        (PositionRef(PositionLevel.PELAKSANA), 58),
        (PositionRef(PositionLevel.PENGAWAS), 58),
        (PositionRef(PositionLevel.ADMINISTRATOR), 58),
        (PositionRef(PositionLevel.JPT_PRATAMA), 60),
        (PositionRef(PositionLevel.JPT_MADYA), 60),
        (PositionRef(PositionLevel.JPT_UTAMA), 60),
        (PositionRef(F, FunctionalLevel.AHLI_PERTAMA), 58),
        (PositionRef(F, FunctionalLevel.AHLI_MUDA), 58),
        (PositionRef(F, FunctionalLevel.AHLI_MADYA), 60),
        (PositionRef(F, FunctionalLevel.AHLI_UTAMA), 65),
        (PositionRef(F, FunctionalLevel.TERAMPIL), 58),
        (PositionRef(F, FunctionalLevel.PENYELIA), 58),
    ],
)
def test_bup_by_position_level_as_in_domain_md(position: PositionRef, age: int) -> None:
    bup = bup_age(position, ON)
    assert bup.age == age and bup.verify and "§7.5" in bup.source


def test_bup_date_is_the_birthday_and_the_tmt_the_first_of_the_next_month() -> None:
    result = retirement_for(date(1970, 5, 17), PositionRef(PositionLevel.PELAKSANA), ON)
    assert (result.age, result.reaches_bup_on, result.retirement_tmt) == (
        58, date(2028, 5, 17), date(2028, 6, 1),
    )  # fmt: skip
    assert result.verify  # the retirement-TMT rule is [VERIFY]


def test_a_december_birthday_retires_on_the_first_of_january() -> None:
    result = retirement_for(date(1966, 12, 31), PositionRef(PositionLevel.JPT_PRATAMA), ON)
    assert (result.reaches_bup_on, result.retirement_tmt) == (date(2026, 12, 31), date(2027, 1, 1))


def test_born_on_29_february_reaches_bup_in_february_in_common_and_leap_years() -> None:
    common = retirement_for(date(1968, 2, 29), PositionRef(PositionLevel.PELAKSANA), ON)
    assert (common.reaches_bup_on, common.retirement_tmt) == (date(2026, 2, 28), date(2026, 3, 1))
    leap = retirement_for(date(1964, 2, 29), PositionRef(PositionLevel.JPT_MADYA), ON)
    assert (leap.reaches_bup_on, leap.retirement_tmt) == (date(2024, 2, 29), date(2024, 3, 1))


def test_the_position_s_own_bup_overrides_the_table_within_its_validity() -> None:
    own = PositionBup("JF-PENGAWAS-SEKOLAH", 62, date(2020, 1, 1), date(2025, 12, 31),
                      "SIASN jabatanFungsional.usiaBup")  # fmt: skip
    position = PositionRef(F, FunctionalLevel.AHLI_MUDA, "JF-PENGAWAS-SEKOLAH")
    within = retirement_for(date(1965, 3, 3), position, ON, [own])
    assert (within.age, within.basis, within.reaches_bup_on) == (62, "JF-PENGAWAS-SEKOLAH",
                                                                 date(2027, 3, 3))  # fmt: skip
    after = bup_age(position, date(2026, 1, 1), [own])
    assert (after.age, after.basis) == (58, "MU")


def test_a_functional_position_without_its_level_has_no_bup() -> None:
    with pytest.raises(FunctionalError) as caught:
        bup_age(PositionRef(F), ON)
    assert caught.value.code == errors.NO_RETIREMENT_AGE


def test_no_bup_rule_before_the_table_came_into_force() -> None:
    assert bup_age(PositionRef(PositionLevel.PELAKSANA), BUP_TABLE_FROM).age == 58
    with pytest.raises(FunctionalError) as caught:
        bup_age(PositionRef(PositionLevel.PELAKSANA), date(2014, 1, 14))
    assert caught.value.code == errors.NO_RETIREMENT_AGE
