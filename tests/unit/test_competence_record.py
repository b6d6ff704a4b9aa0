"""A servant's competence record from its events and the standards in force: needs open on a
weak appraisal or a shortfall against the standard of the assessment's day, and close by an
evaluated training that addresses them or a later assessment."""

from __future__ import annotations

from datetime import date

from domain.competence.development import Closure, NeedSource
from domain.competence.record import CompetenceRecord, competence_record
from domain.competence.standards import LegalBasis, PositionStandard
from domain.effective import effective_events
from domain.servant import CivilServant
from domain.values import Predikat, Rating
from tests.unit.given import (
    NIP,
    a_pns,
    appraisal,
    assessment,
    envelope,
    evaluation,
    position,
    training,
)

BASIS = LegalBasis("SK/SKJ", date(2019, 12, 1), "Kepala BKN")


def standard(position_key: str, valid_from: date, **levels: int) -> PositionStandard:
    return PositionStandard(f"{position_key}:1", position_key, valid_from, None, BASIS,
                            tuple(levels.items()))


def assigned() -> CivilServant:
    servant = a_pns()
    servant.assign_position(envelope(date(2019, 5, 1)), **position())
    return servant


def record_of(servant: CivilServant, standards: dict[str, tuple[PositionStandard, ...]],
              as_of: date | None = None) -> CompetenceRecord:
    return competence_record(NIP, effective_events(servant.events), standards, as_of)


def test_a_shortfall_opens_a_need_only_against_the_standard_in_force_on_the_assessment_day() -> None:
    servant = assigned()
    servant.record_competency_assessment(envelope(date(2020, 2, 1)), **assessment())
    key = position()["position_level"].name
    later = {key: (standard(key, date(2021, 1, 1), KERJA_SAMA=3),)}
    assert record_of(servant, later).needs == ()
    in_force = {key: (standard(key, date(2020, 1, 1), KERJA_SAMA=3),)}
    [need] = record_of(servant, in_force).needs
    assert (need.source, need.addresses, need.target_level, need.due_year, need.opened_by) == (
        NeedSource.COMPETENCY_GAP, "KERJA_SAMA", 3, 2021, f"{NIP}:4")


def test_a_weak_appraisal_need_closes_by_an_evaluated_training_for_performance() -> None:
    servant = assigned()
    servant.record_appraisal(envelope(date(2020, 1, 10)), **appraisal(
        2019, work_result=Rating.BELOW_EXPECTATION, predikat=Predikat.BUTUH_PERBAIKAN))
    servant.record_training(envelope(date(2020, 6, 1)), **training(
        start_date=date(2020, 5, 1), end_date=date(2020, 5, 3), addresses="KINERJA"))
    trained = servant.version
    [opened] = record_of(servant, {}).needs
    assert opened.is_open
    servant.evaluate_training(envelope(date(2020, 8, 1)), **evaluation(trained))
    [closed] = record_of(servant, {}).needs
    assert (closed.closure, closed.closed_by) == (
        Closure.TRAINING_EVALUATED, (f"{NIP}:{trained}", f"{NIP}:{trained + 1}"))
    [before] = record_of(servant, {}, as_of=date(2020, 7, 31)).needs
    assert before.is_open, "the evaluation is not yet valid on that day"
