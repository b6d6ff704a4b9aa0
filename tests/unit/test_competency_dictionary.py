"""The competency dictionary of PermenPANRB 38/2017 and agency technical competencies."""

from __future__ import annotations

import pytest

from domain.competence import errors
from domain.competence.dictionary import (
    MANAGERIAL,
    NATIONAL_DICTIONARY,
    SOCIO_CULTURAL,
    Competency,
    CompetencyKind,
    build_dictionary,
    check_level,
    check_levels,
    technical,
)
from domain.competence.errors import CompetenceError
from domain.errors import DomainError

AUDIT = technical("AUDIT_KINERJA", "Audit Kinerja", "INSPEKTORAT-SKA", "SK Inspektur 12/2024")


def test_national_dictionary_has_eight_managerial_and_one_socio_cultural_competency() -> None:
    assert len(MANAGERIAL) == 8
    assert [c.code for c in SOCIO_CULTURAL] == ["PEREKAT_BANGSA"]
    assert {c.kind for c in MANAGERIAL} == {CompetencyKind.MANAGERIAL}
    assert "INTEGRITAS" in NATIONAL_DICTIONARY and "PENGAMBILAN_KEPUTUSAN" in NATIONAL_DICTIONARY
    assert all("PermenPANRB 38/2017" in c.source for c in MANAGERIAL + SOCIO_CULTURAL)


def test_agency_technical_competency_extends_the_dictionary_with_its_source() -> None:
    dictionary = build_dictionary([AUDIT])
    found = dictionary.lookup("AUDIT_KINERJA")
    assert found.kind is CompetencyKind.TECHNICAL and found.source == "SK Inspektur 12/2024"
    assert dictionary.of_kind(CompetencyKind.TECHNICAL) == (AUDIT,)
    assert "AUDIT_KINERJA" not in NATIONAL_DICTIONARY


def test_competency_not_in_the_dictionary_is_rejected_with_a_stable_code() -> None:
    with pytest.raises(CompetenceError) as caught:
        NATIONAL_DICTIONARY.lookup("KEPEMIMPINAN")
    assert caught.value.code == errors.UNKNOWN_COMPETENCY == "COMPETENCY_NOT_IN_DICTIONARY"
    assert isinstance(caught.value, DomainError) and caught.value.field == "competency"


def test_agency_cannot_redefine_a_national_competency_or_add_a_non_technical_one() -> None:
    with pytest.raises(CompetenceError) as twice:
        build_dictionary([technical("INTEGRITAS", "Integritas", "X", "SK 1")])
    assert twice.value.code == errors.DUPLICATE_COMPETENCY
    managerial = Competency("KEPEMIMPINAN", "Kepemimpinan", CompetencyKind.MANAGERIAL, "SK 2")
    with pytest.raises(CompetenceError) as kind:
        build_dictionary([managerial])  # type: ignore[list-item]
    assert kind.value.code == errors.NOT_TECHNICAL


@pytest.mark.parametrize("level", [1, 5])
def test_levels_one_and_five_are_accepted(level: int) -> None:
    assert check_level(level) == level


@pytest.mark.parametrize("level", [0, 6, -1, True])
def test_level_outside_one_to_five_is_rejected(level: int) -> None:
    with pytest.raises(CompetenceError) as caught:
        check_level(level)
    assert caught.value.code == errors.LEVEL_OUT_OF_RANGE == "COMPETENCY_LEVEL_OUT_OF_RANGE"


def test_check_levels_rejects_a_competency_given_twice_and_an_unknown_one() -> None:
    assert check_levels([("INTEGRITAS", 3)], NATIONAL_DICTIONARY) == (("INTEGRITAS", 3),)
    with pytest.raises(CompetenceError) as twice:
        check_levels([("INTEGRITAS", 3), ("INTEGRITAS", 4)], NATIONAL_DICTIONARY)
    assert twice.value.code == errors.DUPLICATE_COMPETENCY
    with pytest.raises(CompetenceError) as unknown:
        check_levels([("AUDIT_KINERJA", 3)], NATIONAL_DICTIONARY)
    assert unknown.value.code == errors.UNKNOWN_COMPETENCY
