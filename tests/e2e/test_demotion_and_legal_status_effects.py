"""Through GraphQL on both stores: a rank demotion lowers the rank and shows in the rank
history; CLTN on the candidate TMT makes R7 fail with the legal status change as evidence."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

RANKS = """query($nip: String!, $p: Int) {
  careerHistory(nip: $nip, minPosition: $p) { rankPeriods { title } }
}"""
R7 = """query($nip: String!, $asOf: Date, $p: Int) {
  promotionEligibility(nip: $nip, asOf: $asOf, minPosition: $p) {
    rules { ruleId outcome evidenceEventIds explanation } } }"""


def demotion(rank: str) -> dict[str, Any]:
    return {"nip": NIP, "tmt": "2021-03-01", "legalBasis": legal("2021-02-15", "HD/2021"),
            "newRank": rank, "reason": "hukuman disiplin berat"}


def test_a_demotion_lowers_the_rank_and_is_listed_in_the_rank_history(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("promoteRank")
    result = career.ok("demoteRank", demotion("III_A"))
    assert result["type"] == "RankDemoted"
    assert career.state()["rank"] == "III_A"
    body = api.gql(RANKS, {"nip": NIP, "p": result["position"]}, role="auditor")
    assert not body.get("errors"), body
    titles = [e["title"] for e in body["data"]["careerHistory"]["rankPeriods"]]
    assert "III/a (demoted: hukuman disiplin berat)" in titles, titles


def test_a_demotion_that_does_not_lower_the_rank_is_refused_and_writes_nothing(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("promoteRank")
    career.rejects("demoteRank", demotion("III_C"), "RANK_SKIP")
    assert career.state()["rank"] == "III_B"


def test_cltn_on_the_candidate_tmt_fails_r7_with_the_change_as_evidence(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    change = career.ok("changeLegalStatus", {
        "nip": NIP, "tmt": "2024-07-01", "legalBasis": legal("2024-06-20", "CLTN/2024"),
        "legalStatus": "CLTN", "until": "2026-07-01", "reason": "cuti di luar tanggungan negara",
    })
    body = api.gql(R7, {"nip": NIP, "asOf": "2025-03-01", "p": api.log_head()})
    assert not body.get("errors"), body
    r7 = next(r for r in body["data"]["promotionEligibility"]["rules"] if r["ruleId"] == "R7")
    assert r7["outcome"] == "FAIL"
    assert change["eventId"] in r7["evidenceEventIds"]
    assert "CLTN" in r7["explanation"] and change["eventId"] in r7["explanation"]
