"""careerHistory and promotionEligibility answer "as known at" and "as valid on" from the
servant's own stream: later corrections are invisible before their known time."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.career import NIP, Career, default_input, legal
from tests.support import LiveServer

T_PROMOTED = datetime(2024, 1, 10, tzinfo=UTC)
T_CORRECTED = datetime(2024, 6, 10, tzinfo=UTC)
HISTORY = """query($nip: String!, $knownAt: DateTime, $validAt: Date) {
  careerHistory(nip: $nip, knownAt: $knownAt, validAt: $validAt) {
    rank rankTmt rankPeriods { tmt untilTmt title corrected provenance { eventIds } } } }"""
ELIGIBILITY = """query($nip: String!, $asOf: Date, $knownAt: DateTime) {
  promotionEligibility(nip: $nip, asOf: $asOf, knownAt: $knownAt) {
    rules { ruleId passed evidenceEventIds } } }"""


def at(api: LiveServer, moment: datetime) -> None:
    api.services.clock = lambda: moment


def promoted_then_corrected(api: LiveServer) -> Career:
    career = Career(api)
    at(api, datetime(2020, 1, 5, tzinfo=UTC))
    career.appoint_pns()
    at(api, T_PROMOTED)
    promoted = career.ok("promoteRank")
    at(api, T_CORRECTED)
    career.ok("correctEvent", {"nip": NIP, "eventId": promoted["eventId"], "legalBasis": legal("2024-06-01"),
                               "changes": {"tmt": "2019-10-01"}, "reason": "TMT salah ketik"})
    return career


def history(api: LiveServer, **variables: str) -> dict:
    body = api.gql(HISTORY, {"nip": NIP, **variables}, role="auditor")
    assert not body.get("errors"), body
    return body["data"]["careerHistory"]


def test_correction_is_invisible_before_its_known_time(api: LiveServer) -> None:
    promoted_then_corrected(api)
    before = history(api, knownAt="2024-03-01T00:00:00+00:00")
    after = history(api, knownAt="2024-07-01T00:00:00+00:00")
    assert (before["rank"], before["rankTmt"]) == ("III_B", "2019-04-01")
    assert (after["rank"], after["rankTmt"]) == ("III_B", "2019-10-01")
    assert [p["corrected"] for p in after["rankPeriods"]] == [False, True]
    assert [p["corrected"] for p in before["rankPeriods"]] == [False, False]


def test_history_before_the_promotion_was_known_has_one_rank_period(api: LiveServer) -> None:
    promoted_then_corrected(api)
    early = history(api, knownAt="2023-01-01T00:00:00+00:00")
    assert early["rank"] == "III_A"
    assert len(early["rankPeriods"]) == 1


def test_valid_at_describes_the_servant_on_that_day(api: LiveServer) -> None:
    promoted_then_corrected(api)
    assert history(api, validAt="2019-09-30")["rank"] == "III_A"
    assert history(api, validAt="2019-10-01")["rank"] == "III_B"


def test_eligibility_known_at_ignores_later_appraisal_corrections(api: LiveServer) -> None:
    career = Career(api)
    at(api, datetime(2020, 1, 5, tzinfo=UTC))
    career.appoint_pns()
    weak = None
    for year in (2022, 2023):
        work = "BELOW_EXPECTATION" if year == 2023 else "AS_EXPECTED"
        predikat = "BUTUH_PERBAIKAN" if year == 2023 else "BAIK"
        at(api, datetime(year + 1, 2, 1, tzinfo=UTC))
        result = career.ok("recordAppraisal", {**default_input("recordAppraisal"), "year": year,
                           "tmt": f"{year + 1}-01-31", "legalBasis": legal(f"{year + 1}-01-20"),
                           "workResult": work, "predikat": predikat})
        weak = result["eventId"] if year == 2023 else weak
    at(api, datetime(2024, 5, 1, tzinfo=UTC))
    career.ok("correctEvent", {"nip": NIP, "eventId": weak, "legalBasis": legal("2024-04-20"),
                               "changes": {"workResult": "AS_EXPECTED", "predikat": "BAIK"},
                               "reason": "Keberatan dikabulkan"})

    def r2(known_at: str) -> dict:
        body = api.gql(ELIGIBILITY, {"nip": NIP, "asOf": "2024-03-01", "knownAt": known_at}, role="auditor")
        assert not body.get("errors"), body
        return next(r for r in body["data"]["promotionEligibility"]["rules"] if r["ruleId"] == "R2")

    then, now = r2("2024-04-01T00:00:00+00:00"), r2("2024-06-01T00:00:00+00:00")
    assert then["passed"] is False and now["passed"] is True
    assert weak in then["evidenceEventIds"]
