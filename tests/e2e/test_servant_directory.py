"""The servant directory and Relay's conventions over HTTP, on both stores: filters that
combine without case or accents, backward pages that are forward pages reversed, unit scope,
node(id:) under the same rules, and DataLoader links costing one batch per page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from projections.views.servant_directory.queries import DirectoryFilter, DirectoryRequest
from tests.e2e.career import Career
from tests.support import LiveServer, errors_of

PEOPLE = [("199001012015031001", "Śri Mulyani", "KEU-01"),
          ("199001012015031002", "sri wahyuni", "KEU-01"),
          ("199001012015031003", "Budi Sríyanto", "KEU-02"),
          ("199001012015031004", "Agus Salim", "KEU-02"),
          ("199001012015031005", "Dewi Sartika", "KEU-01")]
SERVANTS = """query($f: ServantFilter, $o: [ServantOrder!], $first: Int, $after: String,
  $last: Int, $before: String) {
  servants(filter: $f, orderBy: $o, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id nip name unitId rank status positionKind } } } }"""


def seed(api: LiveServer) -> int:
    for nip, name, unit in PEOPLE:
        Career(api, nip).appoint(name=name, unitId=unit)
    return api.log_head()


def servants(api: LiveServer, token: str | None = None, **variables: Any) -> dict[str, Any]:
    body = api.gql(SERVANTS, variables, **({"token": token} if token else {}))
    assert not body.get("errors"), body
    found: dict[str, Any] = body["data"]["servants"]
    return found


def nips(page: dict[str, Any]) -> list[str]:
    return [e["node"]["nip"] for e in page["edges"]]


def wait_for_directory(api: LiveServer, position: int) -> None:
    api.services.read_models.wait_for(position, ["servant_directory"], 10)


def test_filters_match_without_case_or_accents_and_combine(api: LiveServer) -> None:
    wait_for_directory(api, seed(api))
    assert nips(servants(api, f={"nameContains": "SRI"})) == [PEOPLE[2][0], PEOPLE[0][0],
                                                             PEOPLE[1][0]]
    assert nips(servants(api, f={"nameStartsWith": "sri", "unitId": "KEU-01"})) == [
        PEOPLE[0][0], PEOPLE[1][0]]
    page = servants(api, f={"nipPrefix": "19900101201503100", "unitId": "KEU-02"},
                    o=[{"field": "NAME", "direction": "DESC"}])
    assert nips(page) == [PEOPLE[2][0], PEOPLE[3][0]] and page["totalCount"] == 2
    assert servants(api, f={"rank": "III_A", "status": "CPNS"})["totalCount"] == 5
    assert servants(api, f={"status": "PNS"})["edges"] == []


def test_paging_backward_returns_exactly_the_reverse_of_paging_forward(api: LiveServer) -> None:
    wait_for_directory(api, seed(api))
    for order in ([{"field": "NAME"}], [{"field": "UNIT", "direction": "DESC"}, {"field": "NAME"}],
                  [{"field": "NIP", "direction": "DESC"}], [{"field": "RANK_TMT"}]):
        forward, after = [], None
        while True:
            page = servants(api, o=order, first=2, after=after)
            forward += nips(page)
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        backward, before = [], None
        while True:
            page = servants(api, o=order, last=2, before=before)
            backward = nips(page) + backward
            if not page["pageInfo"]["hasPreviousPage"]:
                break
            before = page["pageInfo"]["startCursor"]
        assert forward == backward and sorted(forward) == sorted(p[0] for p in PEOPLE), order


def test_a_unit_scoped_token_sees_only_its_unit_and_node_hides_the_rest(api: LiveServer) -> None:
    wait_for_directory(api, seed(api))
    token = api.token("hr", ("KEU-02",))
    page = servants(api, token)
    assert nips(page) == [PEOPLE[3][0], PEOPLE[2][0]] and page["totalCount"] == 2
    everyone = servants(api)
    ids = [e["node"]["id"] for e in everyone["edges"]]
    body = api.gql("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Servant { nip } } }",
                   {"ids": ids}, token=token)
    shown = [n["nip"] if n else None for n in body["data"]["nodes"]]
    assert shown == [e["node"]["nip"] if e["node"]["unitId"] == "KEU-02" else None
                     for e in everyone["edges"]]
    assert errors_of(api.gql('{ node(id: "bm90LWFuLWlk") { id } }')) == ["INVALID_ID"]


def test_a_history_rows_event_and_a_findings_servant_are_links(api: LiveServer) -> None:
    wait_for_directory(api, seed(api))
    servant = servants(api, f={"nipPrefix": PEOPLE[0][0]})["edges"][0]["node"]
    node = api.gql('query($id: ID!) { node(id: $id) { id ... on Servant { name } } }',
                   {"id": servant["id"]})["data"]["node"]
    assert node == {"id": servant["id"], "name": "Śri Mulyani"}
    api.services.read_models.wait_for(api.log_head(), ["career_history"], 10)
    body = api.gql('query($nip: String!) { careerHistory(nip: $nip) { rankPeriods { id '
                   'event { id eventId nip type } } } }', {"nip": PEOPLE[0][0]})
    row = body["data"]["careerHistory"]["rankPeriods"][0]
    assert row["event"]["eventId"] == f"{PEOPLE[0][0]}:1" and row["event"]["type"] == "CpnsAppointed"
    again = api.gql('query($id: ID!) { node(id: $id) { id } }', {"id": row["event"]["id"]})
    assert again["data"]["node"] == {"id": row["event"]["id"]}
    viewer = api.gql('query($nip: String!) { careerHistory(nip: $nip) { rankPeriods { event '
                     '{ eventId } } } }', {"nip": PEOPLE[0][0]}, role="viewer")
    assert viewer["data"]["careerHistory"]["rankPeriods"][0]["event"] is None


def test_a_future_dated_transfer_moves_the_servant_only_from_its_tmt(api: LiveServer) -> None:
    today = datetime.now(UTC).date()
    tmt = today + timedelta(days=40)
    career = Career(api, PEOPLE[0][0]).appoint_pns()
    career.ok("transferInstitution", tmt=tmt.isoformat(), legalBasis={
        "skNumber": "SK/MUTASI", "skDate": today.isoformat(), "skOfficial": "Kepala BKN"})
    wait_for_directory(api, api.log_head())
    assert nips(servants(api, f={"unitId": "KEU-01"})) == [PEOPLE[0][0]]
    assert servants(api, f={"unitId": "BKN-02"})["totalCount"] == 0
    models = api.services.read_models
    for day, unit in ((tmt - timedelta(days=1), "KEU-01"), (tmt, "BKN-02")):
        found, _ = models.servants(DirectoryRequest(day, DirectoryFilter(nip_prefix=PEOPLE[0][0])))
        assert [(e["nip"], e["unit_id"]) for e in found] == [(PEOPLE[0][0], unit)], day
