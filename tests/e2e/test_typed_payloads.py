"""Concrete types where the shape is known: the event type is an enum and a correction says
what it replaced in the corrected event's own types (the JSON object stays, deprecated)."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLUnionType, build_schema

from service.graphql.schema import sdl
from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

EVENTS = """query($nip: String!) { careerEvents(nip: $nip, first: 10) { edges { node {
  type payload { __typename ... on EventCorrectedPayload { targetEventId changes corrected {
    __typename
    ... on RankPromotedChanges { changedFields tmt promotionType pertekNumber newRank }
    ... on AppraisalRecordedChanges { changedFields predikat year } } } } } } } }"""


def test_a_correction_reads_back_in_the_corrected_events_types(api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()
    promoted = career.ok("promoteRank")
    career.ok("correctEvent", {"nip": NIP, "eventId": promoted["eventId"], "legalBasis": legal("2019-06-01"),
                               "changes": {"tmt": "2019-10-01", "pertekNumber": "PT/9"},
                               "reason": "TMT salah ketik"})
    body = api.gql(EVENTS, {"nip": NIP}, role="auditor")
    assert not body.get("errors"), body
    nodes = [edge["node"] for edge in body["data"]["careerEvents"]["edges"]]
    assert [n["type"] for n in nodes] == ["CpnsAppointed", "PnsAppointed", "RankPromoted",
                                          "EventCorrected"]
    payload = nodes[-1]["payload"]
    assert payload["targetEventId"] == promoted["eventId"]
    assert payload["corrected"] == {
        "__typename": "RankPromotedChanges", "changedFields": ["tmt", "pertekNumber"],
        "tmt": "2019-10-01", "pertekNumber": "PT/9", "promotionType": None, "newRank": None,
    }
    # The JSON object clients already read is still there.
    assert payload["changes"] == {"tmt": "2019-10-01", "pertek_number": "PT/9"}


def test_event_types_and_changes_are_declared_in_the_contract() -> None:
    schema = build_schema(sdl())
    event_type = schema.type_map["EventType"]
    assert isinstance(event_type, GraphQLEnumType)
    assert {"RankPromoted", "EventCorrected", "CpnsAppointed"} <= set(event_type.values)
    changes = schema.type_map["EventChanges"]
    assert isinstance(changes, GraphQLUnionType)
    # Every kind a correction can target has its changes type; corrections themselves do not.
    names = {t.name for t in changes.types}
    assert "RankPromotedChanges" in names and "EventCorrectedChanges" not in names
    assert schema.type_map["EventCorrectedPayload"].fields["changes"].deprecation_reason  # type: ignore[union-attr]
