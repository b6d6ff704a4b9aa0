"""PAK credit, potential and talent records through the admission path, and the promotion
rule sets of functional and other KP pilihan (F0-F3, J1-J3, S1-S4, P0-P4) judged from a real
record's facts, each with its outcome and evidence ids."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.functional.assess import PromotionKind, default_kind, evaluate
from domain.promotion.facts import PromotionFacts
from domain.promotion.from_record import promotion_facts
from domain.servant import CivilServant
from domain.state import effective_events, fold
from domain.values import (
    EducationLevel,
    FunctionalLevel,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    Rating,
)
from tests.unit.given import NIP, a_pns, appraisal, education, envelope, position, refused

JF = {"position_kind": PositionKind.FUNGSIONAL, "position_level": PositionLevel.FUNGSIONAL,
      "position_name": "Analis SDM Aparatur Ahli Pertama", "functional_position_id": "JF-ASDM",
      "general_position_id": None, "functional_level": FunctionalLevel.AHLI_PERTAMA}


def pak(servant: CivilServant, year: int, credit: str) -> None:
    servant.determine_credit_score(
        envelope(date(year + 1, 1, 15)), period_start=date(year, 1, 1),
        period_end=date(year, 12, 31), credit_score=Decimal(credit))


def mapped(box: int, performance: PerformanceAxis, potential: PotentialAxis) -> dict[str, object]:
    return {"box": box, "performance": performance, "potential": potential,
            "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31), "inputs": ""}


def facts_of(servant: CivilServant) -> PromotionFacts:
    effective = effective_events(servant.events)
    return promotion_facts(NIP, effective, fold(effective))


def functional(*credits: str) -> CivilServant:
    """Ahli Pertama at III/a since 2015, SKP 2023 and 2024 Baik, one PAK a year from 2023."""
    servant = a_pns()
    servant.assign_position(envelope(date(2020, 1, 2)), **position(**JF))
    for year in (2023, 2024):
        servant.record_appraisal(envelope(date(year + 1, 1, 31)), **appraisal(year))
    for offset, credit in enumerate(credits):
        pak(servant, 2023 + offset, credit)
    return servant


def test_a_credit_score_for_a_servant_without_a_functional_position_is_refused() -> None:
    servant = a_pns()
    servant.assign_position(envelope(date(2020, 1, 2)), **position())
    refused("CREDIT_FOR_NON_FUNCTIONAL_SERVANT", servant.determine_credit_score,
            envelope(date(2024, 1, 15)), period_start=date(2023, 1, 1),
            period_end=date(2023, 12, 31), credit_score=Decimal("12.5"))


def test_a_credit_score_records_the_level_held_on_its_tmt() -> None:
    servant = functional("25")
    assert fold(effective_events(servant.events)).credits[0].level is FunctionalLevel.AHLI_PERTAMA


def test_a_negative_credit_or_a_backwards_period_is_refused() -> None:
    servant = functional()
    refused("NEGATIVE_CREDIT", servant.determine_credit_score, envelope(date(2024, 1, 15)),
            period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
            credit_score=Decimal("-1"))
    refused("INVALID_CREDIT_PERIOD", servant.determine_credit_score, envelope(date(2024, 1, 15)),
            period_start=date(2023, 6, 1), period_end=date(2023, 5, 31),
            credit_score=Decimal("1"))


def test_a_talent_box_that_contradicts_its_axes_is_refused_and_one_that_agrees_is_kept() -> None:
    servant = a_pns()
    refused("TALENT_BOX_CONTRADICTS_AXES", servant.map_talent, envelope(date(2024, 3, 1)),
            **mapped(9, PerformanceAxis.MEETS, PotentialAxis.HIGH))
    refused("INVALID_TALENT_BOX", servant.map_talent, envelope(date(2024, 3, 1)),
            **mapped(0, PerformanceAxis.MEETS, PotentialAxis.HIGH))
    servant.map_talent(envelope(date(2024, 3, 1)),
                       **mapped(8, PerformanceAxis.MEETS, PotentialAxis.HIGH))
    talent = facts_of(servant).talent_box
    assert talent is not None and talent.box == 8 and talent.event_id == f"{NIP}:3"


def test_a_potential_assessment_needs_its_assessor() -> None:
    refused("MISSING_FIELD", a_pns().assess_potential, envelope(date(2024, 2, 1)),
            potential=PotentialAxis.HIGH, assessor_body=" ", instrument="ASSESSMENT_CENTER")


def test_f1_passes_with_enough_pak_credit_citing_each_pak() -> None:
    facts = facts_of(functional("25", "30"))
    assert default_kind(facts) is PromotionKind.PILIHAN_JF
    found = evaluate(facts, date(2025, 4, 1))
    f1 = next(o for o in found.outcomes if o.rule_id == "F1")
    assert f1.outcome == "PASS"
    assert f1.evidence == (f"{NIP}:1", f"{NIP}:3", f"{NIP}:6", f"{NIP}:7")
    assert found.verdict == "ELIGIBLE" and found.rule_set_version == "KP-JF-2023.1"


def test_f1_fails_below_akk_and_f3_fails_under_two_years_in_rank() -> None:
    servant = functional("25")
    facts = facts_of(servant)
    found = evaluate(facts, date(2025, 4, 1))
    assert found.failed_rule_ids == ("F1",) and found.verdict == "NOT_ELIGIBLE"
    servant.promote_rank(envelope(date(2024, 4, 1)), new_rank=Rank.III_B,
                         promotion_type=PromotionType.REGULER,
                         pertek_number=None, pertek_date=None, service_years=None,
                         service_months=None, credit_score=None)
    later = evaluate(facts_of(servant), date(2025, 4, 1))
    assert "F3" in later.failed_rule_ids


def test_before_permenpanrb_1_2023_credit_is_unknown_not_failed() -> None:
    found = evaluate(facts_of(functional()), date(2022, 10, 1))
    f1 = next(o for o in found.outcomes if o.rule_id == "F1")
    assert f1.outcome == "UNKNOWN" and f1.missing
    assert found.rule_set_version == "KP-JF-2002.1"


def test_the_level_step_needs_the_competency_test() -> None:
    found = evaluate(facts_of(functional("60", "50")), date(2025, 4, 1),
                     PromotionKind.KENAIKAN_JENJANG)
    outcomes = {o.rule_id: o.outcome for o in found.outcomes}
    assert outcomes == {"J1": "PASS", "J2": "UNKNOWN", "J3": "UNKNOWN"}
    assert found.verdict == "UNDETERMINED"


def test_structural_kp_pilihan_is_the_default_one_step_below_the_positions_lowest_rank() -> None:
    servant = a_pns(rank=Rank.III_A)
    servant.assign_position(envelope(date(2020, 1, 2)), **position(
        position_kind=PositionKind.STRUKTURAL, position_level=PositionLevel.PENGAWAS,
        position_name="Kepala Subbagian", eselon="42"))
    for year in (2023, 2024):
        servant.record_appraisal(envelope(date(year + 1, 1, 31)), **appraisal(year))
    facts = facts_of(servant)
    assert default_kind(facts) is PromotionKind.PILIHAN_STRUKTURAL
    found = evaluate(facts, date(2025, 4, 1))
    assert [o.rule_id for o in found.outcomes] == ["S1", "S2", "S3", "S4"]
    assert found.verdict == "ELIGIBLE"
    assert found.outcomes[3].evidence == (f"{NIP}:5", f"{NIP}:4")


def test_ijazah_adjustment_passes_p0_and_waits_for_the_duties_and_ukppi() -> None:
    servant = a_pns(education=EducationLevel.D3, rank=Rank.II_C)
    servant.record_education(envelope(date(2020, 9, 1)), **education(EducationLevel.S1))
    servant.record_appraisal(envelope(date(2025, 1, 31)), **appraisal(2024))
    found = evaluate(facts_of(servant), date(2025, 4, 1), PromotionKind.PENYESUAIAN_IJAZAH)
    outcomes = {o.rule_id: o.outcome for o in found.outcomes}
    assert outcomes == {"P0": "PASS", "P1": "PASS", "P2": "UNKNOWN", "P3": "PASS",
                        "P4": "UNKNOWN"}
    assert found.verdict == "UNDETERMINED"


def test_a_weak_year_fails_s4_with_its_appraisal_as_evidence() -> None:
    servant = a_pns(rank=Rank.III_A)
    servant.assign_position(envelope(date(2020, 1, 2)), **position(
        position_kind=PositionKind.STRUKTURAL, position_level=PositionLevel.PENGAWAS,
        eselon="42"))
    servant.record_appraisal(envelope(date(2024, 1, 31)), **appraisal(2023))
    servant.record_appraisal(envelope(date(2025, 1, 31)), **appraisal(
        2024, predikat=Predikat.BUTUH_PERBAIKAN,
        work_result=Rating.BELOW_EXPECTATION))
    found = evaluate(facts_of(servant), date(2025, 4, 1))
    s4 = found.outcomes[3]
    assert s4.outcome == "FAIL" and f"{NIP}:5" in s4.evidence
