"""Reads at the boundary: an out-of-scope HR learns nothing from a unit's ledger page, and
cursors are taken only in the form the API writes them."""

from __future__ import annotations

import base64

from tests.e2e.career import Career
from tests.support import LiveServer, errors_of

LEDGERS = """query($after: String, $pos: Int) {
  unitTrainingLedgers(unit: "KEU-01", year: 2016, after: $after, minPosition: $pos) {
    totalCount edges { cursor node { nip } } } }"""


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def _ledger_with_one_servant(api: LiveServer) -> int:
    career = Career(api).appoint_pns()
    return int(career.ok("recordTraining")["position"])


def test_an_out_of_scope_hr_gets_no_total_count_even_past_the_last_page(api: LiveServer) -> None:
    position = _ledger_with_one_servant(api)
    mine = api.gql(LEDGERS, {"pos": position}, token=api.token("hr", ("KEMENKEU",)))
    assert mine["data"]["unitTrainingLedgers"]["totalCount"] == 1
    other = api.token("hr", ("BKN",))
    for after in (None, _cursor("o:0"), _cursor("o:500")):
        body = api.gql(LEDGERS, {"after": after, "pos": position}, token=other)
        assert errors_of(body) == ["FORBIDDEN"], body
        assert not body.get("data")


def test_cursors_not_written_by_the_api_are_invalid(api: LiveServer) -> None:
    position = _ledger_with_one_servant(api)
    for text in ("o:-5", "o:+0", "o: 0", "o:0_0", "o:١", "o:99999999999", "x:0", "o:", "o:0",
                 "k:[1.5]", "k:{}", "k:[true]", 'k:["a","b"]'):
        body = api.gql(LEDGERS, {"after": _cursor(text), "pos": position}, role="auditor")
        assert errors_of(body) == ["INVALID_CURSOR"], (text, body)
    first = api.gql(LEDGERS, {"pos": position}, role="auditor")["data"]["unitTrainingLedgers"]
    cursor = first["edges"][0]["cursor"]
    page = api.gql(LEDGERS, {"after": cursor, "pos": position}, role="auditor")
    assert page["data"]["unitTrainingLedgers"]["edges"] == []
