"""``integrity`` through GraphQL: OK with a digest on an untouched log, the digest still checks
after more writes, and a tamper shows as BROKEN at its position."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from strawberry.tools import merge_types

from service.graphql import schema as schema_module
from service.graphql.audit_queries import AuditQuery
from service.settings import Settings
from tests.e2e.career import Career
from tests.integration.test_integrity_tampering import Attacker
from tests.support import LiveServer

INTEGRITY = """query($digest: String) { integrity(digest: $digest) {
  status checkedEvents headPosition headHash digest firstBreak { position kind reason } } }"""


@pytest.fixture
def audit_api(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    fields = {f.python_name for f in schema_module.Query.__strawberry_definition__.fields}
    if "integrity" not in fields:
        monkeypatch.setattr(schema_module, "Query",
                            merge_types("Query", (schema_module.Query, AuditQuery)))
    with LiveServer(settings) as server:
        yield server


def integrity(api: LiveServer, digest: str | None = None) -> dict[str, object]:
    body = api.gql(INTEGRITY, {"digest": digest}, role="auditor")
    assert not body.get("errors"), body
    result: dict[str, object] = body["data"]["integrity"]
    return result


def test_integrity_digest_survives_appends_and_catches_a_tamper(
        audit_api: LiveServer, settings: Settings) -> None:
    career = Career(audit_api).appoint_pns()
    appraisal = career.ok("recordAppraisal")
    first = integrity(audit_api)
    assert first["status"] == "OK" and first["firstBreak"] is None
    assert first["checkedEvents"] == 3 and first["headPosition"] == appraisal["position"]
    assert first["digest"] == f"{first['headHash']}@{appraisal['position']}"
    career.ok("recordTraining")
    assert integrity(audit_api, str(first["digest"]))["status"] == "OK"
    assert integrity(audit_api)["headPosition"] > appraisal["position"]
    Attacker(settings).alter_payload(appraisal["position"])
    broken = integrity(audit_api)
    assert broken["status"] == "BROKEN" and broken["digest"] is None
    assert broken["firstBreak"] == {"position": appraisal["position"], "kind": "CHANGED",
                                    "reason": broken["firstBreak"]["reason"]}  # type: ignore[index]
    assert integrity(audit_api, str(first["digest"]))["status"] == "BROKEN"


def test_a_malformed_digest_is_refused_with_a_code(audit_api: LiveServer) -> None:
    body = audit_api.gql(INTEGRITY, {"digest": "abc@x"}, role="auditor")
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_DIGEST"]
