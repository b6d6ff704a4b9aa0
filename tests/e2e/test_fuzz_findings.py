"""Inputs the fuzzer and probing turned up that once reached an unexpected exception. Each
must be refused with a client error, never INTERNAL_SERVER_ERROR."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import support
from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer, errors_of

# str.isdigit() accepts '²' and int() refuses more than 4,300 digits: both raised ValueError.
# A 5,000-digit id is now refused by the input policy before it is parsed (see
# test_event_ids_over_the_identifier_limit_are_refused); 45 digits still exceed any version.
BAD_VERSIONS = {"superscript-digit": "²", "45-digits": "9" * 45}
HUGE_VERSION = "9" * 5000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp: Path = tmp_path_factory.mktemp("findings")
    with LiveServer(support.test_settings(f"sqlite:///{tmp / 'riwayat.db'}", tmp)) as api:
        Career(api).appoint_pns()
        yield api


@pytest.mark.parametrize("version", BAD_VERSIONS.values(), ids=BAD_VERSIONS.keys())
def test_event_query_with_a_non_ascii_or_huge_version_is_not_found(
    server: LiveServer, version: str
) -> None:
    body = server.gql(f'{{ event(id: "{NIP}:{version}") {{ eventId }} }}', role="auditor")
    assert errors_of(body) == ["EVENT_NOT_FOUND"]


@pytest.mark.parametrize("version", BAD_VERSIONS.values(), ids=BAD_VERSIONS.keys())
def test_retraction_of_a_non_ascii_or_huge_event_id_is_an_invalid_target(
    server: LiveServer, version: str
) -> None:
    variables = {
        "input": {"nip": NIP, "eventId": f"{NIP}:{version}", "reason": "x", "legalBasis": legal()}
    }
    body = server.gql(
        "mutation($input: RetractEventInput!) { retractEvent(input: $input) { eventId } }",
        variables,
    )
    assert errors_of(body) == ["INVALID_TARGET"]


def test_event_ids_over_the_identifier_limit_are_refused(server: LiveServer) -> None:
    body = server.gql(f'{{ event(id: "{NIP}:{HUGE_VERSION}") {{ eventId }} }}', role="auditor")
    assert errors_of(body) == ["VALUE_TOO_LONG"]
    variables = {
        "input": {"nip": NIP, "eventId": f"{NIP}:{HUGE_VERSION}", "reason": "x", "legalBasis": legal()}
    }
    body = server.gql(
        "mutation($input: RetractEventInput!) { retractEvent(input: $input) { eventId } }",
        variables,
    )
    assert errors_of(body) == ["VALUE_TOO_LONG"]


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_promotion_candidates_as_of_year_one_is_a_client_error(
    server: LiveServer, as_of: str
) -> None:
    query = "query($f: CandidateFilter) { promotionCandidates(filter: $f, orderBy: MERIT) { __typename } }"
    body = server.gql(query, {"f": {"eligibleOnly": False, "asOf": as_of}}, role="hr")
    assert body.get("errors") and "INTERNAL_SERVER_ERROR" not in errors_of(body), body
