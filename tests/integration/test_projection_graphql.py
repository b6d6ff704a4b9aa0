"""The read queries over GraphQL, on both stores, against views fed by the background runner."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
import strawberry

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.envelope import Actor, Envelope
from domain.values import EducationLevel, Gender, PromotionType, Rank, TrainingKind
from projections.read_models import ReadModels
from service.application import Riwayat
from service.auth import Principal, utc_now
from service.graphql.candidate_queries import CandidateQuery
from service.graphql.read_queries import ReadQuery
from service.settings import Settings

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Seed

pytest_plugins = ["tests.integration.conftest_projections"]

NIP = "199001012015031001"
RECORDED = datetime(2025, 11, 20, tzinfo=UTC)
AUDITOR = Principal("auditor-1", "auditor")
MY_VIEWS = {"career_history", "promotion", "training_ledger"}


@strawberry.type
class Query(ReadQuery, CandidateQuery):
    pass


SCHEMA = strawberry.Schema(query=Query)


def envelope(tmt: date, sk: str = "SK-1", actor: str = "hr-1") -> Envelope:
    return Envelope(tmt, sk, tmt, "Kepala BKN", Actor(actor, "hr"), RECORDED)


def execute(settings: Settings, app: Riwayat, models: ReadModels, query: str,
            **variables: Any) -> Any:
    services = SimpleNamespace(settings=settings, app=app, read_models=models, clock=utc_now)
    result = asyncio.run(SCHEMA.execute(
        query, variable_values=variables,
        context_value={"services": services, "principal": lambda: AUDITOR},
    ))
    if result.errors:
        error = result.errors[0].original_error
        raise error if error is not None else AssertionError(result.errors)
    return result.data


def record_budi(app: Riwayat) -> int:
    """A career with a corrected and a retracted training, a promotion and an annulled penalty."""
    app.appoint_cpns(envelope(date(2015, 3, 1)), dict(
        nip=NIP, name="Budi", birth_date=date(1990, 1, 1), birth_place="Bandung",
        gender=Gender.MALE, education_level=EducationLevel.S1, initial_rank=Rank.III_A,
        position_name="Analis", formation_year=2014, institution_id="A1",
        institution_name="Kemenkeu", unit_id="U1", unit_name="Biro Umum"))
    app.record(NIP, lambda s: s.appoint_pns(envelope(date(2016, 3, 1)), sttpl_number="X",
                                            spmt_number=None))
    for version, hours in ((3, 12), (4, 6)):
        app.record(NIP, lambda s, h=hours, v=version: s.record_training(
            envelope(date(2023, 3, v)), kind=TrainingKind.TEKNIS, program=None,
            name=f"Kursus {v}", organiser="LAN", hours=h, start_date=date(2023, 3, 1),
            end_date=date(2023, 3, v), certificate_number=f"C-{v}"))
    app.record(NIP, lambda s: s.correct_event(envelope(date(2023, 3, 3), "SK-K", "hr-2"),
                                              target_version=3, changes={"hours": 16},
                                              reason="JP salah ketik"))
    app.record(NIP, lambda s: s.retract_event(envelope(date(2023, 3, 4), "SK-R", "hr-3"),
                                              target_version=4, reason="Sertifikat palsu"))
    app.record(NIP, lambda s: s.promote_rank(
        envelope(date(2019, 4, 1)), new_rank=Rank.III_B, promotion_type=PromotionType.REGULER,
        pertek_number=None, pertek_date=None, service_years=None, service_months=None,
        credit_score=None))
    app.record(NIP, lambda s: s.impose_discipline(
        envelope(date(2022, 3, 1)), penalty_type=PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
        level=DisciplineLevel.SEDANG, regulation=Regulation.PP_94_2021, duration_months=6,
        end_date=date(2022, 9, 1), reason="Mangkir"))
    return app.record(NIP, lambda s: s.annul_discipline(
        envelope(date(2022, 5, 1)), penalty_version=8, reason="Banding")).position


@pytest.fixture
def live(read_models: ReadModels) -> ReadModels:
    read_models.start()
    return read_models


def test_career_history_shows_corrections_retractions_and_provenance(
    settings: Settings, app: Riwayat, live: ReadModels
) -> None:
    position = record_budi(app)
    data = execute(settings, app, live, """
      query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) {
        rank rankTmt lastVersion
        rankPeriods { tmt untilTmt title provenance { eventIds skNumber } }
        trainings { title corrected retracted originalValues details
          provenance { eventIds positions recordedBy { id } }
          corrections { eventId reason recordedBy { id } changes }
          retraction { eventId reason recordedBy { id } } }
        discipline { untilTmt details provenance { eventIds } } } }""",
        nip=NIP, p=position)["careerHistory"]
    assert (data["rank"], data["rankTmt"], data["lastVersion"]) == ("III_B", "2019-04-01", 9)
    assert [(r["tmt"], r["untilTmt"]) for r in data["rankPeriods"]] == [
        ("2015-03-01", "2019-04-01"), ("2019-04-01", None)]
    corrected, retracted = data["trainings"]
    assert corrected["corrected"] and corrected["details"]["hours"] == 16
    assert corrected["originalValues"]["hours"] == 12
    assert corrected["corrections"] == [{"eventId": f"{NIP}:5", "reason": "JP salah ketik",
                                         "recordedBy": {"id": "hr-2"}, "changes": {"hours": 16}}]
    assert corrected["provenance"]["eventIds"] == [f"{NIP}:3", f"{NIP}:5"]
    assert corrected["provenance"]["recordedBy"] == {"id": "hr-1"}
    assert retracted["retracted"] and retracted["retraction"]["recordedBy"] == {"id": "hr-3"}
    assert retracted["provenance"]["eventIds"] == [f"{NIP}:4", f"{NIP}:6"]
    penalty = data["discipline"][0]
    assert penalty["untilTmt"] == "2022-05-01"  # annulled before its end date
    assert penalty["provenance"]["eventIds"] == [f"{NIP}:8", f"{NIP}:9"]


def test_training_ledger_counts_corrected_jp_and_flags_the_shortfall(
    settings: Settings, app: Riwayat, live: ReadModels
) -> None:
    position = record_budi(app)
    query = """query($nip: String!, $y: Int!, $p: Int) {
      trainingLedger(nip: $nip, year: $y, minPosition: $p) { totalHours flags
        byKind { kind hours eventIds } } }"""
    ledger = execute(settings, app, live, query, nip=NIP, y=2023, p=position)["trainingLedger"]
    # 12 JP corrected to 16; the retracted 6 JP do not count.
    assert ledger == {"totalHours": 16, "flags": ["BELOW_20_JP"],
                      "byKind": [{"kind": "TEKNIS", "hours": 16, "eventIds": [f"{NIP}:3"]}]}
    units = execute(settings, app, live, """{ unitTrainingLedgers(unit: "U1", year: 2023) {
      totalCount edges { node { nip totalHours } } } }""")["unitTrainingLedgers"]
    assert units == {"totalCount": 1, "edges": [{"node": {"nip": NIP, "totalHours": 16}}]}


def test_promotion_eligibility_explains_each_rule_with_evidence(
    settings: Settings, app: Riwayat, live: ReadModels
) -> None:
    position = record_budi(app)
    query = """query($nip: String!, $asOf: Date, $p: Int) {
      promotionEligibility(nip: $nip, asOf: $asOf, minPosition: $p) {
        candidateTmt eligible periodRegime failedRules earliestEligibleDate
        rules { ruleId passed explanation evidenceEventIds }
        merit { total components { code score effectiveWeight } } } }"""
    before_r8_revoked = execute(settings, app, live, query, nip=NIP, asOf="2023-03-15",
                                p=position)["promotionEligibility"]
    assert before_r8_revoked["candidateTmt"] == "2023-04-01"
    assert before_r8_revoked["periodRegime"] == "PERIOD-2002"
    rules = {r["ruleId"]: r for r in before_r8_revoked["rules"]}
    assert set(rules) >= {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"}
    assert rules["R1"]["passed"] and rules["R1"]["evidenceEventIds"] == [f"{NIP}:7"]
    assert not rules["R2"]["passed"]  # no SKP recorded for 2021 and 2022
    assert "R2" in before_r8_revoked["failedRules"]
    later = execute(settings, app, live, query, nip=NIP, asOf="2025-11-02")["promotionEligibility"]
    assert later["candidateTmt"] == "2025-12-01" and later["periodRegime"] == "PERIOD-2025"
    assert "R8" not in {r["ruleId"] for r in later["rules"]}
    total = sum(c["score"] * c["effectiveWeight"] / 100
                for c in later["merit"]["components"] if c["score"] is not None)
    assert later["merit"]["total"] == pytest.approx(total, abs=0.05)


def test_promotion_candidates_come_in_a_stable_explainable_order(
    settings: Settings, app: Riwayat, live: ReadModels, seed: Seed
) -> None:
    position = seed(0, 30)
    query = """query($after: String, $p: Int) {
      promotionCandidates(filter: {asOf: "2026-01-15"}, first: 7, after: $after, minPosition: $p) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { nip merit { total } orderExplanation } } } }"""
    pages, after = [], None
    while True:
        page = execute(settings, app, live, query, after=after, p=position)["promotionCandidates"]
        assert page["totalCount"] == 30
        pages += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len({n["nip"] for n in pages}) == 30
    totals = [n["merit"]["total"] for n in pages]
    assert totals == sorted(totals, reverse=True)
    assert all("then rank TMT" in n["orderExplanation"] for n in pages)
    again = execute(settings, app, live, query.replace("first: 7", "first: 30"), after=None)
    assert [e["node"]["nip"] for e in again["promotionCandidates"]["edges"]] == [
        n["nip"] for n in pages]
    eligible = execute(settings, app, live, """{ promotionCandidates(
        filter: {asOf: "2026-01-15", eligibleOnly: true, rank: III_B}) {
        edges { node { eligible currentRank } } } }""")["promotionCandidates"]["edges"]
    assert all(e["node"]["eligible"] and e["node"]["currentRank"] == "III_B" for e in eligible)


def test_candidate_pages_without_total_count_page_alike_and_a_fragment_still_gets_the_total(
    settings: Settings, app: Riwayat, live: ReadModels, seed: Seed
) -> None:
    position = seed(0, 30)
    query = """query($after: String, $p: Int) {
      promotionCandidates(filter: {asOf: "2026-01-15"}, first: 7, after: $after, minPosition: $p) {
        pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { nip } } } }"""
    seen, after, previous = [], None, []
    while True:
        page = execute(settings, app, live, query, after=after, p=position)["promotionCandidates"]
        previous.append(page["pageInfo"]["hasPreviousPage"])
        seen += [edge["node"]["nip"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 30
    assert previous == [False] + [True] * (len(previous) - 1) and len(previous) == 5
    counted = execute(settings, app, live, """fragment Counted on PromotionAssessmentConnection {
        totalCount } { promotionCandidates(filter: {asOf: "2026-01-15"}, first: 2) {
        ...Counted } }""")["promotionCandidates"]
    assert counted["totalCount"] == 30


def test_projections_status_and_a_bounded_wait_for_a_missing_position(
    settings: Settings, app: Riwayat, live: ReadModels, seed: Seed
) -> None:
    position = seed(0, 3)
    live.wait_for(position, ["career_history", "promotion", "training_ledger"], timeout=10)
    statuses = execute(settings, app, live, """{ projections { name generation status active
        position logHead lagEvents error } }""")["projections"]
    statuses = [s for s in statuses if s["name"] in MY_VIEWS]
    assert {s["name"] for s in statuses} == MY_VIEWS
    assert all(s["position"] == s["logHead"] == position and s["lagEvents"] == 0
               and s["status"] == "ACTIVE" for s in statuses)
    impatient = replace(settings, read_your_writes_timeout=0.1)
    from domain.errors import DomainError

    with pytest.raises(DomainError) as raised:
        execute(impatient, app, live, """query($p: Int) {
            careerHistory(nip: "198001012010031001", minPosition: $p) { nip } }""",
                p=position + 50)
    assert raised.value.code == "PROJECTION_BEHIND"


def test_a_candidate_listed_again_after_a_new_event_shows_the_new_record(
    settings: Settings, app: Riwayat, live: ReadModels, seed: Seed
) -> None:
    # Pages remember what they assessed and converted; a new event must never be answered
    # from that memory.
    position = seed(0, 8)
    query = """query($p: Int) {
      promotionCandidates(filter: {asOf: "2026-01-15"}, first: 50, minPosition: $p) {
        edges { node { nip merit { total components { code evidenceEventIds } } } } } }"""

    def development_evidence(p: int) -> dict[str, list[str]]:
        edges = execute(settings, app, live, query, p=p)["promotionCandidates"]["edges"]
        return {e["node"]["nip"]: next(c["evidenceEventIds"] for c in e["node"]["merit"][
            "components"] if c["code"] == "D") for e in edges}

    before = development_evidence(position)
    assert development_evidence(position) == before  # the remembered answer, unchanged
    nip = sorted(before)[0]
    tmt = date(2024, 2, 10)
    recorded = app.record(nip, lambda s: s.record_training(
        Envelope(tmt, "SK-B", tmt, "Kepala BKN", Actor("hr-1", "hr"), RECORDED),
        kind=TrainingKind.TEKNIS, program=None, name="Kursus susulan", organiser="LAN",
        hours=30, start_date=date(2024, 2, 1), end_date=tmt, certificate_number="C-B"))
    after = development_evidence(recorded.position)
    assert f"{nip}:{recorded.version}" in after[nip]
    assert f"{nip}:{recorded.version}" not in before[nip]
    assert {n: e for n, e in after.items() if n != nip} == {
        n: e for n, e in before.items() if n != nip}
