"""Client input that used to reach internal errors: a date-time without a time zone, a JSON
body nested 1,000 deep, a client that leaves mid-body."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from tests.e2e.career import NIP, Career
from tests.support import LiveServer, errors_of

NAIVE = "2099-01-01T00:00:00"  # after the test writes, so the aware form finds them
READS = {
    "servant": 'servant(nip: "%s", knownAt: $at) { nip }',
    "careerHistory": 'careerHistory(nip: "%s", knownAt: $at) { nip }',
    "promotionEligibility": 'promotionEligibility(nip: "%s", knownAt: $at) { eligible }',
}


@pytest.mark.parametrize("field", sorted(READS))
def test_a_known_at_without_time_zone_gets_a_code(api: LiveServer, field: str) -> None:
    Career(api).appoint()
    selection = READS[field] % NIP
    document = "query($at: DateTime) { " + selection + " }"
    as_variable = api.gql(document, {"at": NAIVE}, role="auditor")
    as_literal = api.gql(
        "{ " + selection.replace("$at", f'"{NAIVE}"') + " }", role="auditor"
    )
    for body in (as_variable, as_literal):
        assert errors_of(body) == ["TIMEZONE_REQUIRED"], body
        assert "time zone" in body["errors"][0]["message"]
    assert not errors_of(api.gql(document, {"at": NAIVE + "+07:00"}, role="auditor"))


def test_a_json_body_nested_1000_deep_is_a_400_before_authentication(api: LiveServer) -> None:
    deep = "[" * 1000 + "]" * 1000
    for body in (deep, '{"query": "{ __typename }", "variables": {"x": ' + deep + "}}"):
        response = api.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, response.text
        assert errors_of(response.json()) == ["JSON_TOO_DEEP"]
    shallow = '{"query": "{ __typename }", "variables": {"x": ' + "[" * 20 + "]" * 20 + "}}"
    ok = api.client.post("/graphql", content=shallow, headers={"content-type": "application/json"})
    assert ok.json() == {"data": {"__typename": "Query"}}


def test_a_client_leaving_mid_body_logs_no_server_error(
    api: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        with socket.create_connection(("127.0.0.1", api.port), timeout=5) as sock:
            sock.sendall(
                b"POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                b'content-length: 400\r\n\r\n{"query": "{ __ty'
            )
            time.sleep(0.2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not _access_lines(caplog):
            time.sleep(0.05)
    assert [r.status for r in _access_lines(caplog)] == [499]  # type: ignore[attr-defined]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def _access_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "riwayat.access" and r.getMessage() == "request"]
