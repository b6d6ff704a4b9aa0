"""What operators see: /metrics in Prometheus text format, /healthz and /readyz, and JSON
logs that name the request and the actor but never a token or a personal field."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest

from service.logs import JsonFormatter
from tests.e2e.career import Career, cpns_input
from tests.support import LiveServer

SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+]+|NaN|\+Inf)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def sample_key(name: str, labels: str | None) -> str:
    """``name{labels}`` with the labels sorted: their order carries no meaning in the format."""
    pairs = sorted(LABEL.findall(labels or ""))
    return name + ("{" + ",".join(f'{k}="{v}"' for k, v in pairs) + "}" if pairs else "")


def scrape(api: LiveServer) -> dict[str, float]:
    response = api.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = {}
    for line in response.text.splitlines():
        if line.startswith("#") or not line:
            continue
        match = SAMPLE.match(line)
        assert match, f"not Prometheus text format: {line!r}"
        samples[sample_key(match.group(1), match.group(2))] = float(match.group(3))
    return samples


def test_metrics_count_requests_latency_events_and_errors(api: LiveServer) -> None:
    before = scrape(api)
    Career(api).appoint()
    api.gql('{ servant(nip: "123") { nip } }', role="viewer")
    after = scrape(api)

    def delta(key: str) -> float:
        name, _, labels = key.partition("{")
        key = sample_key(name, labels)
        return after.get(key, 0) - before.get(key, 0)

    assert delta('riwayat_events_appended_total{type="CpnsAppointed"}') == 1
    assert (
        delta('riwayat_graphql_requests_total{operation="mutation.appointCpns",outcome="ok"}') == 1
    )
    assert delta('riwayat_graphql_requests_total{operation="query.servant",outcome="error"}') == 1
    assert delta('riwayat_graphql_duration_seconds_count{operation="mutation.appointCpns"}') == 1
    assert (
        delta('riwayat_graphql_duration_seconds_bucket{operation="mutation.appointCpns",le="+Inf"}')
        == 1
    )
    assert delta('riwayat_errors_total{code="INVALID_NIP"}') == 1
    assert delta('riwayat_http_requests_total{path="/graphql",method="POST",status="200"}') == 2
    assert after["riwayat_log_head_position"] == api.log_head()
    if api.services.read_models is not None and hasattr(api.services.read_models, "status"):
        assert any(key.startswith("riwayat_projection_lag_events{") for key in after)


def test_unknown_fields_do_not_create_metric_labels(api: LiveServer) -> None:
    api.gql("{ made_up_field_1234 }")
    api.client.get("/no/such/path/5678")
    text = api.client.get("/metrics").text
    assert "made_up_field_1234" not in text and "5678" not in text


def test_health_and_readiness(api: LiveServer) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    deadline = time.monotonic() + 10  # the views build their first generation at start
    while (ready := api.client.get("/readyz")).status_code != 200 and time.monotonic() < deadline:
        assert ready.status_code == 503 and ready.json()["status"] == "unready"
        time.sleep(0.1)
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ready", "problems": []}


def test_logs_name_request_and_actor_but_never_token_or_personal_fields(
    api: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    token = api.token("hr", subject="officer-9")
    with caplog.at_level(logging.INFO):
        response = api.post(
            "mutation($input: AppointCpnsInput!) { appointCpns(input: $input) { eventId } }",
            {"input": cpns_input()},
            token=token,
        )
        api.post('{ servant(nip: "1") { nip } }', token="garbage." + token[-20:])
    lines = [JsonFormatter().format(record) for record in caplog.records]
    entries = [json.loads(line) for line in lines]
    access = [e for e in entries if e.get("logger") == "riwayat.access"]
    assert {
        "request_id": response.headers["x-request-id"],
        "actor": "hr:officer-9",
    }.items() <= access[0].items()
    everything = "\n".join(lines)
    for secret in (token, token[-20:], "1990-01-01", "Budi Santoso"):
        assert secret not in everything
