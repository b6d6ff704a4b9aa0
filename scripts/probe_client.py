"""The probe's HTTP client, its tokens, the result lines, and the career it writes."""

from __future__ import annotations

import json
import random
import threading
import time
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


RESULT = "{ eventId replayed }"
LEGAL = {"skNumber": "SK/1", "skDate": "2015-02-01", "skOfficial": "Kepala BKN"}


def write(p: Probe, act: str, values: dict[str, Any], token: str | None = None) -> httpx.Response:
    kind = act[0].upper() + act[1:] + "Input"
    query = f"mutation($i: {kind}!) {{ {act}(input: $i) {RESULT} }}"
    return p.post({"query": query, "variables": {"i": values}}, token or p.token("hr"))


def fresh_nip() -> str:
    """A NIP no earlier probe run used: born 1990, CPNS March 2015, a random sequence."""
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
