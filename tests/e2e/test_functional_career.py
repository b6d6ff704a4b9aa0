"""A functional servant's career through GraphQL on both stores: PAK credit, talent maps,
KP pilihan JF decided rule by rule with the credit as evidence, and the audit of a JF
promotion recorded while a rule failed."""

from __future__ import annotations

from typing import Any

from tests.e2e.career import NIP, OTHER_NIP, Career, default_input, legal
from tests.support import LiveServer, errors_of

ELIGIBILITY = """query($nip: String!, $asOf: Date, $p: Int, $kind: PromotionKindValue) {
  promotionEligibility(nip: $nip, asOf: $asOf, minPosition: $p, promotionKind: $kind) {
    promotionKind decision eligible candidateTmt ruleSetVersion failedRules
    rules { ruleId outcome passed evidenceEventIds explanation missing source }
    merit { components { code score evidenceEventIds note } }
  } }"""


def appraisal(year: int, predikat: str = "BAIK") -> dict[str, Any]:
    return {"nip": NIP, "tmt": f"{year + 1}-01-31", "legalBasis": legal(f"{year + 1}-01-20",
            f"SKP/{year}"), "year": year, "workResult": "AS_EXPECTED",
            "workBehaviour": "AS_EXPECTED", "predikat": predikat, "appraiserNip": OTHER_NIP,
            "appraiserName": "Siti Aminah"}


def pak(year: int, credit: str) -> dict[str, Any]:
    return {"nip": NIP, "tmt": f"{year + 1}-01-15", "legalBasis": legal(f"{year + 1}-01-10",
            f"PAK/{year}"), "periodStart": f"{year}-01-01", "periodEnd": f"{year}-12-31",
            "creditScore": credit}


def talent(box: int, performance: str, potential: str) -> dict[str, Any]:
    return {"nip": NIP, "tmt": "2024-03-01", "legalBasis": legal("2024-02-20", "TM/2024"),
            "box": box, "performance": performance, "potential": potential,
            "periodStart": "2023-01-01", "periodEnd": "2023-12-31",
            "inputs": f"{NIP}:4,{NIP}:6"}


def functional_servant(api: LiveServer, credits: tuple[str, ...]) -> tuple[Career, list[str]]:
    """Ahli Pertama at III/a since 2015 (position 2020), SKP 2023 and 2024 Baik, and one PAK a
    year from 2023 with ``credits``; returns the PAK event ids."""
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    career.ok("recordAppraisal", appraisal(2023))
    career.ok("recordAppraisal", appraisal(2024))
    ids = [career.ok("determineCreditScore", pak(2023 + i, c))["eventId"]
           for i, c in enumerate(credits)]
    return career, ids


def eligibility(api: LiveServer, kind: str | None = None) -> dict[str, Any]:
    body = api.gql(ELIGIBILITY, {"nip": NIP, "asOf": "2025-03-01", "p": api.log_head(),
                                 "kind": kind})
    assert not body.get("errors"), body
    found: dict[str, Any] = body["data"]["promotionEligibility"]
    return found


def rules_by_id(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in found["rules"]}


def test_functional_servant_is_decided_by_the_jf_rules_with_credit_evidence(
        api: LiveServer) -> None:
    _career, paks = functional_servant(api, ("25.000", "30.000"))
    found = eligibility(api)
    assert found["promotionKind"] == "KP_PILIHAN_JF"
    assert found["candidateTmt"] == "2025-04-01"
    assert found["ruleSetVersion"] == "KP-JF-2023.1"
    rules = rules_by_id(found)
    assert [r["ruleId"] for r in found["rules"]] == ["F0", "F1", "F2", "F3"]
    assert {rid: r["outcome"] for rid, r in rules.items()} == {
        "F0": "PASS", "F1": "PASS", "F2": "PASS", "F3": "PASS"}
    assert rules["F1"]["evidenceEventIds"] == [f"{NIP}:1", f"{NIP}:3", *paks]
    assert "55.000 credit >= 50" in rules["F1"]["explanation"]
    assert f"{NIP}:4" in rules["F2"]["evidenceEventIds"]  # the SKP behind R2
    assert found["decision"] == "ELIGIBLE" and found["eligible"] is True


def test_too_little_credit_fails_f1_and_the_verdict(api: LiveServer) -> None:
    functional_servant(api, ("25.000",))
    found = eligibility(api)
    f1 = rules_by_id(found)["F1"]
    assert f1["outcome"] == "FAIL" and f1["passed"] is False
    assert "25.000 credit < 50" in f1["explanation"]
    assert found["failedRules"] == ["F1"]
    assert found["decision"] == "NOT_ELIGIBLE"


def test_a_level_step_without_a_competency_test_is_undetermined(api: LiveServer) -> None:
    functional_servant(api, ("60.000", "50.000"))
    found = eligibility(api, "KENAIKAN_JENJANG")
    rules = rules_by_id(found)
    assert found["promotionKind"] == "KENAIKAN_JENJANG"
    assert rules["J1"]["outcome"] == "PASS"  # 110 >= 100 for PT -> MU
    assert rules["J2"]["outcome"] == "UNKNOWN"
    assert rules["J2"]["missing"] == ["competency test result"]
    assert found["decision"] == "UNDETERMINED" and found["failedRules"] == []


def test_a_servant_without_a_functional_position_keeps_the_reguler_rules(
        api: LiveServer) -> None:
    Career(api).appoint_pns()
    found = eligibility(api)
    assert found["promotionKind"] == "KP_REGULER"
    assert {"R1", "R2", "R8"} <= set(rules_by_id(found))


def test_a_credit_score_for_a_non_functional_servant_is_refused(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.rejects("determineCreditScore", pak(2023, "12.500"),
                   "CREDIT_FOR_NON_FUNCTIONAL_SERVANT")


def test_a_credit_period_ending_before_it_starts_is_refused(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    career.rejects("determineCreditScore",
                   {**pak(2023, "12.500"), "periodEnd": "2022-12-31"}, "INVALID_CREDIT_PERIOD")


def test_a_talent_box_contradicting_its_axes_is_refused(api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.rejects("mapTalent", talent(9, "MEETS", "HIGH"), "TALENT_BOX_CONTRADICTS_AXES")
    career.rejects("mapTalent", talent(12, "MEETS", "HIGH"), "INVALID_TALENT_BOX")


def test_the_merit_competence_component_comes_from_the_latest_talent_box(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assessPotential", {"nip": NIP, "tmt": "2024-02-01",
                                  "legalBasis": legal("2024-01-25", "POT/2024"),
                                  "potential": "HIGH", "assessorBody": "BKN Assessment Center",
                                  "instrument": "ASSESSMENT_CENTER"})
    mapped = career.ok("mapTalent", talent(8, "MEETS", "HIGH"))
    competence = next(c for c in eligibility(api)["merit"]["components"] if c["code"] == "C")
    assert competence["score"] == 85.0
    assert competence["evidenceEventIds"] == [mapped["eventId"]]
    assert not competence["note"].startswith("not assessed")


def test_a_jf_promotion_recorded_with_a_failed_rule_is_audited_non_compliant(
        api: LiveServer) -> None:
    career, _paks = functional_servant(api, ("25.000",))
    promotion = career.ok("promoteRank", {**default_input("promoteRank"), "tmt": "2025-04-01",
                                          "legalBasis": legal("2025-03-01", "KP/2025"),
                                          "promotionType": "PILIHAN_FUNGSIONAL"})
    body = api.gql("""query($id: String!) { promotionAudit(eventId: $id) {
        now { verdict failedRules rules { ruleId outcome evidenceEventIds } } } }""",
                   {"id": promotion["eventId"]}, role="auditor")
    assert not body.get("errors"), body
    now = body["data"]["promotionAudit"]["now"]
    assert now["verdict"] == "NON_COMPLIANT"
    assert now["failedRules"] == ["F1"]
    assert [r["ruleId"] for r in now["rules"]] == ["F0", "F1", "F2", "F3"]
    f1 = next(r for r in now["rules"] if r["ruleId"] == "F1")
    assert f1["outcome"] == "FAIL" and _paks[0] in f1["evidenceEventIds"]
    api.services.read_models.wait_for(api.log_head(), ["audit_findings"], 15)
    found = api.gql("""query($nip: String) { auditFindings(filter: {nip: $nip}) {
        edges { node { kind subjectEventId explanation } } } }""", {"nip": NIP}, role="auditor")
    assert not found.get("errors"), found
    kinds = {e["node"]["kind"]: e["node"] for e in found["data"]["auditFindings"]["edges"]}
    assert kinds["PROMOTION_RULES_FAILED"]["subjectEventId"] == promotion["eventId"]
    assert "F1" in kinds["PROMOTION_RULES_FAILED"]["explanation"]


def test_promotion_candidates_list_a_functional_servant_with_its_jf_verdict(
        api: LiveServer) -> None:
    functional_servant(api, ("25.000", "30.000"))
    body = api.gql("""query($p: Int) {
      promotionCandidates(filter: {asOf: "2025-03-01"}, minPosition: $p) {
        edges { node { nip promotionKind decision rules { ruleId outcome } } } } }""",
                   {"p": api.log_head()})
    assert not body.get("errors"), body
    node = body["data"]["promotionCandidates"]["edges"][0]["node"]
    assert (node["nip"], node["promotionKind"], node["decision"]) == (
        NIP, "KP_PILIHAN_JF", "ELIGIBLE")
    assert [r["ruleId"] for r in node["rules"]] == ["F0", "F1", "F2", "F3"]


CAREER_PATH = """query($nip: String!, $target: String) {
  careerPath(nip: $nip, targetPosition: $target, asOf: "2025-03-01") {
    nextSteps { promotionKind nextRank earliestDate functionalLevel nextFunctionalLevel credit
                creditForNextRank creditMissingForNextRank creditForNextLevel
                creditMissingForNextLevel creditRegime evidenceEventIds }
    creditYears { year predikat derivedCredit explanation determinedCredit determinedEventIds
                  appraisalEventId }
    retirement { bupAge reachesBupOn retirementTmt basis }
    targetPosition standardStatus gaps { requirement }
  } }"""


def test_career_path_shows_the_next_rank_level_credit_missing_and_credit_by_year(
        api: LiveServer) -> None:
    _career, paks = functional_servant(api, ("25.000", "30.000"))
    body = api.gql(CAREER_PATH, {"nip": NIP, "target": "JF-ASDM-MUDA"})
    assert not body.get("errors"), body
    path = body["data"]["careerPath"]
    steps = path["nextSteps"]
    assert steps["promotionKind"] == "KP_PILIHAN_JF" and steps["nextRank"] == "III_B"
    assert steps["earliestDate"] == "2025-04-01"
    assert (steps["functionalLevel"], steps["nextFunctionalLevel"]) == ("AHLI_PERTAMA",
                                                                        "AHLI_MUDA")
    assert steps["credit"] == "55.000" and steps["creditForNextRank"] == 50
    assert steps["creditMissingForNextRank"] == "0"
    assert steps["creditForNextLevel"] == 100 and steps["creditMissingForNextLevel"] == "45.000"
    assert set(paks) <= set(steps["evidenceEventIds"])
    years = {y["year"]: y for y in path["creditYears"]}
    assert years[2023]["derivedCredit"] == "12.500"  # 12/12 x 100% (Baik) x 12.5 (PT)
    assert years[2023]["appraisalEventId"] == f"{NIP}:4"
    assert years[2023]["determinedEventIds"] == [paks[0]]
    assert years[2024]["determinedCredit"] == "30.000"
    assert path["retirement"] == {"bupAge": 58, "reachesBupOn": "2048-01-01",
                                  "retirementTmt": "2048-02-01", "basis": "PT"}
    assert path["targetPosition"] == "JF-ASDM-MUDA"
    assert path["standardStatus"] == "NOT_ASSESSED" and path["gaps"] == []


def test_the_servant_state_shows_the_bup_and_the_unit_lists_upcoming_retirements(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    career.ok("assignPosition")
    assert career.state("retirement { bupAge retirementTmt }")["retirement"] == {
        "bupAge": 58, "retirementTmt": "2048-02-01"}
    query = """query($asOf: Date, $m: Int!, $p: Int) {
      upcomingRetirements(unitId: "KEU-01", withinMonths: $m, asOf: $asOf, minPosition: $p) {
        nip bupAge retirementTmt positionEventId } }"""
    head = api.log_head()
    soon = api.gql(query, {"asOf": "2047-06-01", "m": 12, "p": head})
    assert soon["data"]["upcomingRetirements"] == [{
        "nip": NIP, "bupAge": 58, "retirementTmt": "2048-02-01", "positionEventId": f"{NIP}:3"}]
    elsewhere = api.gql(query, {"asOf": "2047-06-01", "m": 12, "p": head},
                        token=api.token("hr", scopes=("BKN",)))
    assert elsewhere["data"]["upcomingRetirements"] == []  # another agency's HR sees no one
    later = api.gql(query, {"asOf": "2046-01-01", "m": 12, "p": head})
    assert later["data"]["upcomingRetirements"] == []
    bad = api.gql(query, {"asOf": "2046-01-01", "m": 0, "p": head})
    assert "INVALID_WINDOW" in errors_of(bad)


SUCCESSION = """query($pool: Boolean!, $p: Int) {
  successionCandidates(positionId: "JPT-KEU-01", asOf: "2025-01-01", poolOnly: $pool,
                       minPosition: $p) {
    standardStatus candidates { place nip inPool rankEligibility jpmPercent box integrity
                                openNeeds evidenceEventIds } } }"""


def test_a_succession_list_ranks_the_talent_pool_first_with_evidence(api: LiveServer) -> None:
    Career(api).appoint_pns()
    strong = Career(api).ok("mapTalent", talent(8, "MEETS", "HIGH"))
    other = Career(api, OTHER_NIP)
    other.appoint(birthDate="1985-05-05", tmt="2010-01-01", gender="FEMALE")
    medium = other.ok("mapTalent", {**talent(5, "MEETS", "MEDIUM"), "nip": OTHER_NIP})
    body = api.gql(SUCCESSION, {"pool": False, "p": api.log_head()})
    assert not body.get("errors"), body
    found = body["data"]["successionCandidates"]
    assert found["standardStatus"] == "NOT_ASSESSED"
    first, second = found["candidates"]
    assert (first["place"], first["nip"], first["inPool"], first["box"]) == (1, NIP, True, 8)
    assert (second["place"], second["nip"], second["inPool"], second["box"]) == (
        2, OTHER_NIP, False, 5)
    assert first["rankEligibility"] == "UNKNOWN" and first["jpmPercent"] is None
    assert first["integrity"] == "100.0" and first["openNeeds"] == 0
    assert strong["eventId"] in first["evidenceEventIds"]
    assert medium["eventId"] in second["evidenceEventIds"]
    pool = api.gql(SUCCESSION, {"pool": True, "p": api.log_head()})
    assert [c["nip"] for c in pool["data"]["successionCandidates"]["candidates"]] == [NIP]
