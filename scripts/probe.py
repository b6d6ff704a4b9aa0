"""Replays the hardening findings against a running server and prints pass/fail per finding,
with the longest /healthz wait measured while each hostile request was in flight.

    scripts/probe.py http://127.0.0.1:8000 --secret "$RIWAYAT_JWT_SECRET"

The secret (HS256) lets the probe sign its own tokens; without it only the unauthenticated
findings run. The probe writes to the database it is pointed at: use a scratch one.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import httpx
import jwt

HEALTHZ_BUDGET_MS = 100.0
RESULTS: list[tuple[str, bool, str]] = []


class Probe:
    def __init__(self, url: str, secret: str | None) -> None:
        self.url, self.secret = url.rstrip("/"), secret
        parsed = urlparse(self.url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.client = httpx.Client(base_url=self.url, timeout=60)
        self.worst_healthz_ms = 0.0

    def token(self, role: str = "hr", scopes: list[str] | None = None, **claims: Any) -> str:
        assert self.secret, "--secret is needed for this finding"
        now = time.time()
        values = {"sub": f"probe-{role}", "role": role, "scope": ["*"] if scopes is None else scopes,
                  "iat": now, "exp": now + 600, **claims}
        return jwt.encode(values, self.secret, "HS256")

    def post(self, body: Any, token: str | None = None) -> httpx.Response:
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        content = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post("/graphql", content=content, headers=headers)

    def while_healthz(self, hostile: Callable[[], Any]) -> tuple[Any, float]:
        """Runs ``hostile`` in a thread and polls /healthz until it is done: the worst wait."""
        outcome: list[Any] = []
        thread = threading.Thread(target=lambda: outcome.append(hostile()))
        waits: list[float] = []
        with httpx.Client(base_url=self.url, timeout=60) as health:
            thread.start()
            while thread.is_alive() or not waits:
                started = time.perf_counter()
                health.get("/healthz")
                waits.append((time.perf_counter() - started) * 1000)
                time.sleep(0.01)
        thread.join()
        worst = max(waits)
        self.worst_healthz_ms = max(self.worst_healthz_ms, worst)
        return (outcome[0] if outcome else None), worst


def codes(response: httpx.Response) -> list[str]:
    try:
        body = response.json()
    except ValueError:
        return [f"HTTP {response.status_code}"]
    return [str(e.get("extensions", {}).get("code")) for e in body.get("errors") or []]


def check(finding: str, ok: bool, detail: str) -> None:
    RESULTS.append((finding, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {finding:4} {detail}", flush=True)


def fragment_bomb(levels: int, width: int = 3) -> str:
    fragments = ["fragment F0 on Servant{name}"] + [
        f"fragment F{i} on Servant{{{' '.join([f'...F{i - 1}'] * width)}}}"
        for i in range(1, levels + 1)
    ]
    return f'{{servant(nip:"1"){{...F{levels}}}}} ' + " ".join(fragments)


def finding_1(p: Probe) -> None:
    for levels, width in ((14, 3), (60, 5)):
        body = {"query": fragment_bomb(levels, width)}
        response, worst = p.while_healthz(lambda b=body: p.post(b))  # type: ignore[misc]
        check("1", codes(response) == ["QUERY_TOO_COMPLEX"],
              f"fragment bomb {levels}x{width}: {codes(response)}, /healthz max {worst:.1f} ms")


def finding_3(p: Probe) -> None:
    def big_header() -> bytes:
        with socket.create_connection((p.host, p.port), timeout=10) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\nx-pad: ")
            try:
                for _ in range(512):  # 32 MB
                    sock.sendall(b"a" * 65536)
                sock.sendall(b"\r\n\r\n")
                return sock.recv(64)
            except OSError:
                return b"closed"

    reply, worst = p.while_healthz(big_header)
    check("3", not reply.startswith(b"HTTP/1.1 200"),
          f"32 MB header: {reply[:20]!r}, /healthz max {worst:.1f} ms")
    idle = [socket.create_connection((p.host, p.port)) for _ in range(20)]
    for sock in idle:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nhost: x\r\n")
    closed_after = None
    started = time.monotonic()
    for sock in idle:
        sock.settimeout(max(1.0, 60 - (time.monotonic() - started)))
        try:
            sock.recv(10)
            closed_after = time.monotonic() - started
        except OSError:
            closed_after = None
            break
    for sock in idle:
        sock.close()
    check("3", closed_after is not None and closed_after < 60,
          f"20 sockets stuck mid-header closed after {closed_after or float('inf'):.1f} s")


def finding_9(p: Probe) -> None:
    if p.secret:
        naive = p.post({"query": '{ servant(nip: "199001012015031001", '
                                 'knownAt: "2020-01-01T00:00:00") { nip } }'}, p.token("auditor"))
        check("9", codes(naive) == ["TIMEZONE_REQUIRED"], f"naive knownAt: {codes(naive)}")
        surrogate = p.post('{"query": "{ servant(nip: \\"\\ud800\\") { nip } }"}', p.token("auditor"))
        check("9", "INTERNAL_SERVER_ERROR" not in codes(surrogate) and surrogate.status_code < 500,
              f"lone surrogate: {codes(surrogate)}")
    deep = p.post("[" * 1000 + "]" * 1000)
    check("9", deep.status_code == 400 and codes(deep) == ["JSON_TOO_DEEP"],
          f"JSON nested 1000 deep: HTTP {deep.status_code} {codes(deep)}")
    with socket.create_connection((p.host, p.port), timeout=5) as sock:
        sock.sendall(b"POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                     b'content-length: 400\r\n\r\n{"query": "{ __ty')
    check("9", p.client.get("/healthz").status_code == 200,
          "client left mid-body (check the server log: status 499, no traceback)")


def finding_11(p: Probe) -> None:
    for label, claims in (("empty sub", {"sub": ""}), ("blank sub", {"sub": "  "}),
                          ("exp 1e20", {"exp": 1e20})):
        response = p.post({"query": "{ auditFindings { totalCount } }"}, p.token("auditor", **claims))
        check("11", codes(response) == ["UNAUTHENTICATED"], f"{label}: {codes(response)}")


def finding_12(p: Probe) -> None:
    import base64

    cursor = base64.urlsafe_b64encode(b"o:-5").decode()
    q = '{ unitTrainingLedgers(unit: "KEU-01", year: 2016, after: "%s") { totalCount } }'
    wrapped = p.post({"query": q % cursor}, p.token("auditor"))
    check("12", codes(wrapped) == ["INVALID_CURSOR"], f"cursor o:-5: {codes(wrapped)}")
    trained = fresh_nip()
    appoint(p, trained)
    write(p, "recordTraining", training(trained))
    time.sleep(1)  # the ledger view catches up
    past = base64.urlsafe_b64encode(b"o:500").decode()
    foreign = p.post({"query": q % past}, p.token("hr", ["NO-SUCH-AGENCY"]))
    total = (foreign.json().get("data") or {}).get("unitTrainingLedgers")
    check("12", total is None, f"out-of-scope totalCount past the end: {codes(foreign) or total}")
    two = p.post({"query": "query A { __typename } query B { __typename }"}, p.token("auditor"))
    check("12", codes(two) == ["OPERATION_NAME_REQUIRED"], f"two operations: {codes(two)}")
    deep = '{ __type(name: "Servant") ' + "{ ofType " * 50 + "{ name }" + "}" * 50 + " }"
    check("12", codes(p.post({"query": deep}, p.token("auditor"))) == ["QUERY_TOO_DEEP"],
          "introspection 50 deep is refused")


RESULT = "{ eventId replayed }"
LEGAL = {"skNumber": "SK/1", "skDate": "2015-02-01", "skOfficial": "Kepala BKN"}


def write(p: Probe, act: str, values: dict[str, Any], token: str | None = None) -> httpx.Response:
    kind = act[0].upper() + act[1:] + "Input"
    query = f"mutation($i: {kind}!) {{ {act}(input: $i) {RESULT} }}"
    return p.post({"query": query, "variables": {"i": values}}, token or p.token("hr"))


def fresh_nip() -> str:
    """A NIP no earlier probe run used: born 1990, CPNS March 2015, a random sequence."""
    import random

    day = random.randint(1, 28)
    return f"199001{day:02d}201503{random.choice('12')}{random.randint(1, 999):03d}"


def appoint(p: Probe, nip: str, **overrides: Any) -> httpx.Response:
    values = {
        "nip": nip, "tmt": "2015-03-01", "legalBasis": LEGAL, "name": "Probe Servant",
        "birthDate": f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}", "birthPlace": "Bandung",
        "gender": "MALE" if nip[14] == "1" else "FEMALE", "educationLevel": "S1",
        "initialRank": "III_A", "positionName": "Analis", "formationYear": 2014,
        "institutionId": "KEMENKEU", "institutionName": "Kementerian Keuangan",
        "unitId": "KEU-01", "unitName": "Biro SDM", **overrides,
    }
    return write(p, "appointCpns", values)


def training(nip: str, **overrides: Any) -> dict[str, Any]:
    return {
        "nip": nip, "tmt": "2016-06-30", "kind": "STRUKTURAL", "program": "LATSAR_CPNS",
        "name": "Latsar", "organiser": "BPSDM", "hours": 40, "startDate": "2016-05-01",
        "endDate": "2016-06-30", "certificateNumber": "C-1",
        "legalBasis": {**LEGAL, "skDate": "2016-07-05"}, **overrides,
    }


def transfer(nip: str, tmt: str) -> dict[str, Any]:
    return {
        "nip": nip, "tmt": tmt, "legalBasis": {**LEGAL, "skDate": "2015-06-01"},
        "toInstitutionId": "BKN", "toInstitutionName": "Badan Kepegawaian Negara",
        "toUnitId": "BKN-02", "toUnitName": "Direktorat Kinerja",
    }


def concurrently(count: int, call: Callable[[], httpx.Response]) -> list[httpx.Response]:
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda: answers.append(call())) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


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
    time.sleep(2)
    status = p.client.get("/readyz")
    check("2", status.status_code == 200, f"/readyz after them: {status.status_code} {status.text[:120]}")

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--secret", help="the server's RIWAYAT_JWT_SECRET (HS256)")
    args = parser.parse_args()
    p = Probe(args.url, args.secret)
    steps: list[Callable[[Probe], None]] = [finding_1, finding_3, finding_9]
    if args.secret:
        steps += [finding_11, finding_12, findings_of_the_data_branch]
    for step in steps:
        try:
            step(p)
        except Exception as error:  # a probe that crashes is a failed finding, not the end
            check(step.__name__.removeprefix("finding_"), False, f"probe error: {error!r}")
    within = p.worst_healthz_ms <= HEALTHZ_BUDGET_MS
    print(f"{'PASS' if within else 'FAIL'}  /healthz worst wait during hostile requests: "
          f"{p.worst_healthz_ms:.1f} ms (budget {HEALTHZ_BUDGET_MS:.0f} ms)")
    failed = [r for r in RESULTS if not r[1]] or ([] if within else ["healthz"])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
