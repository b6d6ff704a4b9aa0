"""Schemathesis generates GraphQL requests for every operation of the live schema and posts
them as each role: none may end in a 5xx or an INTERNAL_SERVER_ERROR.

Small in the suite; `scripts/fuzz.sh` (RIWAYAT_FUZZ_REQUESTS=2000) runs the full size."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests import support
from tests.e2e import fuzz_values
from tests.e2e.career import OTHER_NIP, Career, cpns_input
from tests.support import LiveServer

REQUESTS = int(os.environ.get("RIWAYAT_FUZZ_REQUESTS", "150"))
# The suite replays the same examples each run (no flaky CI); full-size runs explore anew.
DERANDOMIZE = "RIWAYAT_FUZZ_REQUESTS" not in os.environ
ROLES = ("hr", "auditor", "viewer", "none")
_TEXT = st.text(max_size=30)
# Our custom scalars: decimals as strings (valid and not), JSON as small objects of field changes.
schemathesis.graphql.scalar(
    "Decimal", st.one_of(st.decimals(allow_nan=False).map(str), _TEXT).map(nodes.String)
)
schemathesis.graphql.scalar(
    "JSON",
    st.dictionaries(
        st.sampled_from(["tmt", "skNumber", "newRank", "hours", "name", "bogus", ""]),
        st.one_of(
            _TEXT.map(nodes.String),
            st.integers(-(10**6), 10**6).map(nodes.Int),
            st.just(nodes.Null),
        ),
        max_size=3,
    ).map(lambda fields: nodes.Object([_field(k, v) for k, v in fields.items()])),
)


schemathesis.graphql.scalar("String", fuzz_values.strings.map(nodes.String))
schemathesis.graphql.scalar("Date", fuzz_values.dates.map(nodes.String))
schemathesis.graphql.scalar("DateTime", fuzz_values.aware_datetimes.map(nodes.String))
# Mutations mostly as HR, the only role that may write, so they reach the write path.
WRITER_ROLES = ("hr", "hr", "hr", "hr", "hr", "auditor", "viewer", "none")
# Refusals that come before a NIP is looked at.
BEFORE_NIP = frozenset(
    {"INVALID_NIP", "UNAUTHENTICATED", "FORBIDDEN", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"}
)


def _field(name: str, value: Any) -> Any:
    import graphql

    return graphql.ObjectFieldNode(name=graphql.NameNode(value=name), value=value)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    url = os.environ.get("RIWAYAT_FUZZ_DATABASE_URL") or f"sqlite:///{tmp / 'riwayat.db'}"
    with LiveServer(support.test_settings(url, tmp)) as api:
        Career(api).appoint_pns()  # something real for generated NIPs to miss or hit
        Career(api, OTHER_NIP).appoint(**_other_servant())
        yield api


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    mutations: Counter[str] = field(default_factory=Counter)


def fuzz(api: LiveServer, total: int) -> dict[str, Any]:
    auditor = {"authorization": f"Bearer {api.token('auditor')}"}
    schema = schemathesis.graphql.from_url(f"{api.url}/graphql", headers=auditor)
    operations = [result.ok() for result in schema.get_all_operations()]
    headers = {role: {"authorization": f"Bearer {api.token(role)}"} for role in ROLES[:3]}
    headers["none"] = {}
    tally = Tally()
    for operation in operations:
        _fuzz_operation(api, operation, headers, -(-total // len(operations)), tally)
    return {
        "operations": len(operations),
        "requests": sum(tally.statuses.values()),
        "statuses": dict(tally.statuses),
        "codes": dict(tally.codes.most_common()),
        "failures": tally.failures,
        "mutations": dict(tally.mutations),
        "events": api.log_head(),
    }


def _fuzz_operation(
    api: LiveServer, operation: Any, headers: dict[str, dict[str, str]], examples: int, tally: Tally
) -> None:
    is_mutation = operation.definition.is_mutation
    roles = WRITER_ROLES if is_mutation else ROLES

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=DERANDOMIZE,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), role=st.sampled_from(roles))
    def post(case: Any, role: str) -> None:
        response = case.call(base_url=api.url, headers=headers[role])
        tally.statuses[response.status_code] += 1
        body = response.json() if response.content else {}
        found = [str(e.get("extensions", {}).get("code")) for e in body.get("errors") or []]
        tally.codes.update(found)
        if is_mutation:
            tally.mutations["total"] += 1
            tally.mutations["invalid_nip"] += "INVALID_NIP" in found
            tally.mutations["past_nip"] += not BEFORE_NIP & set(found)
            tally.mutations["accepted"] += response.status_code == 200 and not found
        if response.status_code >= 500 or "INTERNAL_SERVER_ERROR" in found or "None" in found:
            tally.failures.append(
                f"{operation.label} as {role}: {response.status_code} {response.text[:300]}"
            )

    post()


def _other_servant() -> dict[str, Any]:
    return {
        key: value
        for key, value in cpns_input(
            birthDate="1985-05-05", gender="FEMALE", tmt="2010-01-01", name="Siti Aminah",
            formationYear=2009,
        ).items()
        if key != "nip"
    }


# schemathesis' own GraphQL strategies draw from `random` in non-derandomized runs.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
def test_generated_requests_never_cause_a_server_error(server: LiveServer) -> None:
    started = time.monotonic()
    report = fuzz(server, REQUESTS)
    print(
        f"\nfuzz: {report['requests']} requests over {report['operations']} operations in "
        f"{time.monotonic() - started:.0f}s; statuses {report['statuses']}; codes {report['codes']}"
    )
    mutations = report["mutations"]
    print(
        f"fuzz mutations: {mutations['total']} sent, {mutations['invalid_nip']} INVALID_NIP, "
        f"{mutations['past_nip']} past NIP validation "
        f"({mutations['past_nip'] / max(mutations['total'], 1):.0%}), "
        f"{mutations['accepted']} accepted; {report['events']} events in the log"
    )
    assert report["requests"] >= min(REQUESTS, report["operations"])
    assert not report["failures"], "\n".join(report["failures"][:10])
