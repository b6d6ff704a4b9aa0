"""Rules that depend on the events before an event in TMT order: judged when it is admitted,
and again for every later event when a back-dated event or a correction changes what comes
before them."""

from __future__ import annotations

from datetime import date

from domain.state import ServantState
from domain.values import EducationLevel, PromotionType, Rank, ServantStatus
from tests.unit.given import (
    PNS_TMT,
    a_cpns,
    a_pns,
    education,
    envelope,
    penalty,
    promoted,
    promotion,
    refused,
    retirement,
    state_of,
    transfer,
)


def test_a_back_dated_promotion_that_would_skip_a_later_one_is_refused() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    refused("RANK_SKIP", servant.promote_rank, envelope(date(2018, 4, 1)), **promotion(Rank.III_B))


def test_a_correction_that_would_make_a_later_promotion_skip_is_refused() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    promoted(servant, Rank.III_C, date(2020, 4, 1))
    refused("RANK_SKIP", servant.correct_event, envelope(date(2019, 4, 1)), target_version=3,
            changes={"new_rank": "III_C"}, reason="wrong rank")


def test_a_retraction_that_would_make_a_later_promotion_skip_is_refused() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    promoted(servant, Rank.III_C, date(2020, 4, 1))
    refused("RANK_SKIP", servant.retract_event, envelope(date(2019, 4, 1)), target_version=3,
            reason="void")


def test_an_initial_rank_promotion_after_another_promotion_is_refused() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    refused("RANK_SKIP", servant.promote_rank, envelope(date(2020, 1, 1)),
            **promotion(Rank.III_C, PromotionType.INITIAL))


def test_a_cpns_cannot_be_promoted() -> None:
    refused("NOT_PNS", a_cpns().promote_rank, envelope(date(2017, 4, 1)), **promotion(Rank.III_B))


def test_a_203_promotion_goes_to_the_entry_rank_of_the_highest_diploma() -> None:
    servant = a_pns(EducationLevel.SLTA, Rank.II_A)
    servant.record_education(envelope(date(2018, 9, 1)), **education(EducationLevel.S1))
    refused("RANK_SKIP", servant.promote_rank, envelope(date(2019, 4, 1)),
            **promotion(Rank.III_B, PromotionType.PENYESUAIAN_IJAZAH))
    promoted(servant, Rank.III_A, date(2019, 4, 1), promotion_type=PromotionType.PENYESUAIAN_IJAZAH)
    assert state_of(servant).rank is Rank.III_A


def test_a_203_promotion_needs_a_diploma_recognised_by_its_tmt() -> None:
    servant = a_pns(EducationLevel.SLTA, Rank.II_A)
    servant.record_education(envelope(date(2019, 9, 1)), **education(EducationLevel.S1))
    refused("RANK_SKIP", servant.promote_rank, envelope(date(2019, 4, 1)),
            **promotion(Rank.III_A, PromotionType.PENYESUAIAN_IJAZAH))


def test_the_education_cap_counts_only_diplomas_recognised_by_the_tmt() -> None:
    servant = a_pns(EducationLevel.SLTA, Rank.II_A)
    for rank, tmt in ((Rank.II_B, date(2017, 4, 1)), (Rank.II_C, date(2018, 4, 1)),
                      (Rank.II_D, date(2019, 4, 1)), (Rank.III_A, date(2020, 4, 1)),
                      (Rank.III_B, date(2021, 4, 1))):
        promoted(servant, rank, tmt)
    servant.record_education(envelope(date(2022, 9, 1)), **education(EducationLevel.S1))
    refused("EDUCATION_CAP_EXCEEDED", servant.promote_rank, envelope(date(2022, 4, 1)),
            **promotion(Rank.III_C))
    promoted(servant, Rank.III_C, date(2022, 10, 1))
    assert state_of(servant).rank is Rank.III_C


def test_a_second_pns_appointment_is_refused() -> None:
    servant = a_pns()
    refused("DUPLICATE_APPOINTMENT", servant.appoint_pns, envelope(date(2017, 3, 1)),
            sttpl_number="STTPL/2", spmt_number=None)


def test_a_back_dated_pns_appointment_before_the_first_one_is_refused() -> None:
    servant = a_pns()
    refused("DUPLICATE_APPOINTMENT", servant.appoint_pns, envelope(date(2015, 9, 1)),
            sttpl_number="STTPL/2", spmt_number=None)


def test_nothing_but_corrections_and_annulments_follow_a_termination() -> None:
    servant = a_pns()
    servant.terminate(envelope(date(2020, 1, 1)), **retirement())
    refused("AFTER_EXIT", servant.retire, envelope(date(2021, 1, 1)), **retirement())
    servant.correct_event(envelope(date(2020, 1, 1)), target_version=3,
                          changes={"sk_number": "SK/2"}, reason="typo")
    assert state_of(servant).status is ServantStatus.TERMINATED


def test_a_back_dated_exit_before_a_later_event_is_refused() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    refused("AFTER_EXIT", servant.retire, envelope(date(2018, 1, 1)), **retirement())


def test_a_correction_may_not_move_an_event_before_the_appointment() -> None:
    servant = a_pns()
    refused("BEFORE_APPOINTMENT", servant.correct_event, envelope(PNS_TMT),
            target_version=2, changes={"tmt": "2015-01-01"}, reason="wrong month")


def test_an_annulment_must_name_a_penalty_in_force_by_its_tmt() -> None:
    servant = a_pns()
    servant.impose_discipline(envelope(date(2023, 1, 1)), **penalty())
    refused("INVALID_TARGET", servant.annul_discipline, envelope(date(2023, 2, 1)),
            penalty_version=2, reason="not a penalty")
    refused("INVALID_TARGET", servant.annul_discipline, envelope(date(2022, 12, 1)),
            penalty_version=3, reason="before the penalty")


def test_a_penalty_is_annulled_once() -> None:
    servant = a_pns()
    servant.impose_discipline(envelope(date(2023, 1, 1)), **penalty())
    servant.annul_discipline(envelope(date(2023, 2, 1)), penalty_version=3, reason="banding")
    refused("ALREADY_ANNULLED", servant.annul_discipline, envelope(date(2023, 3, 1)),
            penalty_version=3, reason="again")
    annulled: ServantState = state_of(servant)
    assert annulled.penalties[3].annulled_by == 4


def test_a_transfer_to_the_institution_the_servant_is_in_is_refused() -> None:
    servant = a_pns()
    refused("SAME_INSTITUTION", servant.transfer_institution, envelope(date(2019, 1, 1)),
            **transfer(to_institution_id="A"))


def test_a_transfer_records_the_institution_held_on_its_tmt_as_its_origin() -> None:
    servant = a_pns()
    servant.transfer_institution(envelope(date(2019, 1, 1)), **transfer())
    servant.transfer_institution(envelope(date(2018, 1, 1)), **transfer(to_institution_id="C"))
    assert servant.events[-1].from_institution_id == "A"  # type: ignore[attr-defined]


def test_a_correction_that_fixes_nothing_a_later_event_needs_is_admitted() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    servant.correct_event(envelope(PNS_TMT), target_version=2, changes={"sk_number": "SK/9"},
                          reason="typo")
    assert servant.version == 4
