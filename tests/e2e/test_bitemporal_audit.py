"""A penalty recorded after a promotion but valid before its TMT: the promotion was compliant
as recorded, is not with today's record, and is reported as a promotion during a penalty."""

from __future__ import annotations

from tests.e2e.career import NIP, Career, legal
from tests.e2e.test_audit_promotion import appraisal, audit, audit_api, findings  # noqa: F401
from tests.support import LiveServer


def test_back_dated_penalty_changes_now_not_then_and_is_flagged(audit_api: LiveServer) -> None:  # noqa: F811
    career = Career(audit_api).appoint_pns()
    career.ok("assignPosition", tmt="2016-06-01", legalBasis=legal("2016-05-20"),
              supervisorRank="IV_A")
    career.ok("recordAppraisal", appraisal(2017))
    career.ok("recordAppraisal", appraisal(2018))
    promotion = career.ok("promoteRank")
    penalty = career.ok("imposeDiscipline", {
        "nip": NIP, "tmt": "2019-01-10", "legalBasis": legal("2019-01-05", "SK/HUKDIS"),
        "penaltyType": "PENUNDAAN_KGB_PP53", "level": "SEDANG", "regulation": "PP_53_2010",
        "durationMonths": 12, "endDate": "2020-01-10", "reason": "Tidak masuk kerja"})
    result = audit(audit_api, promotion["eventId"])
    assert (result["then"]["verdict"], result["now"]["verdict"]) == ("COMPLIANT", "NON_COMPLIANT")
    assert result["now"]["failedRules"] == ["R5"]
    assert [e["eventId"] for e in result["changedBy"]] == [penalty["eventId"]]
    during = findings(audit_api, kinds=["PROMOTION_DURING_PENALTY"])
    assert [f["subjectEventId"] for f in during] == [promotion["eventId"]]
    assert penalty["eventId"] in during[0]["eventIds"]
    assert "recorded after the promotion" in during[0]["explanation"]
    assert findings(audit_api, kinds=["VERDICT_CHANGED"])[0]["subjectEventId"] == penalty["eventId"]
