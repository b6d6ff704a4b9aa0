"""Competence over HTTP on both stores: position standards in their own stream, competency
assessments and training evaluations on the servant's, and the reads that join the two.
Bad input gets its code and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.career import NIP, Career, default_input, legal
from tests.support import LiveServer, errors_of

POSITION = "JF-ASDM"  # the functional position the default assignment gives
SET_STANDARD = ("mutation($input: SetPositionStandardInput!) { setPositionStandard(input: $input)"
                " { eventId positionId type version position replayed warnings { code } } }")
RETIRE_STANDARD = ("mutation($input: RetirePositionStandardInput!) { retirePositionStandard("
                   "input: $input) { eventId type version } }")
PROFILE = """query($nip: String!, $asOf: Date) { competencyProfile(nip: $nip, asOf: $asOf) {
  standard { standardEventId validFrom required { competency level } trainings }
  gaps { competency required attained gap assessmentEventId }
  jpmPercent jpmCategory thresholdsId evidence
  assessments { eventId method levels { competency level } }
  needs { needId source addresses dueYear openedBy targetLevel status closure closedBy } } }"""
PLAN = """query($nip: String!, $year: Int!) { developmentPlan(nip: $nip, year: $year) {
  jpDone jpTarget belowJpTarget due { needId status } overdue { needId } trainings evaluated } }"""


def standard_input(**changes: Any) -> dict[str, Any]:
    return {"positionId": POSITION, "tmt": "2020-01-01", "legalBasis": legal("2019-12-01"),
            "required": {"INTEGRITAS": 3, "KERJA_SAMA": 3}, "trainings": "PKP", **changes}


def assessment_input(**changes: Any) -> dict[str, Any]:
    return {"nip": NIP, "tmt": "2021-03-01", "legalBasis": legal("2021-03-05"),
            "levels": {"INTEGRITAS": 3, "KERJA_SAMA": 2}, "method": "UJI_KOMPETENSI",
            "assessorBody": "BKN Assessment Centre", **changes}


def training_input(**changes: Any) -> dict[str, Any]:
    return {**default_input("recordTraining"), "tmt": "2021-06-30",
            "legalBasis": legal("2021-07-01"), "kind": "TEKNIS", "program": None,
            "name": "Teamwork", "startDate": "2021-06-01", "endDate": "2021-06-30",
            "hours": 24, "addresses": "KERJA_SAMA", **changes}


def evaluation_input(training_event_id: str, **changes: Any) -> dict[str, Any]:
    return {"nip": NIP, "tmt": "2021-09-30", "legalBasis": legal("2021-10-01"),
            "trainingEventId": training_event_id, "evaluator": "Kepala Biro SDM",
            "reaction": 85, "learning": 78, "behaviour": 70, **changes}


def set_standard(api: LiveServer, values: dict[str, Any]) -> dict[str, Any]:
    body = api.gql(SET_STANDARD, {"input": values})
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["setPositionStandard"]
    return result


def rejects(api: LiveServer, query: str, values: dict[str, Any], code: str) -> None:
    head = api.log_head()
    body = api.gql(query, {"input": values})
    assert code in errors_of(body), body
    assert api.log_head() == head, "a rejected mutation wrote to the log"


def assigned(api: LiveServer) -> Career:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    return career


def profile(api: LiveServer, as_of: str) -> dict[str, Any]:
    body = api.gql(PROFILE, {"nip": NIP, "asOf": as_of})
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["competencyProfile"]
    return result


def test_a_standard_opens_its_own_stream_and_a_revision_follows_it(api: LiveServer) -> None:
    first = set_standard(api, standard_input())
    assert (first["eventId"], first["type"], first["version"]) == (
        f"{POSITION}:1", "PositionStandardSet", 1)
    revised = set_standard(api, standard_input(tmt="2023-01-01", legalBasis=legal("2022-12-01"),
                                               required={"INTEGRITAS": 4}))
    assert (revised["type"], revised["version"]) == ("PositionStandardRevised", 2)
    retired = api.gql(RETIRE_STANDARD, {"input": {
        "positionId": POSITION, "standardEventId": f"{POSITION}:2", "tmt": "2024-12-31",
        "legalBasis": legal("2024-12-01")}})
    assert retired["data"]["retirePositionStandard"]["type"] == "PositionStandardRetired", retired
    body = api.gql('{ positionStandards(positionId: "JF-ASDM") { standardEventId validFrom '
                   'validTo skNumber required { competency level } } }')
    standards = body["data"]["positionStandards"]
    assert [(s["standardEventId"], s["validFrom"], s["validTo"]) for s in standards] == [
        (f"{POSITION}:1", "2020-01-01", None), (f"{POSITION}:2", "2023-01-01", "2024-12-31")]


def test_a_standard_is_idempotent_under_its_key(api: LiveServer) -> None:
    first = set_standard(api, standard_input(idempotencyKey="std-1"))
    again = set_standard(api, standard_input(idempotencyKey="std-1"))
    assert again["replayed"] and again["eventId"] == first["eventId"]


@pytest.mark.parametrize(("change", "code"), [
    ({"required": {"INTEGRITAS": 6}}, "COMPETENCY_LEVEL_OUT_OF_RANGE"),
    ({"required": {"MEMASAK": 3}}, "COMPETENCY_NOT_IN_DICTIONARY"),
    ({"required": {}}, "STANDARD_WITHOUT_COMPETENCIES"),
    ({"required": [3]}, "INVALID_VALUE"),
    ({"validTo": "2019-01-01"}, "INVALID_VALIDITY_PERIOD"),
    ({"legalBasis": legal("2099-01-01")}, "SK_DATE_IN_FUTURE"),
    ({"positionId": " "}, "INVALID_VALUE"),
], ids=["level-6", "not-in-dictionary", "empty", "not-an-object", "ends-before-start",
        "sk-in-future", "no-position"])
def test_a_bad_standard_is_refused_and_writes_nothing(
    api: LiveServer, change: dict[str, Any], code: str
) -> None:
    rejects(api, SET_STANDARD, standard_input(**change), code)


def test_a_second_standard_starting_the_same_day_is_refused(api: LiveServer) -> None:
    set_standard(api, standard_input())
    rejects(api, SET_STANDARD, standard_input(required={"INTEGRITAS": 2}),
            "STANDARD_OVERLAPS_EXISTING")
    rejects(api, RETIRE_STANDARD, {"positionId": "JF-OTHER", "standardEventId": "JF-OTHER:1",
                                   "tmt": "2021-01-01", "legalBasis": legal("2020-12-01")},
            "STANDARD_NOT_FOUND")


def test_a_viewer_may_not_set_a_standard(api: LiveServer) -> None:
    body = api.gql(SET_STANDARD, {"input": standard_input()}, token=api.token("viewer"))
    assert "FORBIDDEN" in errors_of(body)


@pytest.mark.parametrize(("change", "code"), [
    ({"levels": {"INTEGRITAS": 0}}, "COMPETENCY_LEVEL_OUT_OF_RANGE"),
    ({"levels": {"MEMASAK": 3}}, "COMPETENCY_NOT_IN_DICTIONARY"),
    ({"levels": {}}, "ASSESSMENT_WITHOUT_LEVELS"),
    ({"assessorBody": ""}, "MISSING_FIELD"),
], ids=["level-0", "not-in-dictionary", "no-levels", "no-assessor"])
def test_a_bad_assessment_is_refused_and_writes_nothing(
    api: LiveServer, change: dict[str, Any], code: str
) -> None:
    career = assigned(api)
    career.rejects("recordCompetencyAssessment", assessment_input(**change), code)


def test_an_evaluation_of_a_training_that_does_not_exist_is_refused(api: LiveServer) -> None:
    career = assigned(api)
    career.rejects("evaluateTraining", evaluation_input(f"{NIP}:2"), "TRAINING_NOT_FOUND")
    career.rejects("evaluateTraining", evaluation_input(f"{NIP}:40"), "TRAINING_NOT_FOUND")
    career.rejects("evaluateTraining", evaluation_input("199202022016021001:1"), "INVALID_TARGET")
    trained = career.ok("recordTraining", training_input())["eventId"]
    career.rejects("evaluateTraining", evaluation_input(trained, reaction=101),
                   "EVALUATION_SCORE_OUT_OF_RANGE")
    career.rejects("evaluateTraining", evaluation_input(trained, tmt="2021-06-01"),
                   "EVALUATION_BEFORE_TRAINING_END")


def test_a_gap_opened_by_an_assessment_closes_by_an_evaluated_training_that_addresses_it(
    api: LiveServer,
) -> None:
    career = assigned(api)
    set_standard(api, standard_input())
    assessed = career.ok("recordCompetencyAssessment", assessment_input())["eventId"]

    before = profile(api, "2021-03-31")
    assert before["standard"]["standardEventId"] == f"{POSITION}:1"
    assert [(g["competency"], g["required"], g["attained"], g["gap"], g["assessmentEventId"])
            for g in before["gaps"]] == [("INTEGRITAS", 3, 3, 0, assessed),
                                         ("KERJA_SAMA", 3, 2, 1, assessed)]
    assert (before["jpmPercent"], before["jpmCategory"]) == ("83.33", "MS")
    assert before["evidence"] == [f"{POSITION}:1", assessed]
    [need] = before["needs"]
    assert (need["source"], need["addresses"], need["dueYear"], need["openedBy"],
            need["targetLevel"], need["status"]) == ("COMPETENCY_GAP", "KERJA_SAMA", 2022,
                                                     assessed, 3, "OPEN")

    trained = career.ok("recordTraining", training_input())["eventId"]
    assert profile(api, "2021-07-31")["needs"][0]["status"] == "OPEN", "not yet evaluated"
    evaluated = career.ok("evaluateTraining", evaluation_input(trained))["eventId"]

    [after] = profile(api, "2021-12-31")["needs"]
    assert (after["needId"], after["status"], after["closure"], after["closedBy"]) == (
        need["needId"], "CLOSED", "TRAINING_EVALUATED", [trained, evaluated])

    plan = api.gql(PLAN, {"nip": NIP, "year": 2022})["data"]["developmentPlan"]
    assert plan["due"] == [{"needId": need["needId"], "status": "CLOSED"}]
    assert plan["overdue"] == []
    of_2021 = api.gql(PLAN, {"nip": NIP, "year": 2021})["data"]["developmentPlan"]
    assert (of_2021["jpDone"], of_2021["belowJpTarget"], of_2021["trainings"],
            of_2021["evaluated"]) == (24, False, [trained], [trained])


def test_a_negative_evaluation_leaves_the_gap_open_and_a_later_assessment_closes_it(
    api: LiveServer,
) -> None:
    career = assigned(api)
    set_standard(api, standard_input())
    career.ok("recordCompetencyAssessment", assessment_input())
    trained = career.ok("recordTraining", training_input())["eventId"]
    career.ok("evaluateTraining", evaluation_input(trained, behaviour=40))
    assert profile(api, "2021-12-31")["needs"][0]["status"] == "OPEN"
    reassessed = career.ok("recordCompetencyAssessment", assessment_input(
        tmt="2022-03-01", legalBasis=legal("2022-03-02"), levels={"KERJA_SAMA": 3}))["eventId"]
    [need] = profile(api, "2022-03-31")["needs"]
    assert (need["status"], need["closure"], need["closedBy"]) == (
        "CLOSED", "GAP_CLOSED", [reassessed])
    overdue = api.gql(PLAN, {"nip": NIP, "year": 2023})["data"]["developmentPlan"]["overdue"]
    assert overdue == []


HISTORY = """query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) {
  competencyAssessments { title provenance { eventIds } } trainings { title } } }"""


def test_the_views_read_past_the_standard_stream_and_show_the_competence_events(
    api: LiveServer,
) -> None:
    career = assigned(api)
    set_standard(api, standard_input())
    assessed = career.ok("recordCompetencyAssessment", assessment_input())["eventId"]
    trained = career.ok("recordTraining", training_input())["eventId"]
    career.ok("evaluateTraining", evaluation_input(trained))
    last = set_standard(api, standard_input(tmt="2022-01-01", legalBasis=legal("2021-12-01")))
    body = api.gql(HISTORY, {"nip": NIP, "p": last["position"]})
    assert not body.get("errors"), body
    history = body["data"]["careerHistory"]
    [entry] = history["competencyAssessments"]
    assert entry["title"] == "UJI_KOMPETENSI by BKN Assessment Centre"
    assert assessed in entry["provenance"]["eventIds"]
    assert [t["title"] for t in history["trainings"]][-1].startswith("Evaluation of training")
    status = api.gql("{ projections { name status error } }")["data"]["projections"]
    assert all(p["error"] is None for p in status), status


def test_a_profile_without_a_standard_lists_assessments_and_no_gap(api: LiveServer) -> None:
    career = assigned(api)
    career.ok("recordCompetencyAssessment", assessment_input())
    result = profile(api, "2021-12-31")
    assert result["standard"] is None and result["gaps"] == [] and result["needs"] == []
    assert [a["method"] for a in result["assessments"]] == ["UJI_KOMPETENSI"]


def test_an_hr_token_out_of_scope_may_not_read_a_profile(api: LiveServer) -> None:
    assigned(api)
    body = api.gql(PROFILE, {"nip": NIP, "asOf": "2021-01-01"},
                   token=api.token("hr", scopes=("OTHER-UNIT",)))
    assert "FORBIDDEN" in errors_of(body)


UNIT_MAP = """query($u: String!, $asOf: Date, $p: Int) { unitCompetencyMap(unitId: $u, asOf: $asOf,
  minPosition: $p) { unitId servants { edges { node { nip jpmPercent jpmCategory
  open_needs: openNeeds { addresses } } } } programmes { programme needs } } }"""
UNIT_PLAN = """query($u: String!, $y: Int!, $p: Int) { unitDevelopmentPlan(unitId: $u, year: $y,
  minPosition: $p) { edges { node { nip jpDone due { addresses status } } } } }"""
EFFECTIVENESS = """query($prog: String!, $p: Int) { trainingEffectiveness(programme: $prog,
  minPosition: $p) { programme evaluations positive by_level: byLevel { level count mean }
  evidence } }"""


def test_a_unit_map_shows_who_has_which_gap_and_which_programme_closes_most(
    api: LiveServer,
) -> None:
    career = assigned(api)
    set_standard(api, standard_input())
    career.ok("recordCompetencyAssessment", assessment_input())
    trained = career.ok("recordTraining", training_input(tmt="2021-01-31", startDate="2021-01-04",
                                                          endDate="2021-01-29"))
    body = api.gql(UNIT_MAP, {"u": "KEU-01", "asOf": "2021-12-31", "p": trained["position"]})
    assert not body.get("errors"), body
    unit = body["data"]["unitCompetencyMap"]
    [servant] = [e["node"] for e in unit["servants"]["edges"]]
    assert (servant["nip"], servant["jpmCategory"]) == (NIP, "MS")
    assert servant["open_needs"] == [{"addresses": "KERJA_SAMA"}]
    assert unit["programmes"] == [{"programme": "Teamwork", "needs": [f"{NIP}:4:KERJA_SAMA"]}]
    plans = api.gql(UNIT_PLAN, {"u": "KEU-01", "y": 2022, "p": trained["position"]})
    assert [e["node"] for e in plans["data"]["unitDevelopmentPlan"]["edges"]] == [
        {"nip": NIP, "jpDone": 0, "due": [{"addresses": "KERJA_SAMA", "status": "OPEN"}]}]
    out_of_scope = api.gql(UNIT_MAP, {"u": "KEU-01", "asOf": "2021-12-31"},
                           token=api.token("hr", scopes=("OTHER-UNIT",)))
    assert "FORBIDDEN" in errors_of(out_of_scope)


def test_training_effectiveness_summarises_a_programmes_evaluations_by_level(
    api: LiveServer,
) -> None:
    career = assigned(api)
    first = career.ok("recordTraining", training_input())["eventId"]
    second = career.ok("recordTraining", training_input(
        tmt="2021-08-31", startDate="2021-08-02", endDate="2021-08-27"))["eventId"]
    career.ok("evaluateTraining", evaluation_input(first))
    last = career.ok("evaluateTraining", evaluation_input(second, reaction=55, learning=None,
                                                          behaviour=None))
    body = api.gql(EFFECTIVENESS, {"prog": "Teamwork", "p": last["position"]})
    assert not body.get("errors"), body
    result = body["data"]["trainingEffectiveness"]
    assert (result["evaluations"], result["positive"]) == (2, 1)
    assert result["by_level"] == [
        {"level": "REACTION", "count": 2, "mean": "70.00"},
        {"level": "LEARNING", "count": 1, "mean": "78.00"},
        {"level": "BEHAVIOUR", "count": 1, "mean": "70.00"},
    ]
    assert len(result["evidence"]) == 2 and last["eventId"] in result["evidence"]
    other = api.gql(EFFECTIVENESS, {"prog": "PKP"})["data"]["trainingEffectiveness"]
    assert (other["evaluations"], other["by_level"]) == (0, [])
