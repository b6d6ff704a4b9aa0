"""The probe's replays of the scope and data findings (2, 4-8, 10, 13), each on servants
it appoints itself under fresh NIPs, so it can run again on the same database."""

from __future__ import annotations

import time
import uuid
from typing import Any

from probe_client import (
    Probe,
    appoint,
    check,
    codes,
    concurrently,
    fresh_nip,
    training,
    transfer,
    write,
)


def findings_of_the_data_branch(p: Probe) -> None:
    nip = fresh_nip()
    appointed = appoint(p, nip)
    if codes(appointed):
        check("2", False, f"could not appoint a probe servant: {codes(appointed)}")
        return
    for finding, label, overrides in (
        ("2", "NUL in a name", {"name": "a\u0000b"}),
        ("2", "2,147,483,647 JP", {"hours": 2_147_483_647}),
        ("10", "200 KB name", {"name": "x" * 200_000}),
    ):
        found = codes(write(p, "recordTraining", training(nip, **overrides)))
        check(finding, bool(found) and "INTERNAL_SERVER_ERROR" not in found,
              f"{label}: refused with {found or 'nothing (accepted)'}")
    views, ready = _views_settle(p)
    stuck = [v["name"] for v in views if v["lagEvents"] and v["status"] != "FAILED"]
    failed = [v["name"] for v in views if v["status"] == "FAILED"]
    check("2", not stuck and (not failed or ready == 503),
          f"views after them: caught up except {stuck or 'none'}, FAILED {failed or 'none'}, "
          f"/readyz {ready}")

    moved = fresh_nip()
    appoint(p, moved)
    write(p, "transferInstitution", transfer(moved, "2015-07-01"))
    old_unit = p.token("hr", ["KEMENKEU"])
    for field in (f'careerHistory(nip: "{moved}", validAt: "2015-04-01") {{ nip }}',
                  f'promotionEligibility(nip: "{moved}", knownAt: "2015-01-01T00:00:00Z") '
                  "{ eligible }"):
        found = codes(p.post({"query": "{ " + field + " }"}, old_unit))
        check("4", "FORBIDDEN" in found, f"old unit's HR reads {field.split('(')[0]} in the past: {found}")

    future = fresh_nip()
    appoint(p, future)
    write(p, "transferInstitution", transfer(future, "2030-01-01"), old_unit)
    mine = codes(p.post({"query": f'{{ servant(nip: "{future}") {{ nip }} }}'}, old_unit))
    check("6", "FORBIDDEN" not in mine, f"A's HR after a transfer dated 2030: {mine or 'reads'}")
    theirs = codes(write(p, "recordTraining", training(future), p.token("hr", ["BKN"])))
    check("6", "FORBIDDEN" in theirs, f"B's HR writing before the 2030 transfer: {theirs}")

    raced = fresh_nip()
    key = f"probe-{raced}"
    answers, worst = p.while_healthz(
        lambda: concurrently(10, lambda: appoint(p, raced, idempotencyKey=key))
    )
    bad = [codes(a) for a in answers if codes(a)]
    check("7", not bad, f"10 concurrent appointCpns, one key: {len(bad)} not replays {bad[:2]}, "
          f"/healthz max {worst:.1f} ms")

    shared = fresh_nip()
    appoint(p, shared)
    first = write(p, "recordTraining", {**training(shared), "idempotencyKey": "K"},
                  p.token("hr", sub="ops/team"))
    second = write(p, "recordTraining",
                   {**training(shared, certificateNumber="C-2"), "idempotencyKey": "team/K"},
                   p.token("hr", sub="ops"))
    replayed = (second.json().get("data") or {}).get("recordTraining", {}) or {}
    check("8", not codes(first) and not codes(second) and not replayed.get("replayed"),
          f"subject ops key team/K vs ops/team key K: replayed={replayed.get('replayed')} "
          f"{codes(first)} {codes(second)}")

    hot = fresh_nip()
    appoint(p, hot)
    answers, worst = p.while_healthz(lambda: concurrently(
        20, lambda: write(p, "recordTraining", training(hot, certificateNumber=uuid.uuid4().hex))
    ))
    conflicts = sum("VERSION_CONFLICT" in codes(a) for a in answers)
    check("13", conflicts == 0, f"20 concurrent writers on one servant: {conflicts} VERSION_CONFLICT, "
          f"/healthz max {worst:.1f} ms")
    print("SKIP  5    personal fields in originalValues need a correction; see the suite")


def _views_settle(p: Probe, within: float = 10.0) -> tuple[list[dict[str, Any]], int]:
    """The views' status once they caught up with the log, or as they stand after ``within``."""
    deadline = time.monotonic() + within
    while True:
        body = p.post({"query": "{ projections { name status lagEvents } }"}, p.token("auditor"))
        views: list[dict[str, Any]] = (body.json().get("data") or {}).get("projections") or []
        if all(v["lagEvents"] == 0 for v in views) or time.monotonic() > deadline:
            return views, p.client.get("/readyz").status_code
        time.sleep(0.5)
