"""Succession and the career path judged against the position's standard in force on the date
(domain.md §6.3, §6.4), read from the standard's own stream, on both stores."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, OTHER_NIP, Career, legal
from tests.e2e.test_competence_api import assessment_input, set_standard, standard_input
from tests.e2e.test_functional_career import (
    CAREER_PATH,
    SUCCESSION,
    eligibility,
    functional_servant,
    rules_by_id,
    talent,
)
from tests.support import LiveServer

TARGET = "JPT-KEU-01"
GAPS = CAREER_PATH.replace("gaps { requirement }",
                           "standardId gaps { requirement required actual outcome toClose "
                           "evidenceEventIds }").replace('asOf: "2025-03-01"', "asOf: $asOf")
GAPS = GAPS.replace("$target: String)", "$target: String, $asOf: Date)")


def target_standard(api: LiveServer, **changes: Any) -> dict[str, Any]:
    return set_standard(api, {
        "positionId": TARGET, "tmt": "2022-01-01", "legalBasis": legal("2021-12-01"),
        "required": {"INTEGRITAS": 3, "KERJA_SAMA": 3}, "minRank": "III_B",
        "trainings": "PKA", **changes})


def two_candidates(api: LiveServer) -> tuple[Career, Career]:
    strong = Career(api).appoint_pns()
    strong.ok("assignPosition")
    strong.ok("mapTalent", talent(8, "MEETS", "HIGH"))
    other = Career(api, OTHER_NIP)
    other.appoint(birthDate="1985-05-05", tmt="2010-01-01", gender="FEMALE")
    other.ok("mapTalent", {**talent(8, "MEETS", "HIGH"), "nip": OTHER_NIP})
    return strong, other


def succession(api: LiveServer) -> dict[str, Any]:
    body = api.gql(SUCCESSION.replace("JPT-KEU-01", TARGET), {"pool": False,
                                                              "p": api.log_head()})
    assert not body.get("errors"), body
    found: dict[str, Any] = body["data"]["successionCandidates"]
    return found


def test_succession_reads_the_jpm_against_the_positions_standard_with_its_evidence(
        api: LiveServer) -> None:
    strong, _other = two_candidates(api)
    standard = target_standard(api)
    set_standard(api, standard_input())  # the held position's: its shortfall opens a need
    # 2 of 3 on KERJA_SAMA: JPM (3 + 2) / 6 = 83.33 % against the target's standard.
    assessed = strong.ok("recordCompetencyAssessment", assessment_input())
    found = succession(api)
    assert found["standardStatus"] == "ASSESSED"
    first, second = found["candidates"]
    assert first["nip"] == NIP and first["jpmPercent"] == "83.33"
    assert first["openNeeds"] == 1
    assert standard["eventId"] in first["evidenceEventIds"]
    assert assessed["eventId"] in first["evidenceEventIds"]
    # Both at III/a below the standard's III/b; the unassessed one has no JPM.
    assert first["rankEligibility"] == "FAIL"
    assert second["nip"] == OTHER_NIP and second["jpmPercent"] is None
    assert second["place"] == 2


def test_succession_judges_by_the_standard_in_force_on_the_date(api: LiveServer) -> None:
    two_candidates(api)
    target_standard(api, tmt="2026-01-01", legalBasis=legal("2024-12-01"))
    found = succession(api)  # asOf 2025-01-01: the standard is not yet in force
    assert found["standardStatus"] == "NOT_ASSESSED"
    assert {c["rankEligibility"] for c in found["candidates"]} == {"UNKNOWN"}


def test_career_path_lists_every_gap_to_the_target_standard_with_what_closes_it(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    standard = target_standard(api)
    assessed = career.ok("recordCompetencyAssessment", assessment_input())
    body = api.gql(GAPS, {"nip": NIP, "target": TARGET, "asOf": "2025-03-01"})
    assert not body.get("errors"), body
    path = body["data"]["careerPath"]
    assert path["standardStatus"] == "ASSESSED" and path["standardId"] == standard["eventId"]
    gaps = {(g["requirement"], g["required"]): g for g in path["gaps"]}
    rank = gaps[("RANK", "III/b")]
    assert (rank["actual"], rank["outcome"], rank["toClose"]) == ("III/a", "FAIL",
                                                                  "1 rank step to III/b")
    assert gaps[("TRAINING", "PKA")]["outcome"] == "FAIL"
    assert gaps[("TRAINING", "PKA")]["toClose"] == "complete PKA"
    integrity = gaps[("COMPETENCY", "INTEGRITAS level 3")]
    assert integrity["outcome"] == "PASS"
    assert integrity["evidenceEventIds"] == [assessed["eventId"]]
    teamwork = gaps[("COMPETENCY", "KERJA_SAMA level 3")]
    assert (teamwork["actual"], teamwork["outcome"]) == ("level 2", "FAIL")
    assert "from level 2 to 3" in teamwork["toClose"]
    before = api.gql(GAPS, {"nip": NIP, "target": TARGET, "asOf": "2021-06-01"})
    assert before["data"]["careerPath"]["standardStatus"] == "NOT_ASSESSED"


def uji_kompetensi(levels: int, **changes: Any) -> dict[str, Any]:
    return assessment_input(**{"tmt": "2024-11-01", "legalBasis": legal("2024-11-05"),
                               "levels": {code: levels for code in MANAGERIAL_CODES},
                               **changes})


MANAGERIAL_CODES = ("INTEGRITAS", "KERJA_SAMA", "KOMUNIKASI", "ORIENTASI_PADA_HASIL",
                    "PELAYANAN_PUBLIK", "PENGEMBANGAN_DIRI_DAN_ORANG_LAIN",
                    "MENGELOLA_PERUBAHAN", "PENGAMBILAN_KEPUTUSAN")


def test_a_level_step_reads_its_competency_test_from_a_uji_kompetensi(api: LiveServer) -> None:
    career, _paks = functional_servant(api, ("60.000", "50.000"))
    weak = career.ok("recordCompetencyAssessment", uji_kompetensi(1))
    j2 = rules_by_id(eligibility(api, "KENAIKAN_JENJANG"))["J2"]
    # Ahli Muda needs managerial level 2 (domain.md §6.1): level 1 fails, naming each one.
    assert j2["outcome"] == "FAIL" and j2["evidenceEventIds"] == [weak["eventId"]]
    assert "INTEGRITAS at level 1, 2 needed" in j2["explanation"]
    strong = career.ok("recordCompetencyAssessment", uji_kompetensi(
        2, tmt="2024-12-01", legalBasis=legal("2024-12-05")))
    j2 = rules_by_id(eligibility(api, "KENAIKAN_JENJANG"))["J2"]
    assert j2["outcome"] == "PASS" and j2["evidenceEventIds"] == [strong["eventId"]]
