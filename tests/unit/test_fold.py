"""The fold is a pure, total state update: an admitted event is a fact, applied as recorded,
never judged again, so a stream admitted under an old rule table still folds, still builds
every view and can still be corrected after the table changes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain import events as ev
from domain.effective import effective_events
from domain.fold import fold
from domain.promotion import EducationFact, evaluate_reguler
from domain.rules import education as education_rules
from domain.rules.base import RECORD_START
from domain.rules.education import EducationTable
from domain.servant import CivilServant
from domain.values import EducationLevel, Predikat, Rank, Rating, ServantStatus
from projections.engine.view import ServantHistory
from projections.views import views_named
from tests.unit.given import (
    CPNS_TMT,
    NIP,
    RECORDED,
    a_pns,
    appointment,
    appraisal,
    envelope,
    evaluation,
    penalty,
    position,
    promoted,
    promotion,
    refused,
    retirement,
    state_of,
    training,
    transfer,
)
from tests.unit.test_promotion_rules import facts_passing_at


def _recorded(event_class: type[ev.CareerEvent], version: int, tmt: date, **payload: Any) -> Any:
    """An event as the store hands it back: built directly, never admitted."""
    extra = {"originator_topic": "domain.servant:CivilServant"} if version == 1 else {}
    return event_class(originator_id=uuid4(), originator_version=version, timestamp=RECORDED,
                       **{k: v for k, v in envelope(tmt).event_fields().items()
                          if k != "timestamp"}, **extra, **payload)


def test_fold_applies_events_that_break_todays_rules_without_refusing_any() -> None:
    # Given a stream no admission would produce: a rank skip, a second PNS appointment, an
    # annulment of nothing, a transfer to the same institution and a training after the exit.
    stream = [
        _recorded(ev.CpnsAppointed, 1, CPNS_TMT, **appointment()),
        _recorded(ev.RankPromoted, 2, date(2016, 4, 1), **promotion(Rank.IV_A)),
        _recorded(ev.PnsAppointed, 3, date(2016, 3, 1), sttpl_number="S", spmt_number=None),
        _recorded(ev.PnsAppointed, 4, date(2016, 6, 1), sttpl_number="S", spmt_number=None),
        _recorded(ev.DisciplinePenaltyAnnulled, 5, date(2017, 1, 1), penalty_version=9,
                  reason="none"),
        _recorded(ev.InstitutionTransferred, 6, date(2017, 2, 1), from_institution_id="A",
                  **transfer(to_institution_id="A")),
        _recorded(ev.Terminated, 7, date(2018, 1, 1), **retirement()),
        _recorded(ev.TrainingCompleted, 8, date(2019, 6, 1), **training()),
    ]
    # When it is folded, then every event is applied as recorded.
    state = fold(effective_events(stream))
    assert (state.rank, state.pns_tmt, state.status) == (Rank.IV_A, date(2016, 6, 1),
                                                         ServantStatus.TERMINATED)
    assert state.penalties == {} and len(state.trainings) == 1


def test_fold_on_a_date_keeps_the_appointment_and_only_earlier_tmts() -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    assert state_of(servant, date(2019, 3, 31)).rank is Rank.III_A
    assert state_of(servant, date(2019, 4, 1)).rank is Rank.III_B
    before = state_of(servant, date(2010, 1, 1))
    assert (before.status, before.cpns_tmt > date(2010, 1, 1)) == (ServantStatus.CPNS, True)


def test_fold_orders_by_tmt_then_appointment_first_and_exit_last_within_a_day() -> None:
    servant = a_pns()
    servant.retire(envelope(date(2020, 1, 1)), **retirement())
    assert servant.version == 3
    stream = [*servant.events[:2], _recorded(ev.TrainingCompleted, 4, date(2020, 1, 1),
                                             **training()), servant.events[2]]
    assert fold(effective_events(stream)).status is ServantStatus.RETIRED


def _corrected_s1_cap() -> tuple[EducationTable, ...]:
    """The §3.2 table with the S1 cap corrected from III/d to III/c (a [VERIFY] fix)."""
    today = education_rules.table_at(date(2020, 1, 1))
    cap = {**today.cap, EducationLevel.S1: Rank.III_C}
    return (EducationTable("EDU-CORRECTED", RECORD_START, None, "test", today.entry, cap),)


def _a_servant_at_the_s1_cap() -> CivilServant:
    servant = a_pns()
    for rank, tmt in ((Rank.III_B, date(2017, 4, 1)), (Rank.III_C, date(2018, 4, 1)),
                      (Rank.III_D, date(2019, 4, 1))):
        promoted(servant, rank, tmt)
    servant.assign_position(envelope(date(2019, 5, 1)), **position())
    servant.record_appraisal(envelope(date(2020, 1, 10)), **appraisal(2019))
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    servant.impose_discipline(envelope(date(2023, 1, 1)), **penalty())
    return servant


def test_a_stream_admitted_under_an_old_rule_table_still_folds_and_builds_every_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a promotion to III/d admitted while the S1 cap was III/d (and an evaluation of
    # its training, version 8, and a weak appraisal opening a development need, so that every
    # view has a row),
    servant = _a_servant_at_the_s1_cap()
    servant.evaluate_training(envelope(date(2019, 7, 1)), **evaluation(8))
    servant.record_appraisal(envelope(date(2021, 1, 10)), **appraisal(
        2020, work_result=Rating.BELOW_EXPECTATION, predikat=Predikat.BUTUH_PERBAIKAN))
    # when the table is corrected to cap S1 at III/c,
    monkeypatch.setattr(education_rules, "EDUCATION_TABLES", _corrected_s1_cap())
    assert education_rules.cap_rank(EducationLevel.S1) is Rank.III_C
    # then the stream still folds as recorded,
    assert state_of(servant).rank is Rank.III_D
    # and every view still builds its rows from it, in-process.
    history = ServantHistory(servant.id, list(servant.events),
                             {e.originator_version: e.originator_version for e in servant.events})
    for view in views_named():
        rows = view.rows(history)
        assert any(rows.values()), view.name
    career = views_named(["career_history"])[0].rows(history)["career_servant"][0]
    assert Rank.III_D.name in career


def test_a_stream_admitted_under_an_old_rule_table_can_still_be_corrected_and_extended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    servant = _a_servant_at_the_s1_cap()
    monkeypatch.setattr(education_rules, "EDUCATION_TABLES", _corrected_s1_cap())
    # The promotion the new table would refuse is not the correction's doing: admitted.
    servant.correct_event(envelope(date(2019, 4, 1)), target_version=5,
                          changes={"sk_number": "SK/5-corrected"}, reason="typo")
    servant.record_training(envelope(date(2024, 6, 1)),
                            **training(start_date=date(2024, 5, 1), end_date=date(2024, 5, 2)))
    assert servant.version == 11


def test_a_new_event_is_judged_by_the_table_in_force_now(monkeypatch: pytest.MonkeyPatch) -> None:
    servant = a_pns()
    promoted(servant, Rank.III_B, date(2017, 4, 1))
    promoted(servant, Rank.III_C, date(2018, 4, 1))
    monkeypatch.setattr(education_rules, "EDUCATION_TABLES", _corrected_s1_cap())
    refused("EDUCATION_CAP_EXCEEDED", servant.promote_rank, envelope(date(2019, 4, 1)),
            **promotion(Rank.III_D))


def test_eligibility_reads_the_corrected_table_for_the_same_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts_education = (EducationFact(EducationLevel.S1, CPNS_TMT, f"{NIP}:1"),)
    tmt = date(2023, 4, 1)
    facts = facts_passing_at(tmt, rank=Rank.III_C, education=facts_education)
    assert "R3" not in evaluate_reguler(facts, tmt).failed_rule_ids
    monkeypatch.setattr(education_rules, "EDUCATION_TABLES", _corrected_s1_cap())
    assert "R3" in evaluate_reguler(facts, tmt).failed_rule_ids


def test_a_changed_table_can_start_at_a_tmt_leaving_earlier_tmts_to_the_old_one() -> None:
    today = education_rules.table_at(date(2020, 1, 1))
    tables = (
        EducationTable("OLD", RECORD_START, date(2024, 12, 31), "old", today.entry, today.cap),
        EducationTable("NEW", date(2025, 1, 1), None, "new", today.entry,
                       {**today.cap, EducationLevel.S1: Rank.III_C}),
    )
    assert education_rules.table_at(date(2024, 12, 31), tables).cap[EducationLevel.S1] is Rank.III_D
    assert education_rules.table_at(date(2025, 1, 1), tables).cap[EducationLevel.S1] is Rank.III_C
