"""Position competency standards as versioned data: validation and the standard in force."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.competence import errors
from domain.competence.dictionary import NATIONAL_DICTIONARY, build_dictionary, technical
from domain.competence.errors import CompetenceError
from domain.competence.standards import (
    TYPICAL_LEVELS_VERIFY,
    LegalBasis,
    PositionRequirements,
    PositionStandard,
    check_no_conflict,
    standard_in_force,
    typical_managerial_levels,
    validate_standard,
)
from domain.values import EducationLevel, Rank

POSITION = "ANALIS-KEBIJAKAN-AHLI-MUDA"
FIRST = PositionStandard(
    standard_id="std-1",
    position=POSITION,
    valid_from=date(2020, 1, 1),
    valid_to=None,
    legal_basis=LegalBasis("800/12/2019", date(2019, 12, 20), "Wali Kota Surakarta"),
    required=(("INTEGRITAS", 3), ("KERJA_SAMA", 2), ("PEREKAT_BANGSA", 2)),
    requirements=PositionRequirements(
        min_rank=Rank.III_C,
        min_education=EducationLevel.S1,
        trainings=frozenset({"PKP"}),
        min_experience_months=24,
    ),
)
REVISED = replace(
    FIRST,
    standard_id="std-2",
    valid_from=date(2024, 7, 1),
    legal_basis=LegalBasis("800/7/2024", date(2024, 6, 15), "Wali Kota Surakarta"),
    required=(("INTEGRITAS", 4), ("KERJA_SAMA", 3), ("PEREKAT_BANGSA", 3)),
)
OTHER_POSITION = replace(FIRST, standard_id="std-x", position="PRANATA-KOMPUTER")


def test_standard_in_force_is_chosen_by_date_and_a_revision_supersedes_from_its_start() -> None:
    standards = [FIRST, REVISED, OTHER_POSITION]
    assert standard_in_force(standards, POSITION, date(2024, 6, 30)) is FIRST
    assert standard_in_force(standards, POSITION, date(2024, 7, 1)) is REVISED
    assert standard_in_force(standards, POSITION, date(2019, 12, 31)) is None
    assert standard_in_force(standards, "PRANATA-KOMPUTER", date(2025, 1, 1)) is OTHER_POSITION


def test_a_standard_with_an_end_date_is_no_longer_in_force_the_day_after() -> None:
    ended = replace(FIRST, valid_to=date(2022, 12, 31))
    assert standard_in_force([ended], POSITION, date(2022, 12, 31)) is ended
    assert standard_in_force([ended], POSITION, date(2023, 1, 1)) is None


def test_valid_standard_is_accepted_including_agency_technical_competencies() -> None:
    dictionary = build_dictionary([technical("ANALISIS_KEBIJAKAN", "Analisis", "PEMKOT", "SK 5")])
    with_technical = replace(FIRST, required=(*FIRST.required, ("ANALISIS_KEBIJAKAN", 3)))
    assert validate_standard(with_technical, dictionary) is with_technical
    assert FIRST.required_levels["INTEGRITAS"] == 3


@pytest.mark.parametrize(
    ("required", "code"),
    [
        ((("INTEGRITAS", 6),), errors.LEVEL_OUT_OF_RANGE),
        ((("INTEGRITAS", 0),), errors.LEVEL_OUT_OF_RANGE),
        ((("ANALISIS_KEBIJAKAN", 3),), errors.UNKNOWN_COMPETENCY),
        ((), errors.EMPTY_STANDARD),
    ],
)
def test_invalid_standard_is_rejected(required: tuple[tuple[str, int], ...], code: str) -> None:
    with pytest.raises(CompetenceError) as caught:
        validate_standard(replace(FIRST, required=required), NATIONAL_DICTIONARY)
    assert caught.value.code == code


def test_standard_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(CompetenceError) as caught:
        validate_standard(replace(FIRST, valid_to=date(2019, 12, 31)), NATIONAL_DICTIONARY)
    assert caught.value.code == errors.INVALID_VALIDITY


def test_second_standard_for_the_same_position_and_start_day_is_rejected() -> None:
    assert check_no_conflict([FIRST], REVISED) is REVISED
    assert check_no_conflict([FIRST], replace(OTHER_POSITION, valid_from=FIRST.valid_from))
    with pytest.raises(CompetenceError) as caught:
        check_no_conflict([FIRST], replace(REVISED, valid_from=FIRST.valid_from))
    assert caught.value.code == errors.OVERLAPPING_STANDARD


def test_typical_levels_are_marked_verify_and_follow_domain_md() -> None:
    assert TYPICAL_LEVELS_VERIFY is True
    assert set(typical_managerial_levels("ADMINISTRATOR")) == {
        (code, 3) for code, _ in typical_managerial_levels("JPT_PRATAMA")
    }
    assert {level for _, level in typical_managerial_levels("UT")} == {4}
    assert len(typical_managerial_levels("PT")) == 8
