"""Typed reads over HTTP: a history row's payload (corrections applied), its original and its
corrections' typed changes, a viewer's typed payload without personal fields, audit findings'
particulars per kind, and a correction's typed changes in the promotion audit. The JSON
fields stay, deprecated."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, Career, legal
from tests.e2e.test_audit_findings import NIPS
from tests.e2e.test_audit_promotion import (  # noqa: F401
    appraisal,
    audit_api,
    findings,
    promoted_while_r2_failed,
)
from tests.support import LiveServer

PERSON = "name birthDate birthPlace gender"
HISTORY = f"""query($nip: String!, $p: Int) {{ careerHistory(nip: $nip, minPosition: $p) {{
  statusHistory {{ title details
    payload {{ __typename ... on CpnsAppointedPayload {{ {PERSON} }} }}
    originalPayload {{ __typename ... on CpnsAppointedPayload {{ {PERSON} }} }}
    corrections {{ corrected {{ ... on CpnsAppointedChanges {{ changedFields birthPlace }} }} }} }}
  rankPeriods {{ title details provenance {{ eventIds }}
    payload {{ __typename ... on RankPromotedPayload {{ newRank promotionType pertekNumber }} }}
    originalPayload {{ ... on RankPromotedPayload {{ newRank pertekNumber }} }}
    corrections {{ eventId corrected {{ __typename
      ... on RankPromotedChanges {{ changedFields pertekNumber newRank }} }} }} }} }} }}"""


def _history(api: LiveServer, role: str) -> dict[str, Any]:
    body = api.gql(HISTORY, {"nip": NIP, "p": api.log_head()}, role=role)
    assert not body.get("errors"), body
    history: dict[str, Any] = body["data"]["careerHistory"]
    return history


def test_a_history_row_carries_its_typed_payload_as_corrected_and_as_first_recorded(
        api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()
    promoted = career.ok("promoteRank")
    correction = career.ok("correctEvent", {"nip": NIP, "eventId": promoted["eventId"],
                               "legalBasis": legal("2019-06-01"),
                               "changes": {"pertekNumber": "PT/9"}, "reason": "pertek tertinggal"})
    rows = _history(api, "hr")["rankPeriods"]
    promotion = next(r for r in rows if r["provenance"]["eventIds"][0] == promoted["eventId"])
    assert promotion["payload"] == {"__typename": "RankPromotedPayload", "newRank": "III_B",
                                    "promotionType": "REGULER", "pertekNumber": "PT/9"}
    assert promotion["originalPayload"] == {"newRank": "III_B", "pertekNumber": None}
    assert promotion["details"]["pertekNumber"] == "PT/9"  # the JSON form agrees
    assert promotion["corrections"] == [{"eventId": correction["eventId"], "corrected": {
        "__typename": "RankPromotedChanges", "changedFields": ["pertekNumber"],
        "pertekNumber": "PT/9", "newRank": None}}]
    initial = next(r for r in rows if r is not promotion)
    assert initial["payload"]["__typename"] == "CpnsAppointedPayload"
    assert initial["originalPayload"] is None  # never corrected


def test_a_viewers_typed_payload_has_no_personal_fields(api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()
    career.ok("correctEvent", {"nip": NIP, "eventId": f"{NIP}:1", "changes": {"birthPlace": "Jakarta"},
                               "reason": "salah tulis tempat lahir", "legalBasis": legal("2016-04-01")})

    def appointment(role: str) -> dict[str, Any]:
        rows = _history(api, role)["statusHistory"]
        row: dict[str, Any] = next(r for r in rows if r["title"] == "CPNS")
        return row

    hr = appointment("hr")
    assert hr["payload"] == {"__typename": "CpnsAppointedPayload", "name": "Budi Santoso",
                             "birthDate": "1990-01-01", "birthPlace": "Jakarta", "gender": "MALE"}
    assert hr["originalPayload"]["birthPlace"] == "Bandung"
    assert hr["corrections"] == [{"corrected": {"changedFields": ["birthPlace"],
                                                "birthPlace": "Jakarta"}}]
    viewer = appointment("viewer")
    withheld = {"birthDate": None, "birthPlace": None, "gender": None}
    assert viewer["payload"] == {"__typename": "CpnsAppointedPayload", "name": "Budi Santoso",
                                 **withheld}
    assert viewer["originalPayload"] == {"__typename": "CpnsAppointedPayload",
                                         "name": "Budi Santoso", **withheld}
    assert viewer["corrections"] == [{"corrected": {"changedFields": [], "birthPlace": None}}]


PARTICULARS = """query($filter: AuditFindingFilter) { auditFindings(filter: $filter, first: 50) {
  edges { node { kind severity particulars { __typename
    ... on PromotionRulesFailedDetails { failedRules }
    ... on SameActorEvidenceDetails { actor evidence { eventId hoursBefore } }
    ... on VerdictChangedDetails { promotionEventId then now failedThen failedNow }
    ... on BackdatedSkDetails { eventType daysLate }
    ... on AppraisalDistributionDetails { year counts { predikat count } } } } } } }"""


def _particulars(api: LiveServer, **flt: Any) -> dict[str, dict[str, Any]]:
    findings(api)  # waits for the view
    body = api.gql(PARTICULARS, {"filter": flt or None}, role="auditor")
    assert not body.get("errors"), body
    return {e["node"]["kind"]: e["node"] for e in body["data"]["auditFindings"]["edges"]}


def test_finding_particulars_are_typed_by_the_kind_of_finding(audit_api: LiveServer) -> None:  # noqa: F811
    career, weak, promotion = promoted_while_r2_failed(audit_api)
    correction = career.ok("correctEvent", {
        "nip": NIP, "eventId": weak["eventId"], "legalBasis": legal("2020-02-01", "SK/KOREKSI"),
        "changes": {"workResult": "AS_EXPECTED", "predikat": "BAIK"}, "reason": "keberatan"})
    found = _particulars(audit_api, nip=NIP)
    failed = found["PROMOTION_RULES_FAILED"]
    assert failed["severity"] == "HIGH"
    assert failed["particulars"] == {"__typename": "PromotionRulesFailedDetails",
                                     "failedRules": ["R2"]}
    same = found["SAME_ACTOR_EVIDENCE"]["particulars"]
    assert same["actor"] == "test-hr" and weak["eventId"] in {e["eventId"] for e in same["evidence"]}
    assert all(isinstance(e["hoursBefore"], float) for e in same["evidence"])
    assert found["VERDICT_CHANGED"]["particulars"] == {
        "__typename": "VerdictChangedDetails", "promotionEventId": promotion["eventId"],
        "then": "NON_COMPLIANT", "now": "COMPLIANT", "failedThen": ["R2"], "failedNow": []}

    audit = audit_api.gql("""query($id: String!) { promotionAudit(eventId: $id) { changedBy {
        eventId type corrected { __typename
          ... on AppraisalRecordedChanges { changedFields predikat workResult year } } } } }""",
                          {"id": promotion["eventId"]}, role="auditor")
    assert not audit.get("errors"), audit
    [changed] = audit["data"]["promotionAudit"]["changedBy"]
    assert changed == {"eventId": correction["eventId"], "type": "EventCorrected", "corrected": {
        "__typename": "AppraisalRecordedChanges", "changedFields": ["workResult", "predikat"],
        "predikat": "BAIK", "workResult": "AS_EXPECTED", "year": None}}


def test_unit_and_threshold_findings_have_typed_particulars(audit_api: LiveServer) -> None:  # noqa: F811
    for nip in NIPS:
        career = Career(audit_api, nip)
        career.appoint()
        career.ok("recordAppraisal", {**appraisal(2016), "nip": nip})
    Career(audit_api, NIPS[0]).ok("recordEducation", tmt="2016-09-01", graduationDate="2016-08-15",
                                  legalBasis=legal("2018-01-15", "SK/IJZ"))
    found = _particulars(audit_api)
    warning = found["APPRAISAL_DISTRIBUTION"]
    assert warning["severity"] == "WARNING"
    assert warning["particulars"] == {"__typename": "AppraisalDistributionDetails", "year": 2016,
                                      "counts": [{"predikat": "BAIK", "count": 5}]}
    assert found["BACKDATED_SK"]["particulars"] == {
        "__typename": "BackdatedSkDetails", "eventType": "EducationCompleted", "daysLate": 501}


def test_the_payloads_of_a_whole_history_read_the_servants_stream_once(
        api: LiveServer, monkeypatch: Any) -> None:
    career = Career(api)
    career.appoint_pns()
    career.ok("promoteRank")
    app, reads = api.services.app, []
    original = app.servant

    def counted(nip: str) -> Any:
        reads.append(nip)
        return original(nip)

    monkeypatch.setattr(app, "servant", counted)
    bare = ("query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) { "
            "statusHistory { title } rankPeriods { title } } }")
    rows = sum(len(v) for v in _history(api, "viewer").values())
    with_payloads = len(reads)
    reads.clear()
    assert not api.gql(bare, {"nip": NIP, "p": api.log_head()}, role="viewer").get("errors")
    assert rows >= 3 and with_payloads - len(reads) == 1
