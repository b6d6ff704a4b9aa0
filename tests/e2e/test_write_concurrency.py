"""Concurrent writers: identical idempotent appointments all answer with the replay, keys of
different subjects never meet, and twenty writers of one servant without expected versions
all get through."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from service.application import Idempotency
from tests.e2e.career import NIP, Career, cpns_input, default_input
from tests.support import LiveServer, errors_of

# Valid NIPs of one birth date and CPNS month, told apart by their sequence number.
ROUND_NIPS = [f"199001012015031{n:03d}" for n in range(1, 17)]


def test_concurrent_identical_appointments_all_answer_with_the_replay(api: LiveServer) -> None:
    for nip in ROUND_NIPS:
        career = Career(api, nip)
        values = {**cpns_input(nip=nip), "idempotencyKey": f"appoint-{nip}"}
        head = api.log_head()
        with ThreadPoolExecutor(10) as pool:
            bodies = list(pool.map(career.post, ["appointCpns"] * 10, [values] * 10))
        assert [errors_of(b) for b in bodies] == [[]] * 10, [b.get("errors") for b in bodies]
        results = [b["data"]["appointCpns"] for b in bodies]
        assert sorted(r["replayed"] for r in results) == [False] + [True] * 9
        assert {r["eventId"] for r in results} == {f"{nip}:1"}
        assert api.log_head() == head + 1


def test_idempotency_keys_of_different_subjects_never_collide(api: LiveServer) -> None:
    career = Career(api)
    career.appoint()
    values = default_input("recordEducation")
    first = career.post(
        "recordEducation", {**values, "idempotencyKey": "team/K"}, token=api.token("hr", subject="ops")
    )
    second = career.post(
        "recordEducation", {**values, "idempotencyKey": "K"}, token=api.token("hr", subject="ops/team")
    )
    assert not first.get("errors") and not second.get("errors"), (first, second)
    assert second["data"]["recordEducation"]["replayed"] is False
    assert second["data"]["recordEducation"]["eventId"] != first["data"]["recordEducation"]["eventId"]


def test_keys_stored_in_the_old_combined_form_replay_for_their_own_subject_only(
    api: LiveServer, store: str
) -> None:
    Career(api).appoint_pns()
    app: Any = api.services.app
    training = default_input("recordTraining")

    def record(key: str, subject: str, request: str) -> Any:
        return app.record(
            NIP,
            lambda servant: servant.record_training(_envelope(subject), **_training_payload(training)),
            idempotency=Idempotency(key, request, subject),
        )

    written = record("k1", "alice", "hash-1")
    stored = app.recorder.idempotency_record("alice", "k1")
    # Rows as the old code wrote them: "subject/key" in one column.
    _insert_legacy_row(app, store, "alice/old", "hash-old", stored[1])
    _insert_legacy_row(app, store, "bob/old", "hash-old", stored[1])

    head = api.log_head()
    assert record("old", "alice", "hash-old").replayed is True
    assert api.log_head() == head
    # Bob's combined key names an event Alice recorded: not his, so his request is new.
    assert record("old", "bob", "hash-old").replayed is False
    assert api.log_head() == head + 1
    assert written.replayed is False


def test_twenty_concurrent_writers_of_one_servant_all_succeed(api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()

    def post(n: int) -> dict[str, Any]:
        values = {**default_input("recordTraining"), "name": f"Kursus {n}", "certificateNumber": f"C-{n}"}
        return career.post("recordTraining", values)

    for _round in range(5):
        head = api.log_head()
        with ThreadPoolExecutor(20) as pool:
            bodies = list(pool.map(post, range(20)))
        assert [errors_of(b) for b in bodies] == [[]] * 20, [b.get("errors") for b in bodies]
        assert api.log_head() == head + 20
        versions = sorted(b["data"]["recordTraining"]["version"] for b in bodies)
        assert versions == list(range(versions[0], versions[0] + 20))


def _envelope(subject: str) -> Any:
    from datetime import UTC, date, datetime

    from domain.envelope import Actor, Envelope
    from domain.values import Source

    return Envelope(
        tmt=date(2016, 6, 30), sk_number="SK/1", sk_date=date(2016, 7, 5), sk_official="Kepala BKN",
        actor=Actor(subject, "hr"), recorded_at=datetime.now(UTC), source=Source.MANUAL,
        document_hash=None,
    )


def _training_payload(values: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    from domain.values import LeadershipProgram, TrainingKind

    return {
        "kind": TrainingKind[values["kind"]], "program": LeadershipProgram[values["program"]],
        "name": values["name"], "organiser": values["organiser"], "hours": values["hours"],
        "start_date": date.fromisoformat(values["startDate"]),
        "end_date": date.fromisoformat(values["endDate"]),
        "certificate_number": values["certificateNumber"],
    }


def _insert_legacy_row(app: Any, store: str, key: str, request: str, result: str) -> None:
    row = (key, request, json.dumps(json.loads(result)))
    with app.recorder.datastore.transaction(commit=True) as cursor:
        if store == "sqlite":
            cursor.execute("INSERT INTO riwayat_idempotency VALUES (?, ?, ?)", row)
        else:
            from psycopg.sql import SQL

            table = app.recorder.legacy_idempotency_table
            cursor.execute(SQL("INSERT INTO {} VALUES (%s, %s, %s)").format(table), row)
