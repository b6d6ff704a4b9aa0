"""Agency technical competencies over HTTP on both stores: defined by SK in the agency's own
stream, usable in standards and assessments only while defined; anything else is refused
with COMPETENCY_NOT_IN_DICTIONARY and writes nothing."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.e2e.test_competence_api import (
    PROFILE,
    SET_STANDARD,
    assessment_input,
    rejects,
    set_standard,
    standard_input,
)
from tests.support import LiveServer, errors_of

DEFINE = ("mutation($input: DefineTechnicalCompetencyInput!) { defineTechnicalCompetency("
          "input: $input) { eventId positionId type version } }")
WITHDRAW = ("mutation($input: WithdrawTechnicalCompetencyInput!) { withdrawTechnicalCompetency("
            "input: $input) { eventId type } }")
LIST = """query($asOf: Date) { technicalCompetencies(agencyId: "KEMENKEU", asOf: $asOf) {
  definitionEventId code name validFrom validTo skNumber } }"""
ASSESS = ("mutation($input: RecordCompetencyAssessmentInput!) { recordCompetencyAssessment("
          "input: $input) { eventId } }")
BUDGET = "KEMENKEU.ANALISIS_ANGGARAN"


def define(api: LiveServer, **changes: Any) -> dict[str, Any]:
    body = api.gql(DEFINE, {"input": {
        "agencyId": "KEMENKEU", "code": "ANALISIS_ANGGARAN", "name": "Analisis Anggaran",
        "tmt": "2020-01-01", "legalBasis": legal("2019-12-01", "KEP-TEK/2019"), **changes}})
    assert not body.get("errors"), body
    found: dict[str, Any] = body["data"]["defineTechnicalCompetency"]
    return found


def test_a_defined_technical_competency_is_listed_and_ends_when_withdrawn(
        api: LiveServer) -> None:
    first = define(api)
    assert (first["eventId"], first["type"]) == ("KEMENKEU:1", "TechnicalCompetencyDefined")
    withdrawn = api.gql(WITHDRAW, {"input": {
        "agencyId": "KEMENKEU", "definitionEventId": "KEMENKEU:1", "tmt": "2023-12-31",
        "legalBasis": legal("2023-12-01")}})
    assert withdrawn["data"]["withdrawTechnicalCompetency"]["type"] == (
        "TechnicalCompetencyWithdrawn"), withdrawn
    listed = api.gql(LIST, {"asOf": None})["data"]["technicalCompetencies"]
    assert listed == [{"definitionEventId": "KEMENKEU:1", "code": BUDGET,
                       "name": "Analisis Anggaran", "validFrom": "2020-01-01",
                       "validTo": "2023-12-31", "skNumber": "KEP-TEK/2019"}]
    assert api.gql(LIST, {"asOf": "2024-06-01"})["data"]["technicalCompetencies"] == []


def test_a_second_overlapping_definition_and_a_bad_code_are_refused(api: LiveServer) -> None:
    define(api)
    head = api.log_head()
    again = api.gql(DEFINE, {"input": {
        "agencyId": "KEMENKEU", "code": "ANALISIS_ANGGARAN", "name": "Lagi",
        "tmt": "2021-01-01", "legalBasis": legal("2020-12-01")}})
    assert "COMPETENCY_DEFINED_TWICE" in errors_of(again)
    bad = api.gql(DEFINE, {"input": {
        "agencyId": "KEMENKEU", "code": "analisis", "name": "x", "tmt": "2021-01-01",
        "legalBasis": legal("2020-12-01")}})
    assert "INVALID_VALUE" in errors_of(bad)
    assert api.log_head() == head


def test_a_standard_and_an_assessment_may_name_a_technical_competency_once_defined(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    technical_standard = standard_input(required={"INTEGRITAS": 3, BUDGET: 3})
    rejects(api, SET_STANDARD, technical_standard, "COMPETENCY_NOT_IN_DICTIONARY")
    levels = {"INTEGRITAS": 3, BUDGET: 2}
    rejects(api, ASSESS, assessment_input(levels=levels), "COMPETENCY_NOT_IN_DICTIONARY")
    define(api)
    set_standard(api, technical_standard)
    assessed = career.ok("recordCompetencyAssessment", assessment_input(levels=levels))
    body = api.gql(PROFILE, {"nip": NIP, "asOf": "2021-06-01"})
    gaps = {g["competency"]: g for g in body["data"]["competencyProfile"]["gaps"]}
    assert gaps[BUDGET]["gap"] == 1 and gaps[BUDGET]["assessmentEventId"] == assessed["eventId"]
    needs = body["data"]["competencyProfile"]["needs"]
    assert [n["addresses"] for n in needs if n["source"] == "COMPETENCY_GAP"] == [BUDGET]


def test_an_assessment_after_the_definition_ended_is_refused(api: LiveServer) -> None:
    Career(api).appoint_pns().ok("assignPosition")
    define(api, validTo="2020-12-31")
    rejects(api, ASSESS, assessment_input(levels={BUDGET: 3}), "COMPETENCY_NOT_IN_DICTIONARY")
    other_agency = assessment_input(levels={"KEMENKES.GIZI": 3})
    rejects(api, ASSESS, other_agency, "COMPETENCY_NOT_IN_DICTIONARY")
