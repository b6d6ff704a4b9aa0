"""Annual credit from the SKP predikat by PermenPANRB 1/2023 (domain.md §7.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.functional import errors
from domain.functional.coefficients import PERMENPANRB_1_2023
from domain.functional.credit import (
    CreditEntry,
    CreditKind,
    annual_credit,
    credit_required,
    cumulative_credit,
    degree_bonus,
    level_step_credit,
    months_in_period,
    rank_step_credit,
    require_functional,
    surplus_after_step,
)
from domain.functional.errors import FunctionalError
from domain.values import FunctionalLevel, Predikat, Rank

L, P = FunctionalLevel, Predikat
YEAR = date(2024, 1, 1)


@pytest.mark.parametrize(
    ("predikat", "expected"),
    [(P.SANGAT_BAIK, "18.750"), (P.BAIK, "12.500"), (P.BUTUH_PERBAIKAN, "9.375"),
     (P.KURANG, "6.250"), (P.SANGAT_KURANG, "3.125")],
)  # fmt: skip
def test_a_full_year_earns_the_predikat_percentage_of_the_level_coefficient(
    predikat: Predikat, expected: str
) -> None:
    award = annual_credit(predikat, L.AHLI_PERTAMA, YEAR)
    assert award.amount == Decimal(expected)
    assert award.coefficient == Decimal("12.5") and award.regime_id == "AK-2023.1"
    assert award.explanation.startswith("12/12 x ")


@pytest.mark.parametrize(
    ("level", "expected"),
    [(L.AHLI_PERTAMA, "12.5"), (L.AHLI_MUDA, "25"), (L.AHLI_MADYA, "37.5"), (L.AHLI_UTAMA, "50"),
     (L.PEMULA, "3.75"), (L.TERAMPIL, "5"), (L.MAHIR, "12.5"), (L.PENYELIA, "25")],
)  # fmt: skip
def test_a_baik_year_earns_exactly_the_level_coefficient(
    level: FunctionalLevel, expected: str
) -> None:
    assert annual_credit(P.BAIK, level, YEAR).amount == Decimal(expected)


def test_a_partial_period_earns_by_month_and_a_half_thousandth_rounds_up() -> None:
    # 1/12 x 150% x 12.5 = 1.5625 exactly: stated as 1.563.
    assert annual_credit(P.SANGAT_BAIK, L.AHLI_PERTAMA, YEAR, months=1).amount == Decimal("1.563")
    # 5/12 x 100% x 12.5 = 5.2083...
    assert annual_credit(P.BAIK, L.AHLI_PERTAMA, YEAR, months=5).amount == Decimal("5.208")
    assert annual_credit(P.BAIK, L.AHLI_MUDA, YEAR, months=6).amount == Decimal("12.500")


def test_months_of_a_period_count_both_end_months_within_one_year() -> None:
    assert months_in_period(date(2024, 3, 1), date(2024, 12, 31)) == 10
    assert months_in_period(date(2024, 1, 1), date(2024, 12, 31)) == 12
    assert months_in_period(date(2024, 7, 15), date(2024, 7, 31)) == 1
    for start, end in (
        (date(2024, 3, 1), date(2024, 2, 1)),
        (date(2023, 12, 1), date(2024, 1, 31)),
    ):
        with pytest.raises(FunctionalError) as caught:
            months_in_period(start, end)
        assert caught.value.code == errors.INVALID_CREDIT_PERIOD


@pytest.mark.parametrize("months", [0, 13, -1])
def test_months_outside_one_to_twelve_are_rejected(months: int) -> None:
    with pytest.raises(FunctionalError) as caught:
        annual_credit(P.BAIK, L.AHLI_PERTAMA, YEAR, months=months)
    assert caught.value.code == errors.INVALID_CREDIT_PERIOD


def test_credit_before_permenpanrb_1_2023_has_no_regime_and_is_rejected() -> None:
    assert annual_credit(P.BAIK, L.AHLI_PERTAMA, date(2023, 1, 1)).amount == Decimal("12.500")
    with pytest.raises(FunctionalError) as caught:
        annual_credit(P.BAIK, L.AHLI_PERTAMA, date(2022, 12, 31))
    assert caught.value.code == errors.NO_CREDIT_REGIME


def test_a_credit_score_for_a_servant_without_a_functional_level_is_rejected() -> None:
    assert require_functional(L.AHLI_MUDA) is L.AHLI_MUDA
    with pytest.raises(FunctionalError) as caught:
        require_functional(None)
    assert caught.value.code == errors.NOT_FUNCTIONAL == "CREDIT_FOR_NON_FUNCTIONAL_SERVANT"


@pytest.mark.parametrize(
    ("level", "rank", "expected"),
    [(L.AHLI_PERTAMA, Rank.III_A, 50), (L.AHLI_PERTAMA, Rank.III_B, 50),
     (L.AHLI_MUDA, Rank.III_C, 100), (L.AHLI_MUDA, Rank.III_D, 100),
     (L.AHLI_MADYA, Rank.IV_A, 150), (L.AHLI_MADYA, Rank.IV_C, 150), (L.AHLI_UTAMA, Rank.IV_D, 200),
     (L.PEMULA, Rank.II_A, 15), (L.TERAMPIL, Rank.II_B, 20), (L.TERAMPIL, Rank.II_D, 20),
     (L.MAHIR, Rank.III_A, 50), (L.PENYELIA, Rank.III_C, 100),
     (L.PENYELIA, Rank.III_D, None), (L.AHLI_UTAMA, Rank.IV_E, None)],
)  # fmt: skip
def test_credit_for_the_next_rank_by_track_and_rank(
    level: FunctionalLevel, rank: Rank, expected: int | None
) -> None:
    assert rank_step_credit(level, rank, YEAR) == expected


def test_credit_for_the_next_level_and_the_combined_requirement() -> None:
    assert [level_step_credit(level, YEAR) for level in (L.AHLI_PERTAMA, L.AHLI_MUDA, L.AHLI_MADYA)] == [
        100, 200, 450,
    ]  # fmt: skip
    assert level_step_credit(L.AHLI_UTAMA, YEAR) is None
    assert level_step_credit(L.TERAMPIL, YEAR) is None  # skilled level steps are not tabled
    need = credit_required(L.AHLI_MUDA, Rank.III_C, YEAR)
    assert (need.next_rank, need.for_next_rank) == (Rank.III_D, 100)
    assert (need.next_level, need.for_next_level) == (L.AHLI_MADYA, 200)
    assert need.missing_for_next_rank(Decimal("62.5")) == Decimal("37.5")
    assert need.missing_for_next_level(Decimal("62.5")) == Decimal("137.5")
    assert need.missing_for_next_rank(Decimal("120")) == Decimal(0)
    top = credit_required(L.AHLI_UTAMA, Rank.IV_E, YEAR)
    assert top.next_rank is None and top.missing_for_next_rank(Decimal(0)) is None


def test_surplus_carries_forward_within_the_same_level_only() -> None:
    assert surplus_after_step(Decimal("62.5"), 50, L.AHLI_PERTAMA, L.AHLI_PERTAMA) == Decimal(
        "12.5"
    )
    assert surplus_after_step(Decimal("50"), 50, L.AHLI_PERTAMA, L.AHLI_PERTAMA) == Decimal(0)
    assert surplus_after_step(Decimal("40"), 50, L.AHLI_PERTAMA, L.AHLI_PERTAMA) == Decimal(0)
    assert surplus_after_step(Decimal("262.5"), 200, L.AHLI_MUDA, L.AHLI_MADYA) == Decimal(0)


def test_higher_degree_adds_a_quarter_of_akk_once() -> None:
    assert degree_bonus(50, YEAR, already_granted=False) == Decimal("12.500")
    assert degree_bonus(100, YEAR, already_granted=False) == Decimal("25.000")
    assert degree_bonus(50, YEAR, already_granted=True) == Decimal(0)
    assert PERMENPANRB_1_2023.degree_bonus_percent == 25


def test_cumulative_credit_sums_stated_values_and_rejects_a_negative_entry() -> None:
    entries = [
        CreditEntry("pak-2023", Decimal("12.500"), CreditKind.ANNUAL),
        CreditEntry("pak-2024", Decimal("1.563"), CreditKind.ANNUAL),
        CreditEntry("carry", Decimal("2.5"), CreditKind.CARRIED_OVER),
    ]
    assert cumulative_credit(entries) == Decimal("16.563")
    with pytest.raises(FunctionalError) as caught:
        cumulative_credit([CreditEntry("bad", Decimal("-1"), CreditKind.DETERMINED)])
    assert caught.value.code == errors.NEGATIVE_CREDIT


def test_regime_data_keeps_its_source_and_verify_note() -> None:
    assert "PermenPANRB 1/2023" in PERMENPANRB_1_2023.source
    assert "skilled" in PERMENPANRB_1_2023.verify_note
