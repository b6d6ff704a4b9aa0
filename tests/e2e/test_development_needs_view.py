"""The development needs view over HTTP on both stores: an assessment records the standard in
force at admission, so the need it opens is a row of the servant's own history, listed per
unit and due year, and closes when an addressing training is evaluated positively."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.e2e.test_competence_api import (
    assessment_input,
    evaluation_input,
    set_standard,
    standard_input,
    training_input,
)
from tests.support import LiveServer, errors_of

NEEDS = """query($year: Int!, $open: Boolean!, $p: Int) {
  unitDevelopmentNeeds(unitId: "KEU-01", year: $year, openOnly: $open, minPosition: $p) {
    nip unitId needId source addresses dueYear openedBy targetLevel status closure closedBy } }"""


def needs(api: LiveServer, year: int = 2022, open_only: bool = False) -> list[dict[str, Any]]:
    body = api.gql(NEEDS, {"year": year, "open": open_only, "p": api.log_head()})
    assert not body.get("errors"), body
    found: list[dict[str, Any]] = body["data"]["unitDevelopmentNeeds"]
    return found


def test_a_gap_need_is_a_row_of_the_unit_until_an_evaluated_training_closes_it(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    set_standard(api, standard_input())
    assessed = career.ok("recordCompetencyAssessment", assessment_input())
    (need,) = needs(api)
    assert (need["nip"], need["source"], need["addresses"], need["targetLevel"]) == (
        NIP, "COMPETENCY_GAP", "KERJA_SAMA", 3)
    assert need["openedBy"] == assessed["eventId"] and need["status"] == "OPEN"
    trained = career.ok("recordTraining", training_input())
    evaluated = career.ok("evaluateTraining", evaluation_input(trained["eventId"]))
    (closed,) = needs(api)
    assert (closed["status"], closed["closure"]) == ("CLOSED", "TRAINING_EVALUATED")
    assert closed["closedBy"] == [trained["eventId"], evaluated["eventId"]]
    assert needs(api, open_only=True) == [] and needs(api, year=2023) == []


def test_a_standard_recorded_after_the_assessment_opens_no_need_in_the_view(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    career.ok("recordCompetencyAssessment", assessment_input())
    set_standard(api, standard_input(legalBasis=legal("2021-04-01")))
    assert needs(api) == []  # decided at admission: no standard was in force then


def test_a_bad_year_is_refused(api: LiveServer) -> None:
    body = api.gql(NEEDS, {"year": 3000, "open": False, "p": None})
    assert "VALUE_OUT_OF_RANGE" in errors_of(body)  # the input policy, before the resolver


PLAN = """query($nip: String!) { developmentPlan(nip: $nip, year: 2022) { due { addresses } } }"""


def test_a_plan_judges_an_assessment_without_a_standard_by_one_recorded_later(
        api: LiveServer) -> None:
    """Why the plans do not read their needs from the view: an assessment admitted with no
    standard in force is judged by the plan against a standard recorded later with an earlier
    TMT, while the view keeps what admission decided."""
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    career.ok("recordCompetencyAssessment", assessment_input())
    set_standard(api, standard_input(legalBasis=legal("2021-04-01")))
    plan = api.gql(PLAN, {"nip": NIP})
    assert not plan.get("errors"), plan
    assert plan["data"]["developmentPlan"]["due"] == [{"addresses": "KERJA_SAMA"}]
    assert needs(api) == []
