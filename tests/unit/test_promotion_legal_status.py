"""Given/when/then for R7 with the legal status (kedudukan hukum): CLTN and a temporary
suspension on the candidate TMT stop a promotion, a study assignment does not."""

from __future__ import annotations

from datetime import date

import pytest

from domain.events import LegalStatus
from domain.promotion import evaluate_reguler
from domain.promotion.facts import LegalStatusFact
from domain.promotion.from_record import promotion_facts
from domain.state import effective_events
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import facts_from_json, facts_json
from tests.unit.given import a_pns, envelope, state_of
from tests.unit.test_promotion_rules import REGIMES, eid, facts_passing_at, outcome

TMT = REGIMES["from-oct-2025"]


def _with_status(status: LegalStatus, tmt: date, until: date | None = None) -> LegalStatusFact:
    return LegalStatusFact(status, tmt, until, eid(40))


@pytest.mark.parametrize("status", [LegalStatus.CLTN, LegalStatus.TEMPORARY_SUSPENSION])
def test_r7_fails_on_cltn_or_suspension_covering_the_candidate_tmt(status: LegalStatus) -> None:
    facts = facts_passing_at(TMT, legal_statuses=(_with_status(status, date(2025, 1, 1)),))
    result = evaluate_reguler(facts, TMT)
    r7 = outcome(result, "R7")
    assert not r7.passed
    assert status.name in r7.explanation and "LegalStatusChanged" in r7.explanation
    assert eid(40) in r7.explanation
    assert r7.evidence == (eid(2), eid(40))
    assert result.failed_rule_ids == ("R7",)


def test_r7_passes_during_a_study_assignment() -> None:
    facts = facts_passing_at(TMT, legal_statuses=(
        _with_status(LegalStatus.TUGAS_BELAJAR, date(2025, 1, 1)),))
    r7 = outcome(evaluate_reguler(facts, TMT), "R7")
    assert r7.passed
    assert r7.evidence == (eid(2),)


def test_r7_passes_once_cltn_has_ended_or_the_servant_is_active_again() -> None:
    ended = (_with_status(LegalStatus.CLTN, date(2024, 1, 1), until=TMT),)
    back = (LegalStatusFact(LegalStatus.CLTN, date(2024, 1, 1), None, eid(40)),
            LegalStatusFact(LegalStatus.ACTIVE, date(2025, 1, 1), None, eid(41)))
    for statuses in (ended, back):
        assert outcome(evaluate_reguler(facts_passing_at(TMT, legal_statuses=statuses), TMT),
                       "R7").passed


def test_r7_passes_before_a_cltn_starts() -> None:
    facts = facts_passing_at(TMT, legal_statuses=(
        _with_status(LegalStatus.CLTN, date(TMT.year + 1, 1, 1)),))
    assert outcome(evaluate_reguler(facts, TMT), "R7").passed


def test_a_recorded_legal_status_is_in_the_state_and_the_promotion_facts() -> None:
    servant = a_pns()
    servant.change_legal_status(envelope(date(2021, 2, 1)), legal_status=LegalStatus.CLTN,
                                until=date(2023, 2, 1), reason="cuti")
    state = state_of(servant)
    assert state.legal_status_on(date(2022, 1, 1)) is state.legal_statuses[-1]
    assert state.legal_status_on(date(2023, 2, 1)) is None
    facts = promotion_facts("N", effective_events(servant.events), state)
    assert facts.legal_statuses == (
        LegalStatusFact(LegalStatus.CLTN, date(2021, 2, 1), date(2023, 2, 1), f"N:{servant.version}"),)
    history = ServantHistory(servant.id, list(servant.events),
                             {e.originator_version: e.originator_version for e in servant.events})
    text, _ = facts_json(history)
    assert facts_from_json(text).legal_statuses == promotion_facts(
        history.nip, history.effective, history.state).legal_statuses
    assert facts_from_json(text).legal_statuses[0].legal_status is LegalStatus.CLTN
