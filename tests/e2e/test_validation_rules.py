"""Every validation rule of domain.md §5 (and §3.2, §3.5), posted over HTTP: a bad input is
refused with its code and writes nothing; the matching good input is recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.e2e.career import NIP, Career, cpns_input, default_input, legal
from tests.support import LiveServer

Setup = Callable[[Career], Any]


def appointed(career: Career) -> None:
    career.appoint()


def pns(career: Career) -> None:
    career.appoint_pns()


def sma_pns_at_iii_b(career: Career) -> None:
    """An SLTA graduate (cap III/b) promoted step by step up to the cap."""
    career.appoint(educationLevel="SLTA", initialRank="II_A")
    career.ok("appointPns")
    for rank, tmt in (("II_B", "2016-04-01"), ("II_C", "2016-10-01"), ("II_D", "2017-04-01"),
                      ("III_A", "2017-10-01"), ("III_B", "2018-04-01")):
        career.ok("promoteRank", newRank=rank, tmt=tmt, legalBasis=legal(tmt))


def retired(career: Career) -> None:
    career.appoint_pns()
    career.ok("retire", tmt="2025-02-01", legalBasis=legal("2025-01-02"))


CPNS_CASES = [
    ("nip-not-18-digits", {"nip": "12345"}, "INVALID_NIP"),
    ("nip-impossible-birth-date", {"nip": "199013012015031001"}, "INVALID_NIP"),
    ("nip-sequence-000", {"nip": "199001012015031000"}, "INVALID_NIP"),
    ("nip-bad-gender-digit", {"nip": "199001012015033001"}, "INVALID_NIP"),
    ("tmt-not-first-of-month", {"tmt": "2015-03-02"}, "INVALID_TMT"),
    ("nip-month-differs-from-tmt", {"tmt": "2015-04-01"}, "NIP_MISMATCH"),
    ("nip-birth-date-differs", {"birthDate": "1990-01-02"}, "NIP_MISMATCH"),
    ("nip-gender-differs", {"gender": "FEMALE"}, "NIP_MISMATCH"),
    ("younger-than-18", {"nip": "200001012015031001", "birthDate": "2000-01-01"}, "UNDERAGE"),
    ("sk-date-in-future", {"legalBasis": legal("2099-01-01")}, "SK_DATE_IN_FUTURE"),
    ("sk-number-empty", {"legalBasis": {**legal(), "skNumber": " "}}, "MISSING_FIELD"),
    ("impossible-date", {"birthDate": "1990-02-30"}, "GRAPHQL_VALIDATION_FAILED"),
    ("unknown-enum", {"initialRank": "V_A"}, "GRAPHQL_VALIDATION_FAILED"),
]


@pytest.mark.parametrize(("change", "code"), [c[1:] for c in CPNS_CASES], ids=[c[0] for c in CPNS_CASES])
def test_bad_cpns_appointment_is_refused_and_writes_nothing(
    api: LiveServer, change: dict[str, Any], code: str
) -> None:
    Career(api).rejects("appointCpns", cpns_input(**change), code)


def test_good_cpns_appointment_is_recorded_with_its_envelope(api: LiveServer) -> None:
    result = Career(api).appoint()
    assert result["eventId"] == f"{NIP}:1"
    assert result["type"] == "CpnsAppointed"
    assert result["version"] == 1
    assert result["position"] >= 1
    assert result["warnings"] == []


def test_second_appointment_of_a_nip_is_refused(api: LiveServer) -> None:
    career = Career(api)
    career.appoint()
    career.rejects("appointCpns", cpns_input(name="Someone Else"), "DUPLICATE_APPOINTMENT")


ACT_CASES: list[tuple[str, Setup, str, dict[str, Any], str]] = [
    ("unknown-servant", appointed, "appointPns", {"nip": "199202022016021001"}, "SERVANT_NOT_FOUND"),
    ("pns-twice", pns, "appointPns", {}, "DUPLICATE_APPOINTMENT"),
    ("before-cpns-tmt", appointed, "recordEducation",
     {"tmt": "2014-09-01", "graduationDate": "2014-08-01", "legalBasis": legal("2014-08-20")},
     "BEFORE_APPOINTMENT"),
    ("after-retirement", retired, "recordTraining",
     {"tmt": "2025-06-30", "startDate": "2025-06-01", "endDate": "2025-06-30",
      "legalBasis": legal("2025-07-01")}, "AFTER_EXIT"),
    ("retire-twice", retired, "retire", {"tmt": "2025-08-01"}, "AFTER_EXIT"),
    ("sk-after-recording", pns, "recordEducation", {"legalBasis": legal("2099-05-01")}, "SK_DATE_IN_FUTURE"),
    ("rank-skip", pns, "promoteRank", {"newRank": "III_C"}, "RANK_SKIP"),
    ("rank-not-higher", pns, "promoteRank", {"newRank": "III_A"}, "RANK_SKIP"),
    ("cpns-promoted", appointed, "promoteRank", {}, "NOT_PNS"),
    ("education-cap", sma_pns_at_iii_b, "promoteRank",
     {"newRank": "III_C", "tmt": "2018-10-01", "legalBasis": legal("2018-10-01")}, "EDUCATION_CAP_EXCEEDED"),
    ("period-date-2002-regime", pns, "promoteRank", {"tmt": "2019-05-01"}, "INVALID_PERIOD_DATE"),
    ("period-date-2024-regime", pns, "promoteRank",
     {"tmt": "2024-03-01", "legalBasis": legal("2024-02-01")}, "INVALID_PERIOD_DATE"),
    ("period-date-not-first", pns, "promoteRank",
     {"tmt": "2025-11-02", "legalBasis": legal("2025-10-01")}, "INVALID_PERIOD_DATE"),
    ("structural-eselon-99", pns, "assignPosition",
     {"positionKind": "STRUKTURAL", "positionLevel": "PENGAWAS", "eselon": "99"}, "POSITION_REFERENCE_MISMATCH"),
    ("structural-eselon-level-differs", pns, "assignPosition",
     {"positionKind": "STRUKTURAL", "positionLevel": "ADMINISTRATOR", "eselon": "41"},
     "POSITION_REFERENCE_MISMATCH"),
    ("functional-without-id", pns, "assignPosition", {"functionalPositionId": None},
     "POSITION_REFERENCE_MISMATCH"),
    ("pelaksana-without-id", pns, "assignPosition",
     {"positionKind": "PELAKSANA", "positionLevel": "PELAKSANA", "functionalLevel": None},
     "POSITION_REFERENCE_MISMATCH"),
    ("transfer-to-same-institution", pns, "transferInstitution", {"toInstitutionId": "KEMENKEU"},
     "SAME_INSTITUTION"),
    ("predikat-not-matrix", pns, "recordAppraisal", {"predikat": "SANGAT_BAIK"}, "PREDIKAT_MISMATCH"),
    ("predikat-misconduct", pns, "recordAppraisal",
     {"workBehaviour": "BELOW_EXPECTATION", "predikat": "BUTUH_PERBAIKAN"}, "PREDIKAT_MISMATCH"),
    ("rating-outside-scale", pns, "recordAppraisal", {"workResult": "EXCELLENT"}, "GRAPHQL_VALIDATION_FAILED"),
    ("self-appraisal", pns, "recordAppraisal", {"appraiserNip": NIP}, "SELF_APPRAISAL"),
    ("appraisal-year-after-tmt", pns, "recordAppraisal", {"year": 2018}, "INVALID_YEAR"),
    ("pp94-type-before-2021-08-31", pns, "imposeDiscipline",
     {"tmt": "2020-01-10", "endDate": "2020-07-10", "legalBasis": legal("2020-01-05")},
     "REGULATION_NOT_IN_FORCE"),
    ("pp53-type-after-2021-08-31", pns, "imposeDiscipline",
     {"penaltyType": "PENUNDAAN_KGB_PP53", "regulation": "PP_53_2010", "durationMonths": 12,
      "endDate": "2023-01-10"}, "REGULATION_NOT_IN_FORCE"),
    ("type-of-other-regulation", pns, "imposeDiscipline", {"regulation": "PP_53_2010"}, "REGULATION_MISMATCH"),
    ("level-not-type-level", pns, "imposeDiscipline", {"level": "RINGAN"}, "LEVEL_MISMATCH"),
    ("cut-for-7-months", pns, "imposeDiscipline", {"durationMonths": 7, "endDate": "2022-08-10"},
     "INVALID_DURATION"),
    ("demotion-for-6-months", pns, "imposeDiscipline",
     {"penaltyType": "PENURUNAN_JABATAN_SETINGKAT", "level": "BERAT"}, "INVALID_DURATION"),
    ("end-not-start-plus-duration", pns, "imposeDiscipline", {"endDate": "2022-07-11"}, "END_DATE_MISMATCH"),
    ("zero-jp", pns, "recordTraining", {"hours": 0}, "INVALID_HOURS"),
    ("end-before-start", pns, "recordTraining", {"endDate": "2016-04-30"}, "INVALID_DATE_RANGE"),
    ("no-organiser", pns, "recordTraining", {"organiser": "  "}, "MISSING_FIELD"),
    ("classical-without-certificate", pns, "recordTraining", {"certificateNumber": None},
     "MISSING_CERTIFICATE"),
    ("graduation-after-tmt", pns, "recordEducation", {"graduationDate": "2018-09-02"}, "INVALID_DATE_RANGE"),
    ("version-mismatch", pns, "recordEducation", {"expectedVersion": 1}, "VERSION_CONFLICT"),
]


@pytest.mark.parametrize(
    ("setup", "act", "change", "code"), [c[1:] for c in ACT_CASES], ids=[c[0] for c in ACT_CASES]
)
def test_bad_career_event_is_refused_and_writes_nothing(
    api: LiveServer, setup: Setup, act: str, change: dict[str, Any], code: str
) -> None:
    career = Career(api)
    setup(career)
    career.rejects(act, {**default_input(act), **change}, code)


GOOD_ACTS = ["appointPns", "recordAppraisal", "recordTraining", "recordEducation", "imposeDiscipline",
             "assignPosition", "transferInstitution", "promoteRank", "retire"]


@pytest.mark.parametrize("act", GOOD_ACTS)
def test_good_career_event_is_recorded(api: LiveServer, act: str) -> None:
    career = Career(api)
    career.appoint()
    if act != "appointPns":
        career.ok("appointPns")
    head = api.log_head()
    result = career.ok(act)
    assert result["position"] == head + 1
    assert result["eventId"] == f"{NIP}:{result['version']}"


WARN_CASES: list[tuple[str, Setup, str, dict[str, Any], str]] = [
    ("tmt-long-before-sk", pns, "recordEducation", {"legalBasis": legal("2020-01-01")}, "TMT_LONG_BEFORE_SK"),
    ("jf-level-outside-rank", pns, "assignPosition", {"functionalLevel": "AHLI_MADYA"}, "JF_LEVEL_RANK_MISMATCH"),
    ("non-classical-without-certificate", pns, "recordTraining",
     {"kind": "COACHING", "program": None, "certificateNumber": None}, "MISSING_CERTIFICATE"),
    ("initial-rank-not-entry-rank", lambda c: None, "appointCpns", cpns_input(initialRank="II_C"),
     "INITIAL_RANK_MISMATCH"),
]


@pytest.mark.parametrize(
    ("setup", "act", "change", "code"), [c[1:] for c in WARN_CASES], ids=[c[0] for c in WARN_CASES]
)
def test_warn_rule_records_the_event_and_reports_the_warning(
    api: LiveServer, setup: Setup, act: str, change: dict[str, Any], code: str
) -> None:
    career = Career(api)
    setup(career)
    values = change if act == "appointCpns" else {**default_input(act), **change}
    head = api.log_head()
    result = career.ok(act, values)
    assert code in [w["code"] for w in result["warnings"]]
    assert api.log_head() == head + 1


def test_second_annual_appraisal_of_a_year_is_recorded_with_a_warning(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("recordAppraisal")
    result = career.ok("recordAppraisal")
    assert [w["code"] for w in result["warnings"]] == ["DUPLICATE_APPRAISAL_YEAR"]
