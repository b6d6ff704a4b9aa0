"""Replays the hardening findings against a running server and prints pass/fail per finding,
with the longest /healthz wait measured while each hostile request was in flight.

    .venv/bin/python scripts/probe.py http://127.0.0.1:8000 --secret "$RIWAYAT_JWT_SECRET"

The secret (HS256) lets the probe sign its own tokens; without it only the unauthenticated
findings run. The probe writes to the database it is pointed at: use a scratch one.
"""

from __future__ import annotations

import argparse
import socket
import time
from collections.abc import Callable

from probe_careers import findings_of_the_data_branch
from probe_client import (
    HEALTHZ_BUDGET_MS,
    RESULTS,
    Probe,
    appoint,
    check,
    codes,
    fresh_nip,
    training,
    write,
)


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
