"""An assessment records the standard it was judged against at admission, and the needs it
opens follow that record, not whatever standard streams a reader passes in (§6.2)."""

from __future__ import annotations

from datetime import date

from domain.competence.record import competence_record
from domain.competence.records import carried_standard, standard_text
from domain.competence.standards import LegalBasis, PositionStandard
from domain.effective import Effective, effective_events
from domain.events import CompetencyAssessed
from tests.unit.given import a_pns, assessment, envelope

STANDARD = PositionStandard("JF-ASDM:1", "JF-ASDM", date(2020, 1, 1), None,
                            LegalBasis("SK-SKJ/1", date(2019, 12, 1), "Kepala BKN"),
                            (("INTEGRITAS", 3), ("KERJA_SAMA", 3)))


def assessed(relied_on: str) -> list[Effective]:
    servant = a_pns()
    servant.record_competency_assessment(
        envelope(date(2021, 3, 1)), **assessment(levels={"INTEGRITAS": 3, "KERJA_SAMA": 2},
                                                 standard_relied_on=relied_on))
    return list(effective_events(servant.events))


def test_the_recorded_standard_round_trips_with_its_id_and_levels() -> None:
    text = standard_text(STANDARD)
    assert text == "JF-ASDM:1;INTEGRITAS=3,KERJA_SAMA=3"
    assert standard_text(None) == ""


def test_needs_open_against_the_recorded_standard_without_any_stream() -> None:
    effective = assessed(standard_text(STANDARD))
    record = competence_record("N", effective, {})
    assert [(n.addresses, n.target_level) for n in record.needs] == [("KERJA_SAMA", 3)]
    event = effective[-1].event
    assert isinstance(event, CompetencyAssessed)
    found = carried_standard(event)
    assert found is not None and found.required == STANDARD.required


def test_without_a_recorded_standard_no_gap_need_opens_from_no_stream() -> None:
    assert competence_record("N", assessed(""), {}).needs == ()
