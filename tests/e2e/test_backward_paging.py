"""Every connection pages backward (last/before) to exactly the reverse walk of paging forward
(first/after), over HTTP on both stores: career events, promotion candidates, a unit's
training ledgers, development plans and competency map, audit findings (and the directory, in
test_servant_directory)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.career import Career, legal
from tests.support import LiveServer, errors_of

NIPS = [f"19900101201503100{i}" for i in range(1, 6)]
PAGES = {
    "careerEvents": (f'careerEvents(nip: "{NIPS[0]}", {{page}})', "eventId", "hr"),
    "promotionCandidates": ("promotionCandidates({page})", "nip", "hr"),
    "unitTrainingLedgers": ('unitTrainingLedgers(unitId: "KEU-01", year: 2016, {page})', "nip",
                            "hr"),
    "auditFindings": ("auditFindings({page})", "subjectEventId", "auditor"),
    "unitDevelopmentPlan": ('unitDevelopmentPlan(unitId: "KEU-01", year: 2016, {page})', "nip",
                            "hr"),
    "unitCompetencyMap": ('unitCompetencyMap(unitId: "KEU-01", asOf: "2016-12-31", {page})',
                          "nip", "hr"),
}
# Connections that are a field of the object a query returns, by query.
NESTED = {"unitCompetencyMap": "servants"}


@pytest.fixture
def record(api: LiveServer) -> LiveServer:
    """Five servants with a training each (2016) and an SK dated long after its TMT."""
    for nip in NIPS:
        career = Career(api, nip).appoint_pns()
        career.ok("recordTraining")
        career.ok("recordEducation", tmt="2016-09-01", graduationDate="2016-08-15",
                  legalBasis=legal("2018-01-15", "SK/IJZ"))
    api.services.read_models.wait_for(api.log_head(), list(api.services.read_models.view_names),
                                      15)
    return api


def walk(api: LiveServer, name: str, backward: bool) -> list[Any]:
    field, key, role = PAGES[name]
    seen: list[Any] = []
    cursor: str | None = None
    while True:
        page = ("last: 2" + (f', before: "{cursor}"' if cursor else "") if backward
                else "first: 2" + (f', after: "{cursor}"' if cursor else ""))
        inner = NESTED.get(name)
        body = api.gql("{ " + field.format(page=page) + (" { " + inner if inner else "")
                       + " { totalCount pageInfo { hasNextPage hasPreviousPage startCursor "
                       "endCursor } edges { node { " + key + " } } } }" + (" }" if inner else ""),
                       role=role)
        assert not body.get("errors"), body
        found = body["data"][name][inner] if inner else body["data"][name]
        values = [e["node"][key] for e in found["edges"]]
        info = found["pageInfo"]
        seen = values + seen if backward else seen + values
        if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
            assert len(seen) == found["totalCount"], name
            return seen
        cursor = info["startCursor"] if backward else info["endCursor"]


@pytest.mark.parametrize("name", list(PAGES))
def test_paging_backward_is_the_reverse_of_paging_forward(record: LiveServer, name: str) -> None:
    forward = walk(record, name, backward=False)
    assert len(forward) >= 3, forward
    assert walk(record, name, backward=True) == forward


def test_a_cursor_of_another_list_is_refused_by_a_unit_plan(record: LiveServer) -> None:
    events = record.gql(f'{{ careerEvents(nip: "{NIPS[0]}", first: 1) {{ pageInfo {{ endCursor }} '
                        '} }')
    cursor = events["data"]["careerEvents"]["pageInfo"]["endCursor"]
    body = record.gql('{ unitDevelopmentPlan(unitId: "KEU-01", year: 2016, after: "' + cursor
                      + '") { totalCount } }')
    assert errors_of(body) == ["INVALID_CURSOR"]


def test_an_empty_unit_page_is_still_refused_to_a_token_of_another_unit(
        record: LiveServer) -> None:
    first = record.gql('{ unitDevelopmentPlan(unitId: "KEU-01", year: 2016, first: 1) { '
                       'pageInfo { startCursor } } }', role="hr")
    cursor = first["data"]["unitDevelopmentPlan"]["pageInfo"]["startCursor"]
    other = record.token("hr", ("BKN",))
    for field in ('unitDevelopmentPlan(unitId: "KEU-01", year: 2016, before: "{c}") '
                  '{{ totalCount }}',
                  'unitCompetencyMap(unitId: "KEU-01", before: "{c}") '
                  '{{ servants {{ totalCount }} }}'):
        body = record.gql("{ " + field.format(c=cursor) + " }", token=other)
        assert errors_of(body) == ["FORBIDDEN"], body


def test_first_and_last_together_are_refused(api: LiveServer) -> None:
    body = api.gql(f'{{ careerEvents(nip: "{NIPS[0]}", first: 2, last: 2) {{ totalCount }} }}')
    assert errors_of(body) == ["INVALID_PAGE_SIZE"]


@pytest.mark.parametrize(("name", "type_name"), [("promotionCandidates", "PromotionAssessment"),
                                                 ("unitTrainingLedgers", "TrainingLedger"),
                                                 ("auditFindings", "AuditFinding"),
                                                 ("careerEvents", "CareerEvent")])
def test_every_node_of_a_page_comes_back_from_its_global_id(record: LiveServer, name: str,
                                                           type_name: str) -> None:
    field, key, role = PAGES[name]
    body = record.gql("{ " + field.format(page="first: 3") + " { edges { node { id " + key
                      + " } } } }", role=role)
    nodes = [e["node"] for e in body["data"][name]["edges"]]
    again = record.gql("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on "
                       + type_name + " { " + key + " } } }", {"ids": [n["id"] for n in nodes]},
                       role=role)
    assert not again.get("errors"), again
    assert again["data"]["nodes"] == [{"__typename": type_name, **n} for n in nodes]
    if role == "hr":  # another unit's token gets nulls, not the objects
        other = record.token("hr", ("BKN",))
        hidden = record.gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                            {"ids": [n["id"] for n in nodes]}, token=other)
        assert hidden["data"]["nodes"] == [None] * len(nodes), hidden


def test_a_findings_servant_is_the_servant_it_names(record: LiveServer) -> None:
    body = record.gql("{ auditFindings { edges { node { nip servant { nip name unitId } } } } }",
                      role="auditor")
    nodes = [e["node"] for e in body["data"]["auditFindings"]["edges"]]
    named = [n for n in nodes if n["nip"] is not None]
    assert len(named) >= len(NIPS)
    assert all(n["servant"]["nip"] == n["nip"] and n["servant"]["unitId"] == "KEU-01"
               for n in named)
