"""domain.md §5 rules 1-16, one given/when/then each, against the domain alone: a command that
breaks a rule raises its code and triggers nothing; a *warn* rule records and reports."""

from __future__ import annotations

from datetime import date

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.servant import CivilServant
from domain.values import (
    FunctionalLevel,
    Gender,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    Rating,
    TrainingKind,
)
from tests.unit.given import (
    CPNS_TMT,
    NIP,
    a_cpns,
    a_pns,
    appointment,
    appraisal,
    codes,
    envelope,
    penalty,
    position,
    promoted,
    promotion,
    refused,
    retirement,
    training,
)


# Rule 1: the NIP's form.
def test_rule_1_a_nip_that_is_not_18_digits_of_real_dates_is_refused() -> None:
    refused("INVALID_NIP", CivilServant.appoint_cpns, envelope(CPNS_TMT),
            **appointment(nip="199013012015031001"))


def test_rule_1_a_nip_with_sequence_000_is_refused() -> None:
    refused("INVALID_NIP", CivilServant.appoint_cpns, envelope(CPNS_TMT),
            **appointment(nip="199001012015031000"))


# Rule 2: age and what the NIP encodes.
def test_rule_2_a_cpns_younger_than_18_at_the_tmt_is_refused() -> None:
    refused("UNDERAGE", CivilServant.appoint_cpns, envelope(date(2005, 3, 1)),
            **appointment(nip="199001012005031001"))


def test_rule_2_the_nip_must_encode_the_cpns_month_birth_date_and_gender() -> None:
    refused("NIP_MISMATCH", CivilServant.appoint_cpns, envelope(date(2015, 4, 1)), **appointment())
    refused("NIP_MISMATCH", CivilServant.appoint_cpns, envelope(CPNS_TMT),
            **appointment(birth_date=date(1990, 1, 2)))
    refused("NIP_MISMATCH", CivilServant.appoint_cpns, envelope(CPNS_TMT),
            **appointment(gender=Gender.FEMALE))


def test_rule_2_a_matching_appointment_opens_the_record_without_warnings() -> None:
    servant, warnings = CivilServant.appoint_cpns(envelope(CPNS_TMT), **appointment())
    assert (servant.nip, servant.version, warnings) == (NIP, 1, [])


# Rule 3: nothing before the CPNS TMT, nothing but corrections and annulments after an exit.
def test_rule_3_an_event_before_the_cpns_tmt_is_refused() -> None:
    servant = a_cpns()
    refused("BEFORE_APPOINTMENT", servant.record_training, envelope(date(2015, 2, 1)),
            **training(start_date=date(2015, 1, 1), end_date=date(2015, 1, 2)))


def test_rule_3_an_event_after_retirement_is_refused_but_an_annulment_is_admitted() -> None:
    servant = a_pns()
    servant.impose_discipline(envelope(date(2023, 1, 1)), **penalty())
    servant.retire(envelope(date(2024, 1, 1)), **retirement())
    refused("AFTER_EXIT", servant.record_training, envelope(date(2024, 6, 1)),
            **training(start_date=date(2024, 5, 1), end_date=date(2024, 5, 2)))
    servant.annul_discipline(envelope(date(2024, 6, 1)), penalty_version=3, reason="Banding")
    assert servant.version == 5


# Rule 4: the SK exists before it is recorded; a long back-dating is a warning.
def test_rule_4_an_sk_dated_after_the_recording_day_is_refused() -> None:
    servant = a_pns()
    refused("SK_DATE_IN_FUTURE", servant.record_training,
            envelope(date(2019, 6, 1), sk_date=date(2026, 2, 1)), **training())


def test_rule_4_a_tmt_more_than_a_year_before_its_sk_is_recorded_with_a_warning() -> None:
    servant = a_pns()
    warnings = servant.record_training(envelope(date(2019, 6, 1), sk_date=date(2021, 1, 1)),
                                       **training())
    assert codes(warnings) == ["TMT_LONG_BEFORE_SK"]


# Rule 5: one step at a time.
def test_rule_5_a_promotion_that_skips_a_rank_is_refused() -> None:
    refused("RANK_SKIP", a_pns().promote_rank, envelope(date(2019, 4, 1)), **promotion(Rank.III_C))


def test_rule_5_a_promotion_of_one_step_moves_the_rank() -> None:
    servant = a_pns()
    assert promoted(servant, Rank.III_B, date(2019, 4, 1)) == []
    assert servant.version == 3


# Rule 6: the education cap of KP reguler.
def test_rule_6_a_regular_promotion_beyond_the_diploma_cap_is_refused() -> None:
    servant = a_pns()
    for rank, tmt in ((Rank.III_B, date(2017, 4, 1)), (Rank.III_C, date(2018, 4, 1)),
                      (Rank.III_D, date(2019, 4, 1))):
        promoted(servant, rank, tmt)
    refused("EDUCATION_CAP_EXCEEDED", servant.promote_rank, envelope(date(2020, 4, 1)),
            **promotion(Rank.IV_A))


def test_rule_6_a_choice_promotion_is_not_held_to_the_education_cap() -> None:
    servant = a_pns()
    for rank, tmt in ((Rank.III_B, date(2017, 4, 1)), (Rank.III_C, date(2018, 4, 1)),
                      (Rank.III_D, date(2019, 4, 1))):
        promoted(servant, rank, tmt)
    promoted(servant, Rank.IV_A, date(2020, 4, 1), promotion_type=PromotionType.PILIHAN_STRUKTURAL)
    assert servant.version == 6


# Rule 7: period dates by the regime in force at the TMT.
def test_rule_7_a_promotion_off_the_period_dates_of_its_regime_is_refused() -> None:
    refused("INVALID_PERIOD_DATE", a_pns().promote_rank, envelope(date(2019, 6, 1)),
            **promotion(Rank.III_B))


def test_rule_7_the_regime_in_force_at_the_tmt_decides_the_period_dates() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2024, 6, 1))  # PerBKN 4/2023: every other month
    assert servant.version == 3


def test_rule_7_an_anumerta_promotion_is_exempt_from_period_dates() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 6, 17), promotion_type=PromotionType.ANUMERTA)
    assert servant.version == 3


# Rule 8: the position kind matches its reference.
def test_rule_8_a_structural_position_needs_an_eselon_matching_its_level() -> None:
    refused("POSITION_REFERENCE_MISMATCH", a_pns().assign_position, envelope(date(2019, 1, 1)),
            **position(position_kind=PositionKind.STRUKTURAL, position_level=PositionLevel.PENGAWAS,
                       eselon="31"))


def test_rule_8_a_functional_position_needs_its_reference_and_level() -> None:
    refused("POSITION_REFERENCE_MISMATCH", a_pns().assign_position, envelope(date(2019, 1, 1)),
            **position(position_kind=PositionKind.FUNGSIONAL, position_level=PositionLevel.FUNGSIONAL))


def test_rule_8_a_pelaksana_position_needs_a_general_position_id() -> None:
    refused("POSITION_REFERENCE_MISMATCH", a_pns().assign_position, envelope(date(2019, 1, 1)),
            **position(general_position_id=None))


# Rule 9: a JF level that does not fit the rank is only a warning.
def test_rule_9_a_functional_level_above_the_rank_is_recorded_with_a_warning() -> None:
    servant = a_pns()
    warnings = servant.assign_position(envelope(date(2019, 1, 1)), **position(
        position_kind=PositionKind.FUNGSIONAL, position_level=PositionLevel.FUNGSIONAL,
        functional_position_id="JF-1", general_position_id=None,
        functional_level=FunctionalLevel.AHLI_MADYA))
    assert codes(warnings) == ["JF_LEVEL_RANK_MISMATCH"]
    assert servant.version == 3


# Rule 10: the predikat is the matrix's.
def test_rule_10_a_predikat_other_than_the_matrix_result_is_refused() -> None:
    refused("PREDIKAT_MISMATCH", a_pns().record_appraisal, envelope(date(2019, 1, 1)),
            **appraisal(2018, work_result=Rating.ABOVE_EXPECTATION,
                        work_behaviour=Rating.ABOVE_EXPECTATION, predikat=Predikat.BAIK))


# Rule 11: nobody appraises themselves.
def test_rule_11_a_self_appraisal_is_refused() -> None:
    refused("SELF_APPRAISAL", a_pns().record_appraisal, envelope(date(2019, 1, 1)),
            **appraisal(2018, appraiser_nip=NIP))


# Rule 12: a second annual SKP of a year is a warning.
def test_rule_12_a_second_skp_of_the_same_year_is_recorded_with_a_warning() -> None:
    servant = a_pns()
    assert servant.record_appraisal(envelope(date(2019, 1, 1)), **appraisal(2018)) == []
    warnings = servant.record_appraisal(envelope(date(2019, 2, 1)), **appraisal(2018))
    assert codes(warnings) == ["DUPLICATE_APPRAISAL_YEAR"]


# Rule 13: the discipline regulation in force at the penalty's date.
def test_rule_13_a_pp94_penalty_before_31_august_2021_is_refused() -> None:
    refused("REGULATION_NOT_IN_FORCE", a_pns().impose_discipline, envelope(date(2021, 1, 1)),
            **penalty(end_date=date(2021, 7, 1)))


def test_rule_13_a_pp53_penalty_from_31_august_2021_is_refused() -> None:
    refused("REGULATION_NOT_IN_FORCE", a_pns().impose_discipline, envelope(date(2022, 1, 1)),
            **penalty(penalty_type=PenaltyType.TEGURAN_LISAN_PP53, level=DisciplineLevel.RINGAN,
                      regulation=Regulation.PP_53_2010, duration_months=None, end_date=None))


# Rule 14: the level is the type's.
def test_rule_14_a_level_other_than_the_types_is_refused() -> None:
    refused("LEVEL_MISMATCH", a_pns().impose_discipline, envelope(date(2023, 1, 1)),
            **penalty(level=DisciplineLevel.BERAT))


# Rule 15: duration and end date.
def test_rule_15_an_end_date_other_than_start_plus_duration_is_refused() -> None:
    refused("END_DATE_MISMATCH", a_pns().impose_discipline, envelope(date(2023, 1, 1)),
            **penalty(end_date=date(2023, 8, 1)))


def test_rule_15_a_duration_the_type_does_not_allow_is_refused() -> None:
    refused("INVALID_DURATION", a_pns().impose_discipline, envelope(date(2023, 1, 1)),
            **penalty(duration_months=3, end_date=date(2023, 4, 1)))


# Rule 16: training hours, dates, organiser and certificate.
def test_rule_16_training_without_hours_or_with_reversed_dates_is_refused() -> None:
    refused("INVALID_HOURS", a_pns().record_training, envelope(date(2019, 6, 1)), **training(hours=0))
    refused("INVALID_DATE_RANGE", a_pns().record_training, envelope(date(2019, 6, 1)),
            **training(end_date=date(2019, 4, 30)))


def test_rule_16_training_needs_its_organiser() -> None:
    refused("MISSING_FIELD", a_pns().record_training, envelope(date(2019, 6, 1)),
            **training(organiser=" "))


def test_rule_16_classical_training_needs_a_certificate_and_non_classical_only_warns() -> None:
    servant = a_pns()
    refused("MISSING_CERTIFICATE", servant.record_training, envelope(date(2019, 6, 1)),
            **training(certificate_number=None))
    warnings = servant.record_training(envelope(date(2019, 6, 1)),
                                       **training(kind=TrainingKind.COACHING, certificate_number=None))
    assert codes(warnings) == ["MISSING_CERTIFICATE"]
