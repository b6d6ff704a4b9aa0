"""The promotion audit and audit findings through GraphQL: a promotion recorded while R2 failed
stays NON_COMPLIANT *then* after a correction makes R2 pass *now*, and a finding records it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from strawberry.tools import merge_types

from projections import views
from projections.views.audit_findings.rows import AuditFindingsView
from service.graphql import schema as schema_module
from service.graphql.audit_queries import AuditQuery
from service.settings import Settings
from tests.e2e.career import NIP, OTHER_NIP, Career, legal
from tests.support import LiveServer, errors_of


@pytest.fixture
def audit_api(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    """The API with the audit view and queries, whether or not they are wired in yet."""
    monkeypatch.setitem(views.VIEW_CLASSES, "audit_findings", AuditFindingsView)
    fields = {f.python_name for f in schema_module.Query.__strawberry_definition__.fields}
    if "promotion_audit" not in fields:
        monkeypatch.setattr(schema_module, "Query",
                            merge_types("Query", (schema_module.Query, AuditQuery)))
    with LiveServer(settings) as server:
        yield server


def appraisal(year: int, predikat: str = "BAIK", work_result: str = "AS_EXPECTED") -> dict[str, Any]:
    tmt = f"{year + 1}-01-31"
    return {"nip": NIP, "tmt": tmt, "legalBasis": legal(f"{year + 1}-01-20", f"SKP/{year}"),
            "year": year, "workResult": work_result, "workBehaviour": "AS_EXPECTED",
            "predikat": predikat, "appraiserNip": OTHER_NIP, "appraiserName": "Siti Aminah"}


def promoted_while_r2_failed(api: LiveServer) -> tuple[Career, dict[str, Any], dict[str, Any]]:
    """III/a since 2015, a supervisor at IV/a, SKP 2017 Baik and 2018 Butuh Perbaikan, then
    promoted to III/b on 2019-04-01: every rule passes except R2."""
    career = Career(api).appoint_pns()
    career.ok("assignPosition", tmt="2016-06-01", legalBasis=legal("2016-05-20"),
              supervisorRank="IV_A")
    career.ok("recordAppraisal", appraisal(2017))
    weak = career.ok("recordAppraisal", appraisal(2018, "BUTUH_PERBAIKAN", "BELOW_EXPECTATION"))
    promotion = career.ok("promoteRank")
    return career, weak, promotion


AUDIT = """query($id: String!) { promotionAudit(eventId: $id) {
  eventId newRank promotionType retracted verdictChanged
  promotion { recordedBy recordedByRole skNumber skDate }
  then { verdict failedRules ruleSetVersion validAt servant { rank rankTmt }
         rules { ruleId passed evidenceEventIds explanation }
         evidence { eventId type recordedBy } }
  now { verdict failedRules rules { ruleId passed evidenceEventIds } }
  changedBy { eventId type targetEventId reason recordedBy changes }
} }"""

FINDINGS = """query($filter: AuditFindingFilter, $first: Int, $after: String) {
  auditFindings(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { kind severity nip unitId period subjectEventId eventIds positions
                   explanation provenance details } } } }"""


def audit(api: LiveServer, event_id: str) -> dict[str, Any]:
    body = api.gql(AUDIT, {"id": event_id}, role="auditor")
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["promotionAudit"]
    return result


def findings(api: LiveServer, **flt: Any) -> list[dict[str, Any]]:
    api.services.read_models.wait_for(api.log_head(), ["audit_findings"], 15)
    body = api.gql(FINDINGS, {"filter": flt or None}, role="auditor")
    assert not body.get("errors"), body
    return [edge["node"] for edge in body["data"]["auditFindings"]["edges"]]


def test_promotion_recorded_while_r2_failed_is_non_compliant_with_r2(audit_api: LiveServer) -> None:
    _, weak, promotion = promoted_while_r2_failed(audit_api)
    result = audit(audit_api, promotion["eventId"])
    assert result["then"]["verdict"] == "NON_COMPLIANT"
    assert result["then"]["failedRules"] == ["R2"]
    assert result["then"]["ruleSetVersion"] == "KP-REGULER-2002.1"
    assert result["then"]["servant"] == {"rank": "III_A", "rankTmt": "2015-03-01"}
    r2 = next(r for r in result["then"]["rules"] if r["ruleId"] == "R2")
    assert weak["eventId"] in r2["evidenceEventIds"] and "Butuh Perbaikan" in r2["explanation"]
    assert {r["ruleId"] for r in result["then"]["rules"]} == {f"R{i}" for i in range(9)}
    assert {e["eventId"] for e in result["then"]["evidence"]} >= {weak["eventId"], f"{NIP}:1"}
    assert all(e["recordedBy"] == "test-hr" for e in result["then"]["evidence"])
    assert result["promotion"]["recordedBy"] == "test-hr"
    assert result["promotion"]["skNumber"] == "SK/001"
    assert result["now"]["verdict"] == "NON_COMPLIANT" and not result["verdictChanged"]
    assert result["changedBy"] == []
    kinds = {f["kind"]: f for f in findings(audit_api, nip=NIP)}
    assert "R2" in kinds["PROMOTION_RULES_FAILED"]["explanation"]
    assert kinds["PROMOTION_RULES_FAILED"]["subjectEventId"] == promotion["eventId"]
    assert kinds["PROMOTION_RULES_FAILED"]["provenance"].startswith("audit_findings g")


def test_correction_changes_the_now_verdict_but_not_then_and_is_a_finding(
        audit_api: LiveServer) -> None:
    career, weak, promotion = promoted_while_r2_failed(audit_api)
    correction = career.ok("correctEvent", {
        "nip": NIP, "eventId": weak["eventId"], "legalBasis": legal("2020-02-01", "SK/KOREKSI"),
        "changes": {"workResult": "AS_EXPECTED", "predikat": "BAIK"},
        "reason": "Keberatan atas SKP 2018 dikabulkan"})
    result = audit(audit_api, promotion["eventId"])
    assert (result["then"]["verdict"], result["then"]["failedRules"]) == ("NON_COMPLIANT", ["R2"])
    assert (result["now"]["verdict"], result["now"]["failedRules"]) == ("COMPLIANT", [])
    assert result["verdictChanged"]
    assert [c["eventId"] for c in result["changedBy"]] == [correction["eventId"]]
    assert result["changedBy"][0]["targetEventId"] == weak["eventId"]
    assert result["changedBy"][0]["reason"] == "Keberatan atas SKP 2018 dikabulkan"
    changed = [f for f in findings(audit_api, kinds=["VERDICT_CHANGED"])]
    assert len(changed) == 1
    assert changed[0]["subjectEventId"] == correction["eventId"]
    assert set(changed[0]["eventIds"]) == {promotion["eventId"], correction["eventId"]}
    assert changed[0]["details"]["then"] == "NON_COMPLIANT"
    assert changed[0]["details"]["now"] == "COMPLIANT"
    # The finding about the promotion as recorded stays: it was non-compliant when recorded.
    assert findings(audit_api, kinds=["PROMOTION_RULES_FAILED"])[0]["nip"] == NIP


def test_findings_filter_by_kind_unit_and_period_and_page(audit_api: LiveServer) -> None:
    promoted_while_r2_failed(audit_api)
    every = findings(audit_api)
    assert {"PROMOTION_RULES_FAILED", "SAME_ACTOR_EVIDENCE"} <= {f["kind"] for f in every}
    assert findings(audit_api, unitId="NOWHERE") == []
    assert findings(audit_api, periodFrom="2019-04-02") == []
    assert findings(audit_api, periodFrom="2019-04-01", periodTo="2019-04-01") != []
    same = findings(audit_api, kinds=["SAME_ACTOR_EVIDENCE"])[0]
    assert "within 72 hours" in same["explanation"]
    body = audit_api.gql(FINDINGS, {"first": 1}, role="auditor")["data"]["auditFindings"]
    assert body["totalCount"] == len(every) and body["pageInfo"]["hasNextPage"]
    rest = audit_api.gql(FINDINGS, {"first": 50, "after": body["pageInfo"]["endCursor"]},
                         role="auditor")["data"]["auditFindings"]
    assert len(rest["edges"]) == len(every) - 1


def test_audit_queries_are_for_auditors_only(audit_api: LiveServer) -> None:
    _, _, promotion = promoted_while_r2_failed(audit_api)
    for role in ("hr", "viewer"):
        for query, variables in ((AUDIT, {"id": promotion["eventId"]}), (FINDINGS, {}),
                                 ("{ integrity { status } }", {})):
            assert errors_of(audit_api.gql(query, variables, role=role)) == ["FORBIDDEN"]


def test_auditing_an_event_that_is_not_a_promotion_is_refused(audit_api: LiveServer) -> None:
    promoted_while_r2_failed(audit_api)
    body = audit_api.gql(AUDIT, {"id": f"{NIP}:1"}, role="auditor")
    assert errors_of(body) == ["NOT_A_PROMOTION"]
    assert errors_of(audit_api.gql(AUDIT, {"id": f"{NIP}:99"}, role="auditor")) == \
        ["EVENT_NOT_FOUND"]
