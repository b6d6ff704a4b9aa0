"""Given/when/then for the rules on the envelope and the record's own fields that the rule
families' modules leave to the HTTP tests: dates, legal basis, entry rank, appraisal year,
graduation, service figures, STTPL and the talent period."""

from __future__ import annotations

from datetime import date

from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.servant import CivilServant
from domain.values import EducationLevel, Rank
from tests.unit.given import (
    a_cpns,
    a_pns,
    appointment,
    appraisal,
    codes,
    education,
    envelope,
    promotion,
    refused,
    training,
)


def test_a_date_outside_the_plausible_range_is_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_DATE", servant.record_training, envelope(date(2019, 6, 1)),
                    **training(end_date=date(2300, 1, 1)))
    assert error.field == "end_date"


def test_a_legal_basis_without_an_sk_number_is_refused() -> None:
    servant = a_pns()
    error = refused("MISSING_FIELD", servant.record_training,
                    envelope(date(2019, 6, 1), sk_number="  "), **training())
    assert error.field == "sk_number"


def test_an_initial_rank_other_than_the_diplomas_entry_rank_is_recorded_with_a_warning() -> None:
    servant, warnings = CivilServant.appoint_cpns(
        envelope(date(2015, 3, 1)), **appointment(education_level=EducationLevel.S1,
                                                  initial_rank=Rank.II_A))
    assert codes(warnings) == ["INITIAL_RANK_MISMATCH"]
    assert servant.version == 1


def test_an_appraisal_of_a_year_after_its_tmt_is_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_YEAR", servant.record_appraisal, envelope(date(2019, 1, 10)),
                    **appraisal(2020))
    assert error.field == "year"


def test_an_appraisal_of_a_year_before_the_appointment_is_refused() -> None:
    servant = a_pns()
    refused("INVALID_YEAR", servant.record_appraisal, envelope(date(2019, 1, 10)),
            **appraisal(2010))


def test_a_graduation_after_the_education_tmt_is_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_DATE_RANGE", servant.record_education, envelope(date(2019, 9, 1)),
                    **education(EducationLevel.S2, graduation_date=date(2019, 9, 2)))
    assert error.field == "graduationDate"


def test_service_months_beyond_eleven_are_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_VALUE", servant.promote_rank, envelope(date(2019, 4, 1)),
                    **promotion(Rank.III_B, service_months=12))
    assert error.field == "serviceMonths"


def test_a_pertek_dated_after_the_recording_day_is_refused() -> None:
    servant = a_pns()
    refused("SK_DATE_IN_FUTURE", servant.promote_rank, envelope(date(2019, 4, 1)),
            **promotion(Rank.III_B, pertek_number="P/1", pertek_date=date(2030, 1, 1)))


def test_a_pns_appointment_without_its_sttpl_number_is_refused() -> None:
    servant = a_cpns()
    error = refused("MISSING_FIELD", servant.appoint_pns, envelope(date(2016, 3, 1)),
                    sttpl_number=" ", spmt_number=None)
    assert error.field == "sttplNumber"


def test_a_talent_period_ending_before_it_starts_is_refused() -> None:
    servant = a_pns()
    error = refused("INVALID_VALIDITY_PERIOD", servant.map_talent, envelope(date(2024, 3, 1)),
                    box=8, performance=PerformanceAxis.MEETS, potential=PotentialAxis.HIGH,
                    period_start=date(2023, 12, 31), period_end=date(2023, 1, 1), inputs="")
    assert error.field == "periodEnd"
