"""A legal status change through GraphQL: stored, read back, shown in the status history."""

from __future__ import annotations

from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

HISTORY = """query($nip: String!, $p: Int) {
  careerHistory(nip: $nip, minPosition: $p) { statusHistory { title } }
}"""


def test_a_legal_status_change_is_recorded_and_listed_in_the_status_history(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    result = career.ok("changeLegalStatus", {
        "nip": NIP, "tmt": "2021-02-01", "legalBasis": legal("2021-01-20"),
        "legalStatus": "TUGAS_BELAJAR", "until": "2023-02-01", "reason": "S2 di luar negeri",
    })
    assert result["type"] == "LegalStatusChanged"
    body = api.gql(HISTORY, {"nip": NIP, "p": result["position"]}, role="auditor")
    assert not body.get("errors"), body
    titles = [e["title"] for e in body["data"]["careerHistory"]["statusHistory"]]
    assert "TUGAS_BELAJAR (S2 di luar negeri)" in titles


def test_a_legal_status_ending_before_it_starts_is_refused_and_writes_nothing(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.rejects("changeLegalStatus", {
        "nip": NIP, "tmt": "2021-02-01", "legalBasis": legal("2021-01-20"),
        "legalStatus": "CLTN", "until": "2021-01-01", "reason": "cuti",
    }, "INVALID_DATE_RANGE")
