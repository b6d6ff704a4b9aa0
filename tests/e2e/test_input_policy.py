"""The input policy at the GraphQL boundary: text the read side cannot hold (NUL, lone
surrogates), over-long text and out-of-range numbers are refused with a stable code and the
field's name, write nothing, and never reach the database as a read argument."""

from __future__ import annotations

import json

import pytest

from tests.e2e.career import NIP, Career, cpns_input, default_input
from tests.support import LiveServer, errors_of

NUL, SURROGATE = "a\u0000b", "a\ud800b"


def _post_raw(api: LiveServer, query: str, variables: dict[str, object], role: str = "hr") -> dict:
    """Posts JSON written with ensure_ascii, so a lone surrogate travels as the escape
    ``\\ud800`` exactly as a client would send it."""
    body = json.dumps({"query": query, "variables": variables})
    response = api.client.post(
        "/graphql", content=body.encode("ascii"),
        headers={"content-type": "application/json", "authorization": f"Bearer {api.token(role)}"},
    )
    assert response.status_code == 200, response.text
    result: dict = response.json()
    return result


def _error(body: dict) -> dict:
    errors = body.get("errors") or []
    assert len(errors) == 1, body
    extensions: dict = errors[0]["extensions"]
    return extensions


@pytest.mark.parametrize(
    ("act", "field", "value", "code"),
    [
        ("recordTraining", "name", NUL, "INVALID_TEXT"),
        ("recordTraining", "name", SURROGATE, "INVALID_TEXT"),
        ("recordTraining", "name", "x" * 200_000, "VALUE_TOO_LONG"),
        ("recordTraining", "organiser", "x" * 201, "VALUE_TOO_LONG"),
        ("recordTraining", "hours", 2_147_483_647, "VALUE_OUT_OF_RANGE"),
        ("recordTraining", "hours", -5, "VALUE_OUT_OF_RANGE"),
        ("recordAppraisal", "year", 2_000_000, "VALUE_OUT_OF_RANGE"),
        ("recordAppraisal", "appraiserName", NUL, "INVALID_TEXT"),
        ("imposeDiscipline", "reason", "x" * 2001, "VALUE_TOO_LONG"),
    ],
)
def test_mutation_refuses_text_and_numbers_the_views_cannot_hold(
    api: LiveServer, act: str, field: str, value: object, code: str
) -> None:
    career = Career(api)
    career.appoint_pns()
    head = api.log_head()
    body = _post_raw(api, _mutation(act), {"input": {**default_input(act), field: value}})
    extensions = _error(body)
    assert (extensions["code"], extensions["field"]) == (code, field)
    assert body["data"] is None
    assert api.log_head() == head


@pytest.mark.parametrize(
    ("path", "value", "code", "field"),
    [
        ("legalBasis.skNumber", "S" * 200_000, "VALUE_TOO_LONG", "skNumber"),
        ("legalBasis.skNumber", NUL, "INVALID_TEXT", "skNumber"),
        ("name", "N" * 200_000, "VALUE_TOO_LONG", "name"),
        ("birthPlace", SURROGATE, "INVALID_TEXT", "birthPlace"),
        ("idempotencyKey", NUL, "INVALID_TEXT", "idempotencyKey"),
        ("formationYear", 99_999, "VALUE_OUT_OF_RANGE", "formationYear"),
    ],
)
def test_appointment_refuses_policy_violations_in_nested_inputs(
    api: LiveServer, path: str, value: object, code: str, field: str
) -> None:
    values = cpns_input()
    target = values
    *parents, leaf = path.split(".")
    for parent in parents:
        target[parent] = target = dict(target[parent])
    target[leaf] = value
    head = api.log_head()
    extensions = _error(_post_raw(api, _mutation("appointCpns"), {"input": values}))
    assert (extensions["code"], extensions["field"]) == (code, field)
    assert api.log_head() == head


def test_correction_changes_are_held_to_the_same_policy(api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()
    training = career.ok("recordTraining")
    head = api.log_head()
    for changes, code in (({"name": NUL}, "INVALID_TEXT"), ({"hours": 2_147_483_647}, "VALUE_OUT_OF_RANGE"),
                          ({"name": "x" * 200_000}, "VALUE_TOO_LONG")):
        values = {"nip": NIP, "eventId": training["eventId"], "changes": changes,
                  "reason": "salah ketik", "legalBasis": default_input("recordTraining")["legalBasis"]}
        extensions = _error(_post_raw(api, _mutation("correctEvent"), {"input": values}))
        assert extensions["code"] == code
    assert api.log_head() == head


READS = {
    "unitTrainingLedgers": (
        "query($v: String!) { unitTrainingLedgers(unit: $v, year: 2020) { totalCount } }", "unit"
    ),
    "promotionCandidates": (
        "query($v: String) { promotionCandidates(filter: {unit: $v}) { totalCount } }", "unit"
    ),
    "auditFindings": (
        "query($v: String) { auditFindings(filter: {unitId: $v}) { totalCount } }", "unitId"
    ),
    "servant": ("query($v: String!) { servant(nip: $v) { nip } }", "nip"),
    "careerHistory": ("query($v: String!) { careerHistory(nip: $v) { nip } }", "nip"),
}


@pytest.mark.parametrize("value", [NUL, SURROGATE], ids=["nul", "lone-surrogate"])
@pytest.mark.parametrize("read", READS, ids=READS.keys())
def test_read_arguments_with_nul_or_lone_surrogate_get_a_clear_code(
    api: LiveServer, read: str, value: str
) -> None:
    Career(api).appoint()
    query, field = READS[read]
    extensions = _error(_post_raw(api, query, {"v": value}, role="auditor"))
    assert (extensions["code"], extensions["field"]) == ("INVALID_TEXT", field)


def test_literal_arguments_are_checked_like_variables(api: LiveServer) -> None:
    query = '{ unitTrainingLedgers(unit: "%s", year: 2020) { totalCount } }' % ("u" * 500)
    body = api.gql(query, role="auditor")
    assert errors_of(body) == ["VALUE_TOO_LONG"]


def test_values_inside_the_limits_are_recorded_unchanged(api: LiveServer) -> None:
    career = Career(api)
    career.ok("appointCpns", cpns_input(name="N" * 200))
    career.ok("appointPns")
    career.ok("recordTraining", {**default_input("recordTraining"), "hours": 2000, "name": "Ä" * 200})
    assert career.state("name")["name"] == "N" * 200


def _mutation(act: str) -> str:
    type_name = act[0].upper() + act[1:] + "Input"
    return f"mutation($input: {type_name}!) {{ {act}(input: $input) {{ eventId }} }}"
