"""Both times through GraphQL: ``servant(nip, knownAt, validAt)`` answers from what the log
held at knownAt, about the servant on validAt. Events are recorded at chosen known times by
replacing the service clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

QUERY = """query($nip: String!, $knownAt: DateTime, $validAt: Date) {
  servant(nip: $nip, knownAt: $knownAt, validAt: $validAt) { rank rankTmt positionName version }
}"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def record_at(api: LiveServer, when: str) -> None:
    api.services.clock = lambda: at(when)


def servant(api: LiveServer, known_at: str, valid_at: str) -> dict[str, Any]:
    body = api.gql(QUERY, {"nip": NIP, "knownAt": at(known_at).isoformat(), "validAt": valid_at})
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["servant"]
    return result


def career_to_2019(api: LiveServer) -> tuple[Career, dict[str, Any]]:
    career = Career(api)
    record_at(api, "2015-03-05T09:00:00")
    career.appoint()
    record_at(api, "2016-03-05T09:00:00")
    career.ok("appointPns")
    record_at(api, "2019-04-10T09:00:00")
    promotion = career.ok("promoteRank")  # III/b from 2019-04-01
    return career, promotion


def test_correction_recorded_after_known_at_is_invisible_at_known_at(api: LiveServer) -> None:
    career, promotion = career_to_2019(api)
    record_at(api, "2020-01-15T09:00:00")
    career.ok("correctEvent", {"nip": NIP, "eventId": promotion["eventId"],
                               "legalBasis": legal("2020-01-10", "SK/KOREKSI"),
                               "changes": {"tmt": "2019-10-01"}, "reason": "Salah ketik TMT"})
    # Before the correction was recorded, the log said III/b from April 2019.
    assert servant(api, "2019-12-31T00:00:00", "2019-06-01") == {
        "rank": "III_B", "rankTmt": "2019-04-01", "positionName": None, "version": 3}
    # From its known time on, the corrected TMT moves the promotion to October.
    assert servant(api, "2020-02-01T00:00:00", "2019-06-01")["rank"] == "III_A"
    assert servant(api, "2020-02-01T00:00:00", "2019-11-01")["rankTmt"] == "2019-10-01"
    # Before the promotion itself was recorded, nobody knew of it, whatever the valid time.
    assert servant(api, "2019-04-09T00:00:00", "2019-06-01")["rank"] == "III_A"


def test_back_dated_event_changes_valid_time_answers_only_from_its_known_time(
        api: LiveServer) -> None:
    career, _ = career_to_2019(api)
    record_at(api, "2021-06-01T09:00:00")
    career.ok("assignPosition", tmt="2017-01-02", legalBasis=legal("2016-12-20", "SK/JAB"),
              positionName="Analis SDM Aparatur Ahli Pertama")
    before = servant(api, "2021-05-31T00:00:00", "2018-01-01")
    after = servant(api, "2021-06-02T00:00:00", "2018-01-01")
    assert before["positionName"] is None
    assert after["positionName"] == "Analis SDM Aparatur Ahli Pertama"
    # Known now, but not yet valid before its own TMT.
    assert servant(api, "2021-06-02T00:00:00", "2016-12-31")["positionName"] is None


def test_career_events_always_list_the_full_log_with_corrections(api: LiveServer) -> None:
    career, promotion = career_to_2019(api)
    record_at(api, "2020-01-15T09:00:00")
    career.ok("retractEvent", {"nip": NIP, "eventId": promotion["eventId"],
                               "legalBasis": legal("2020-01-10", "SK/BATAL"),
                               "reason": "SK dibatalkan"})
    body = api.gql(f'{{ careerEvents(nip: "{NIP}") {{ edges {{ node {{ type recordedAt }} }} }} }}',
                   role="auditor")
    nodes = [edge["node"] for edge in body["data"]["careerEvents"]["edges"]]
    assert [n["type"] for n in nodes] == ["CpnsAppointed", "PnsAppointed", "RankPromoted",
                                          "EventRetracted"]
    assert nodes[3]["recordedAt"].startswith("2020-01-15")
    assert servant(api, "2020-01-14T00:00:00", "2020-01-01")["rank"] == "III_B"
    assert servant(api, "2020-01-16T00:00:00", "2020-01-01")["rank"] == "III_A"
