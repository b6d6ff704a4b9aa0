"""Unit-level and threshold findings: an appraisal distribution outside the §3.5 guidance
(warning), and back-dated SKs judged by the configured threshold."""

from __future__ import annotations

from tests.e2e.career import Career, legal
from tests.e2e.test_audit_promotion import appraisal, audit_api, findings  # noqa: F401
from tests.support import LiveServer

# Five servants born 1990-01-01, CPNS March 2015, male, sequence 001..005.
NIPS = [f"19900101201503100{i}" for i in range(1, 6)]


def test_unit_rated_all_baik_gets_a_distribution_warning(audit_api: LiveServer) -> None:  # noqa: F811
    for nip in NIPS:
        career = Career(audit_api, nip)
        career.appoint()
        career.ok("recordAppraisal", {**appraisal(2016), "nip": nip})
    warnings = findings(audit_api, kinds=["APPRAISAL_DISTRIBUTION"])
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning["severity"], warning["unitId"], warning["period"]) == ("WARNING", "KEU-01",
                                                                           "2016-01-01")
    assert "5 of 5 (100%)" in warning["explanation"] and "nobody rated" in warning["explanation"]
    assert sorted(warning["eventIds"]) == [f"{nip}:2" for nip in NIPS]
    assert findings(audit_api, kinds=["APPRAISAL_DISTRIBUTION"], unitId="OTHER") == []
    assert findings(audit_api, kinds=["APPRAISAL_DISTRIBUTION"], periodFrom="2017-01-01") == []


def test_unit_with_a_spread_of_ratings_gets_no_warning(audit_api: LiveServer) -> None:  # noqa: F811
    ratings = ["BAIK", "BAIK", "BAIK", "BUTUH_PERBAIKAN", "BUTUH_PERBAIKAN"]
    for nip, predikat in zip(NIPS, ratings, strict=True):
        career = Career(audit_api, nip)
        career.appoint()
        work = "AS_EXPECTED" if predikat == "BAIK" else "BELOW_EXPECTATION"
        career.ok("recordAppraisal", {**appraisal(2016, predikat, work), "nip": nip})
    assert findings(audit_api, kinds=["APPRAISAL_DISTRIBUTION"]) == []


def test_sk_dated_long_after_its_tmt_is_back_dating_above_the_threshold(
        audit_api: LiveServer) -> None:  # noqa: F811
    career = Career(audit_api, NIPS[0]).appoint_pns()
    late = career.ok("recordEducation", tmt="2016-09-01", graduationDate="2016-08-15",
                     legalBasis=legal("2018-01-15", "SK/IJZ"))
    prompt = career.ok("recordTraining")
    flagged = findings(audit_api, kinds=["BACKDATED_SK"])
    assert [f["subjectEventId"] for f in flagged] == [late["eventId"]]
    assert "501 days earlier" in flagged[0]["explanation"]
    assert prompt["eventId"] not in {f["subjectEventId"] for f in flagged}
