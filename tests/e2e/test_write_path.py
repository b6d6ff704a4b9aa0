"""The write path over HTTP: idempotency, expected versions, concurrent retries, corrections,
retractions, annulments, and reading the log back with its envelope."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.e2e.career import NIP, Career, cpns_input, default_input, legal, mutation
from tests.support import LiveServer, errors_of

EVENTS_QUERY = """query($nip: String!, $first: Int, $after: String) {
  careerEvents(nip: $nip, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { eventId type version position tmt recordedAt recordedBy { id role } source
      legalBasis { skNumber skDate skOfficial }
      payload { __typename
        ... on EventCorrectedPayload { targetEventId changes reason }
        ... on EventRetractedPayload { targetEventId reason }
        ... on AppraisalRecordedPayload { year predikat } } } } } }"""


def test_repeated_idempotent_request_returns_first_result_and_writes_nothing(api: LiveServer) -> None:
    career = Career(api)
    values = {**cpns_input(), "idempotencyKey": "appoint-budi"}
    first = career.ok("appointCpns", values)
    head = api.log_head()
    again = career.ok("appointCpns", values)
    assert api.log_head() == head
    assert again["replayed"] is True and first["replayed"] is False
    assert (again["eventId"], again["position"]) == (first["eventId"], first["position"])


def test_idempotency_key_reused_for_other_input_is_refused(api: LiveServer) -> None:
    career = Career(api)
    career.appoint()
    career.ok("recordEducation", {**default_input("recordEducation"), "idempotencyKey": "k-1"})
    changed = {**default_input("recordEducation"), "institution": "ITB", "idempotencyKey": "k-1"}
    career.rejects("recordEducation", changed, "IDEMPOTENCY_KEY_REUSED")


def test_idempotency_keys_are_per_actor(api: LiveServer) -> None:
    career = Career(api)
    career.appoint()
    values = {**default_input("recordEducation"), "idempotencyKey": "shared-key"}
    career.post("recordEducation", values, token=api.token("hr", subject="alice"))
    body = career.post("recordEducation", values, token=api.token("hr", subject="bob"))
    assert body["data"]["recordEducation"]["replayed"] is False


def test_idempotency_survives_a_restart(settings: Any) -> None:
    values = {**cpns_input(), "idempotencyKey": "durable"}
    with LiveServer(settings) as api:
        first = Career(api).ok("appointCpns", values)
    with LiveServer(settings) as api:
        head = api.log_head()
        again = Career(api).ok("appointCpns", values)
        assert again["replayed"] is True and again["position"] == first["position"]
        assert api.log_head() == head


def test_expected_version_that_matches_records_the_event(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    result = career.ok("recordEducation", {**default_input("recordEducation"), "expectedVersion": 2})
    assert result["version"] == 3


def test_concurrent_writes_to_one_servant_are_all_recorded(api: LiveServer) -> None:
    career = Career(api).appoint_pns()

    def post(year: int) -> dict[str, Any]:
        values = {**default_input("recordAppraisal"), "year": year, "tmt": f"{year + 1}-01-31",
                  "legalBasis": legal(f"{year + 1}-01-20")}
        return career.post("recordAppraisal", values)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(post, range(2016, 2026)))
    assert all(not r.get("errors") for r in results), results
    versions = sorted(r["data"]["recordAppraisal"]["version"] for r in results)
    assert versions == list(range(3, 13))


def test_correction_changes_the_state_and_keeps_the_original(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    promoted = career.ok("promoteRank")
    assert career.state("rank rankTmt")["rankTmt"] == "2019-04-01"
    career.ok("correctEvent", {"nip": NIP, "eventId": promoted["eventId"], "legalBasis": legal("2020-01-01"),
                               "changes": {"tmt": "2019-10-01"}, "reason": "Salah ketik TMT"})
    assert career.state("rank rankTmt") == {"rank": "III_B", "rankTmt": "2019-10-01"}
    events = api.gql(EVENTS_QUERY, {"nip": NIP})["data"]["careerEvents"]
    nodes = [edge["node"] for edge in events["edges"]]
    assert [n["type"] for n in nodes] == ["CpnsAppointed", "PnsAppointed", "RankPromoted", "EventCorrected"]
    assert nodes[2]["tmt"] == "2019-04-01"  # the original stays as recorded
    assert nodes[3]["payload"] == {"__typename": "EventCorrectedPayload", "targetEventId": promoted["eventId"],
                                   "changes": {"tmt": "2019-10-01"}, "reason": "Salah ketik TMT"}


def test_correction_that_breaks_a_rule_is_refused(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    appraisal = career.ok("recordAppraisal")
    bad = {"nip": NIP, "eventId": appraisal["eventId"], "legalBasis": legal("2020-01-01"),
           "changes": {"predikat": "SANGAT_BAIK"}, "reason": "x"}
    career.rejects("correctEvent", bad, "PREDIKAT_MISMATCH")
    career.rejects("correctEvent", {**bad, "changes": {"colour": "red"}}, "UNKNOWN_FIELD")
    career.rejects("correctEvent", {**bad, "changes": {"year": "soon"}}, "INVALID_VALUE")
    career.rejects("correctEvent", {**bad, "eventId": f"{NIP}:99"}, "EVENT_NOT_FOUND")
    career.rejects("correctEvent", {**bad, "eventId": "198505052010012002:1"}, "INVALID_TARGET")


def test_retraction_voids_an_event_and_cannot_be_repeated(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    promoted = career.ok("promoteRank")
    retraction = {"nip": NIP, "eventId": promoted["eventId"], "legalBasis": legal("2020-01-01"),
                  "reason": "SK dibatalkan"}
    career.ok("retractEvent", retraction)
    assert career.state("rank")["rank"] == "III_A"
    career.rejects("retractEvent", retraction, "EVENT_RETRACTED")
    career.rejects("retractEvent", {**retraction, "eventId": f"{NIP}:1"}, "INVALID_TARGET")


def test_retraction_that_would_break_the_rank_ladder_is_refused(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    first = career.ok("promoteRank")
    career.ok("promoteRank", newRank="III_C", tmt="2023-04-01", legalBasis=legal("2023-03-01"))
    career.rejects("retractEvent", {"nip": NIP, "eventId": first["eventId"], "legalBasis": legal("2024-01-01"),
                                    "reason": "x"}, "RANK_SKIP")


def test_annulment_lifts_a_penalty_once(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    penalty = career.ok("imposeDiscipline")
    annulment = {"nip": NIP, "tmt": "2022-03-01", "legalBasis": legal("2022-03-01"),
                 "penaltyEventId": penalty["eventId"], "reason": "Banding dikabulkan"}
    career.ok("annulDiscipline", annulment)
    career.rejects("annulDiscipline", annulment, "ALREADY_ANNULLED")
    career.rejects("annulDiscipline", {**annulment, "penaltyEventId": f"{NIP}:2"}, "INVALID_TARGET")


def test_career_events_page_through_the_log_with_envelopes(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    for year in (2016, 2017, 2018):
        career.ok("recordAppraisal", year=year, tmt=f"{year + 1}-01-31", legalBasis=legal(f"{year + 1}-01-20"))
    page1 = api.gql(EVENTS_QUERY, {"nip": NIP, "first": 2})["data"]["careerEvents"]
    assert page1["totalCount"] == 5 and page1["pageInfo"]["hasNextPage"] is True
    page2 = api.gql(EVENTS_QUERY, {"nip": NIP, "first": 10, "after": page1["pageInfo"]["endCursor"]})
    nodes = [e["node"] for e in page1["edges"] + page2["data"]["careerEvents"]["edges"]]
    assert [n["version"] for n in nodes] == [1, 2, 3, 4, 5]
    assert [n["position"] for n in nodes] == sorted(n["position"] for n in nodes)
    assert nodes[0]["recordedBy"] == {"id": "test-hr", "role": "hr"}
    assert nodes[0]["legalBasis"] == {"skNumber": "SK/001", "skDate": "2015-02-01", "skOfficial": "Kepala BKN"}
    assert nodes[4]["payload"] == {"__typename": "AppraisalRecordedPayload", "year": 2018, "predikat": "BAIK"}


def test_event_by_id_and_unknown_event(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    body = api.gql(f'{{ event(id: "{NIP}:2") {{ type tmt }} }}')
    assert body["data"]["event"] == {"type": "PnsAppointed", "tmt": "2016-03-01"}
    missing = api.gql(f'{{ event(id: "{NIP}:9") {{ type }} }}')
    assert errors_of(missing) == ["EVENT_NOT_FOUND"]
    assert career.nip == NIP


def test_page_size_over_the_limit_is_refused(api: LiveServer) -> None:
    Career(api).appoint()
    body = api.gql(EVENTS_QUERY, {"nip": NIP, "first": 10_000})
    assert errors_of(body) == ["INVALID_PAGE_SIZE"]


def test_mutation_over_get_is_refused(api: LiveServer) -> None:
    response = api.client.get("/graphql", params={"query": mutation("appointPns"), "variables": "{}"},
                              headers={"authorization": f"Bearer {api.token()}"})
    assert response.status_code in (400, 405)
