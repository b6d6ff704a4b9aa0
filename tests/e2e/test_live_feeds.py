"""Subscriptions over graphql-transport-ws against the running server, on both stores:
events of a unit as they are written, projection progress, new audit findings, the
token in connection_init, and the per-connection limits."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tests import support
from tests.e2e.career import Career, legal
from tests.support import LiveServer

OTHER_UNIT_NIP = "198505052010012002"
CAREER_EVENTS = 'subscription { careerEvents(unitId: "KEU-01") { eventId nip type position ' \
    "payload { __typename ... on PnsAppointedPayload { sttplNumber } } } }"


class Live(LiveServer):
    """The server, and the websockets a test opened (closed when it ends)."""

    sockets: contextlib.ExitStack


def open_socket(api: Live, token: str | None) -> ClientConnection:
    socket = api.sockets.enter_context(connect(
        api.url.replace("http", "ws") + "/graphql",
        subprotocols=["graphql-transport-ws"], open_timeout=10))  # type: ignore[list-item]
    payload = {"Authorization": f"Bearer {token}"} if token is not None else {}
    socket.send(json.dumps({"type": "connection_init", "payload": payload}))
    return socket


def acknowledged(api: Live, role: str = "hr", **kwargs: Any) -> ClientConnection:
    socket = open_socket(api, api.token(role, **kwargs))
    assert json.loads(socket.recv(timeout=10))["type"] == "connection_ack"
    return socket


def subscribe(socket: ClientConnection, query: str, op: str = "1") -> None:
    socket.send(json.dumps({"id": op, "type": "subscribe", "payload": {"query": query}}))


def next_message(socket: ClientConnection, timeout: float = 15) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(socket.recv(timeout=timeout))
    return message


def wait_subscribed(api: Live, queues: int = 0, ticks: int = 0) -> None:
    """Wait until the process's poller serves this many event feeds and waiting feeds."""
    deadline = time.monotonic() + 15
    while True:
        hub = api.services.extras.get("live_hub")
        if hub is not None and hub.position is not None and len(hub.queues) >= queues \
                and len(hub.ticks) >= ticks:
            return
        assert time.monotonic() < deadline, "the subscriptions did not start"
        time.sleep(0.02)


def closed_with(socket: ClientConnection, timeout: float = 10) -> int | None:
    with pytest.raises(ConnectionClosed):
        socket.recv(timeout=timeout)
    assert socket.close_code is not None
    return socket.close_code


@pytest.fixture
def live_api(store: str, database_url: str, tmp_path: Path) -> Iterator[Live]:
    settings = support.test_settings(database_url, tmp_path, live_poll_seconds=0.05,
                             max_subscriptions_per_connection=2, max_connections_per_subject=3,
                             websocket_idle_seconds=1.0)
    with Live(settings) as server, contextlib.ExitStack() as sockets:
        server.sockets = sockets
        yield server


def test_connection_init_without_a_valid_token_is_closed_with_4401(live_api: Live) -> None:
    assert closed_with(open_socket(live_api, None)) == 4401
    assert closed_with(open_socket(live_api, "not-a-token")) == 4401


def test_new_events_of_a_unit_arrive_in_log_order_and_other_units_are_left_out(
        live_api: Live) -> None:
    socket = acknowledged(live_api)
    subscribe(socket, CAREER_EVENTS)
    wait_subscribed(live_api, queues=1)  # running before anything is written
    career = Career(live_api)
    appointed = career.appoint()
    Career(live_api, OTHER_UNIT_NIP).ok("appointCpns", {
        **_other_unit_appointment(), "nip": OTHER_UNIT_NIP})
    pns = career.ok("appointPns")
    first, second = next_message(socket), next_message(socket)
    assert [m["type"] for m in (first, second)] == ["next", "next"]
    events = [m["payload"]["data"]["careerEvents"] for m in (first, second)]
    assert [e["eventId"] for e in events] == [appointed["eventId"], pns["eventId"]]
    assert [e["type"] for e in events] == ["CpnsAppointed", "PnsAppointed"]
    assert events[1]["position"] == pns["position"]
    assert events[1]["payload"] == {"__typename": "PnsAppointedPayload", "sttplNumber": "STTPL-1"}
    socket.close()


def test_hr_outside_the_units_scope_receives_nothing(live_api: Live) -> None:
    outsider = acknowledged(live_api, scopes=("BKN",), subject="hr-bkn")
    insider = acknowledged(live_api, scopes=("KEMENKEU",), subject="hr-keu")
    subscribe(outsider, CAREER_EVENTS)
    subscribe(insider, CAREER_EVENTS)
    wait_subscribed(live_api, queues=2)
    Career(live_api).appoint()
    assert next_message(insider)["payload"]["data"]["careerEvents"]["type"] == "CpnsAppointed"
    with pytest.raises(TimeoutError):
        outsider.recv(timeout=1.0)


def test_viewers_may_not_follow_the_raw_events(live_api: Live) -> None:
    socket = acknowledged(live_api, "viewer")
    subscribe(socket, CAREER_EVENTS)
    message = next_message(socket)
    assert message["type"] in ("error", "next")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_one_log_poller_serves_every_subscriber_of_the_process(live_api: Live) -> None:
    sockets = [acknowledged(live_api, subject=f"hr-{i}") for i in range(3)]
    for socket in sockets:
        subscribe(socket, CAREER_EVENTS)
    wait_subscribed(live_api, queues=3)
    Career(live_api).appoint()
    for socket in sockets:
        assert next_message(socket)["type"] == "next"
    hub = live_api.services.extras["live_hub"]
    assert len(hub.queues) == 3 and hub.task is not None
    polls_before, started = hub.polls, time.monotonic()
    time.sleep(0.5)
    # One poll per interval for the process, not one per subscriber.
    elapsed = time.monotonic() - started
    assert hub.polls - polls_before <= elapsed / live_api.settings.live_poll_seconds + 2


def test_a_connection_runs_at_most_the_configured_subscriptions(live_api: Live) -> None:
    socket = acknowledged(live_api)
    for op in ("1", "2"):
        subscribe(socket, CAREER_EVENTS, op)
    subscribe(socket, CAREER_EVENTS, "3")
    message = next_message(socket)
    assert message["id"] == "3"
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "SUBSCRIPTION_LIMIT"


def test_a_subject_opens_at_most_the_configured_connections(live_api: Live) -> None:
    kept = [acknowledged(live_api, subject="alice") for _ in range(3)]
    assert closed_with(open_socket(live_api, live_api.token(subject="alice"))) == 4429
    kept[0].close()
    time.sleep(0.3)
    acknowledged(live_api, subject="alice").close()  # a freed place can be taken again


def test_an_idle_connection_is_closed_with_4408(live_api: Live) -> None:
    socket = acknowledged(live_api)
    started = time.monotonic()
    assert closed_with(socket, timeout=10) == 4408
    assert time.monotonic() - started >= 0.9


def test_projection_progress_reports_the_views_moving(live_api: Live) -> None:
    socket = acknowledged(live_api, "auditor")
    subscribe(socket, "subscription { projectionProgress { head views { name status position lagEvents } } }")
    first = next_message(socket)["payload"]["data"]["projectionProgress"]
    written = Career(live_api).appoint()
    report = first
    while not report["views"] or any(v["position"] < written["position"] for v in report["views"]):
        report = next_message(socket)["payload"]["data"]["projectionProgress"]
        assert report != first  # sent only when something moved
    assert report["head"] >= written["position"]
    assert {v["name"] for v in report["views"]} >= {"career_history", "audit_findings"}
    assert {v["status"] for v in report["views"]} == {"ACTIVE"}


def test_new_audit_findings_are_sent_as_they_appear(live_api: Live) -> None:
    socket = acknowledged(live_api, "auditor")
    subscribe(socket, 'subscription { auditFindingsAdded(unitId: "KEU-01") '
                      "{ kind subjectEventId } }")
    wait_subscribed(live_api, ticks=1)
    career = Career(live_api).appoint_pns()
    late = career.ok("recordEducation", tmt="2016-09-01", graduationDate="2016-08-15",
                     legalBasis=legal("2018-01-15", "SK/IJZ"))
    found = next_message(socket)["payload"]["data"]["auditFindingsAdded"]
    assert found == {"kind": "BACKDATED_SK", "subjectEventId": late["eventId"]}


def _other_unit_appointment() -> dict[str, Any]:
    from tests.e2e.career import cpns_input

    return cpns_input(name="Siti Aminah", birthDate="1985-05-05", gender="FEMALE",
                      tmt="2010-01-01", legalBasis=legal("2009-12-01"), formationYear=2009,
                      unitId="KEU-02", unitName="Biro Keuangan")


