"""An agency's technical dictionary stream, and the assessment rule that reads what admission
settled from it (domain.competence.agency_dictionary, rules COMPETENCY-LEVELS)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.competence.agency_dictionary import (
    AgencyDictionaryStream,
    agency_of,
    dictionary_recorded,
    in_force,
    relied_on,
)
from domain.competence.assessment import AssessmentMethod, CompetencyAssessment, validate_assessment
from domain.errors import DomainError
from tests.unit.given import envelope

CODE = "KEMENKEU.ANALISIS_ANGGARAN"


def opened(valid_to: date | None = None) -> AgencyDictionaryStream:
    stream, _ = AgencyDictionaryStream.define_first(
        "KEMENKEU", envelope(date(2020, 1, 1)), "ANALISIS_ANGGARAN", "Analisis Anggaran",
        valid_to)
    return stream


def test_a_definition_is_namespaced_by_its_agency_and_in_force_from_its_tmt() -> None:
    (found,) = opened().definitions
    assert (found.definition_id, found.code, found.valid_from) == (
        "KEMENKEU:1", CODE, date(2020, 1, 1))
    assert agency_of(CODE) == "KEMENKEU" and agency_of("INTEGRITAS") is None
    assert in_force(opened().definitions, date(2019, 12, 31)) == {}


def test_an_overlapping_second_definition_is_refused_and_a_later_one_after_withdrawal_joins(
        ) -> None:
    stream = opened()
    with pytest.raises(DomainError) as refused:
        stream.define(envelope(date(2021, 1, 1)), "ANALISIS_ANGGARAN", "Again", None)
    assert refused.value.code == "COMPETENCY_DEFINED_TWICE"
    stream.withdraw(envelope(date(2021, 12, 31)), 1)
    stream.define(envelope(date(2022, 1, 1)), "ANALISIS_ANGGARAN", "Revised", None)
    assert in_force(stream.definitions, date(2022, 6, 1))[CODE].definition_id == "KEMENKEU:3"
    assert in_force(stream.definitions, date(2021, 6, 1))[CODE].definition_id == "KEMENKEU:1"


@pytest.mark.parametrize(("code", "name", "error"), [
    ("lower", "x", "INVALID_VALUE"), ("A.B", "x", "INVALID_VALUE"), ("OK_CODE", " ", "MISSING_FIELD"),
])
def test_a_bad_definition_is_refused(code: str, name: str, error: str) -> None:
    with pytest.raises(DomainError) as refused:
        AgencyDictionaryStream.define_first("KEMENKEU", envelope(date(2020, 1, 1)), code, name,
                                            None)
    assert refused.value.code == error


def test_an_assessment_passes_only_with_the_definitions_admission_settled() -> None:
    assessment = CompetencyAssessment("1", date(2021, 3, 1), AssessmentMethod.UJI_KOMPETENSI,
                                      "BKN", ((CODE, 3),))
    settled = relied_on(in_force(opened().definitions, date(2021, 3, 1)))
    assert settled == f"{CODE}=KEMENKEU:1"
    validate_assessment(assessment, dictionary_recorded(settled))
    with pytest.raises(DomainError) as refused:
        validate_assessment(replace(assessment, levels=(("KEMENKES.GIZI", 3),)),
                            dictionary_recorded(settled))
    assert refused.value.code == "COMPETENCY_NOT_IN_DICTIONARY"
