"""A disciplinary examination through GraphQL on both stores: while it is open, KP reguler
rule R6 fails with the opening as evidence; once closed, R6 passes; both show in the
career history."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

ELIGIBILITY = """query($nip: String!, $asOf: Date, $p: Int) {
  promotionEligibility(nip: $nip, asOf: $asOf, minPosition: $p) {
    candidateTmt rules { ruleId passed evidenceEventIds explanation } } }"""
HISTORY = """query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) {
  discipline { title provenance { eventIds } } } }"""


def r6(api: LiveServer) -> dict[str, Any]:
    body = api.gql(ELIGIBILITY, {"nip": NIP, "asOf": "2025-03-01", "p": api.log_head()})
    assert not body.get("errors"), body
    found = body["data"]["promotionEligibility"]
    assert found["candidateTmt"] == "2025-04-01"
    rule: dict[str, Any] = next(r for r in found["rules"] if r["ruleId"] == "R6")
    return rule


def test_an_open_investigation_fails_r6_until_it_is_closed(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    opened = career.ok("openDisciplineInvestigation", {
        "nip": NIP, "tmt": "2025-01-15", "legalBasis": legal("2025-01-10", "PRIKSA/1"),
        "allegedLevel": "SEDANG", "reason": "Tidak masuk kerja 10 hari"})["eventId"]
    blocked = r6(api)
    assert blocked["passed"] is False
    assert blocked["evidenceEventIds"] == [opened]
    assert "open" in blocked["explanation"]
    career.rejects("closeDisciplineInvestigation", {
        "nip": NIP, "tmt": "2025-01-01", "legalBasis": legal("2024-12-20", "PRIKSA/0"),
        "investigationEventId": opened, "outcome": "CLEARED"}, "INVALID_TARGET")
    closing = career.ok("closeDisciplineInvestigation", {
        "nip": NIP, "tmt": "2025-02-20", "legalBasis": legal("2025-02-18", "PRIKSA/2"),
        "investigationEventId": opened, "outcome": "CLEARED"})["eventId"]
    cleared = r6(api)
    assert cleared["passed"] is True
    assert cleared["evidenceEventIds"] == [opened, closing]
    body = api.gql(HISTORY, {"nip": NIP, "p": api.log_head()})
    assert not body.get("errors"), body
    shown = {e["provenance"]["eventIds"][0]: e["title"]
             for e in body["data"]["careerHistory"]["discipline"]}
    assert shown == {opened: "Investigation opened (SEDANG): Tidak masuk kerja 10 hari",
                     closing: "Investigation closed: CLEARED"}
