"""A write load over HTTP for the fault tests and scripts/load.py: several clients, each posting training
records for its own servants with an idempotency key per record, retrying every failure
(connection refused, 5xx, DATABASE_UNAVAILABLE) with the same key until acknowledged."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRYABLE = frozenset({"DATABASE_UNAVAILABLE", "TIMEOUT", "VERSION_CONFLICT"})
TRAINING = """mutation($input: RecordTrainingInput!) {
  recordTraining(input: $input) { eventId position replayed }
}"""
APPOINT = """mutation($input: AppointCpnsInput!) { appointCpns(input: $input) { eventId } }"""


def nip_for(client: int, servant: int) -> str:
    """Valid, distinct NIPs: born 1990-01-01 + client days, CPNS 2015-03, sequence = servant."""
    return (
        f"1990{1 + client // 28:02d}{1 + client % 28:02d}" + "201503" + "1" + f"{servant + 1:03d}"
    )


def training_input(nip: str, key: str) -> dict[str, Any]:
    return {
        "nip": nip,
        "tmt": "2016-06-30",
        "kind": "TEKNIS",
        "name": f"Diklat {key}",
        "organiser": "BPSDM",
        "hours": 24,
        "startDate": "2016-06-01",
        "endDate": "2016-06-30",
        "certificateNumber": key,
        "legalBasis": {
            "skNumber": f"SK/{key}",
            "skDate": "2016-07-05",
            "skOfficial": "Kepala BPSDM",
        },
        "idempotencyKey": key,
    }


def cpns_input(nip: str) -> dict[str, Any]:
    born = f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}"
    return {
        "nip": nip,
        "tmt": "2015-03-01",
        "name": "Pegawai Uji",
        "birthDate": born,
        "birthPlace": "Bogor",
        "gender": "MALE",
        "educationLevel": "S1",
        "initialRank": "III_A",
        "positionName": "Analis",
        "formationYear": 2014,
        "institutionId": "KEMENKEU",
        "institutionName": "Kementerian Keuangan",
        "unitId": "KEU-01",
        "unitName": "Biro SDM",
        "legalBasis": {"skNumber": "SK/CPNS", "skDate": "2015-02-01", "skOfficial": "Kepala BKN"},
    }


@dataclass
class Outcome:
    acknowledged: dict[str, str] = field(default_factory=dict)  # idempotency key -> event id
    attempts: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # what made a client retry
    failure_seconds: list[float] = field(default_factory=list)  # how long each failed call took
    unacknowledged: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)  # failures a retry cannot fix
    lock: threading.Lock = field(default_factory=threading.Lock)


def post(
    client: httpx.Client, query: str, variables: dict[str, Any]
) -> tuple[dict[str, Any] | None, str]:
    """One attempt: (data, "") when it succeeded, else (None, why)."""
    try:
        response = client.post("/graphql", json={"query": query, "variables": variables})
    except httpx.TransportError as error:
        return None, type(error).__name__
    try:
        body = response.json()
    except ValueError:
        return None, f"HTTP {response.status_code}"
    if body.get("errors"):
        return None, str(body["errors"][0].get("extensions", {}).get("code"))
    data: dict[str, Any] = body["data"]
    return data, ""


def run_load(
    url: str,
    token: str,
    *,
    clients: int,
    servants: int,
    per_servant: int,
    deadline: float,
    tag: str = "k",
    outcome: Outcome | None = None,
) -> Outcome:
    """Appoints ``clients × servants`` servants, then posts ``per_servant`` trainings to each;
    returns what was acknowledged. Stops retrying at ``deadline`` (time.monotonic)."""
    outcome = outcome if outcome is not None else Outcome()

    def client_loop(c: int) -> None:
        headers = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=15) as http:
            nips = [nip_for(c, s) for s in range(servants)]
            for nip in nips:
                _until_done(
                    http,
                    APPOINT,
                    {"input": cpns_input(nip)},
                    outcome,
                    deadline,
                    ok_codes={"DUPLICATE_APPOINTMENT"},
                )
            for i in range(per_servant):
                for nip in nips:
                    key = f"{tag}-{c}-{nip[-3:]}-{i}"
                    event_id = _until_done(
                        http, TRAINING, {"input": training_input(nip, key)}, outcome, deadline
                    )
                    if event_id is None:
                        with outcome.lock:
                            outcome.unacknowledged.append(key)
                        return
                    with outcome.lock:
                        outcome.acknowledged[key] = event_id

    threads = [threading.Thread(target=client_loop, args=(c,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


def start_load(
    url: str, token: str, outcome: Outcome, *, clients: int, servants: int, per_servant: int,
    seconds: float,
) -> threading.Thread:
    """``run_load`` on a background thread, already started; join it to wait for the load."""
    load = threading.Thread(
        target=run_load,
        args=(url, token),
        kwargs={
            "clients": clients,
            "servants": servants,
            "per_servant": per_servant,
            "deadline": time.monotonic() + seconds,
            "outcome": outcome,
        },
    )
    load.start()
    return load


def _until_done(
    http: httpx.Client,
    query: str,
    variables: dict[str, Any],
    outcome: Outcome,
    deadline: float,
    ok_codes: frozenset[str] | set[str] = frozenset(),
) -> str | None:
    while time.monotonic() < deadline:
        started = time.monotonic()
        data, why = post(http, query, variables)
        with outcome.lock:
            outcome.attempts += 1
        if data is not None:
            return str(next(iter(data.values()))["eventId"])
        if why in ok_codes:
            return "-"
        with outcome.lock:
            outcome.failures[why] += 1
            outcome.failure_seconds.append(time.monotonic() - started)
        if why.startswith(("HTTP", "Connect", "Read", "Remote", "Write")) or why in RETRYABLE:
            time.sleep(0.05)
            continue
        with outcome.lock:
            outcome.unexpected.append(f"{why}: {variables}")
        return None
    return None
