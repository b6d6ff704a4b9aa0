"""Disciplinary examinations (domain.md §7.6): opening and closing one, and rule R6 reading
which examination is open on the candidate TMT."""

from __future__ import annotations

from datetime import date

from domain.discipline import DisciplineLevel
from domain.events import InvestigationOutcome
from domain.promotion import evaluate_reguler
from domain.promotion.from_record import promotion_facts
from domain.servant import CivilServant
from domain.state import effective_events, fold
from tests.unit.given import NIP, a_pns, envelope, refused, state_of

OPENED_ON = date(2023, 3, 1)


def opened(servant: CivilServant, tmt: date = OPENED_ON) -> int:
    servant.open_discipline_investigation(envelope(tmt), alleged_level=DisciplineLevel.SEDANG,
                                          reason="Absen 10 hari")
    return servant.version


def closed(servant: CivilServant, version: int, tmt: date) -> None:
    servant.close_discipline_investigation(envelope(tmt), investigation_version=version,
                                           outcome=InvestigationOutcome.CLEARED)


def r6_at(servant: CivilServant, tmt: date) -> tuple[bool, tuple[str, ...], str]:
    effective = effective_events(servant.events)
    result = evaluate_reguler(promotion_facts(NIP, effective, fold(effective)), tmt)
    (r6,) = (o for o in result.outcomes if o.rule_id == "R6")
    return r6.passed, r6.evidence, r6.explanation


def test_an_opened_investigation_is_kept_open_in_the_state_until_closed() -> None:
    servant = a_pns()
    version = opened(servant)
    assert state_of(servant).investigations[version].closed_by is None
    closed(servant, version, date(2023, 6, 1))
    investigation = state_of(servant).investigations[version]
    assert (investigation.closed_on, investigation.closed_by) == (date(2023, 6, 1), version + 1)


def test_a_closing_must_name_an_investigation_opened_by_its_tmt() -> None:
    servant = a_pns()
    version = opened(servant)
    refused("INVALID_TARGET", servant.close_discipline_investigation, envelope(date(2023, 6, 1)),
            investigation_version=version - 1, outcome=InvestigationOutcome.CLEARED)
    refused("INVALID_TARGET", servant.close_discipline_investigation, envelope(date(2023, 2, 1)),
            investigation_version=version, outcome=InvestigationOutcome.CLEARED)


def test_an_investigation_is_closed_once() -> None:
    servant = a_pns()
    version = opened(servant)
    closed(servant, version, date(2023, 6, 1))
    refused("ALREADY_CLOSED", servant.close_discipline_investigation, envelope(date(2023, 7, 1)),
            investigation_version=version, outcome=InvestigationOutcome.PENALTY_IMPOSED)


def test_r6_fails_while_an_investigation_is_open_on_the_candidate_tmt() -> None:
    servant = a_pns()
    version = opened(servant)
    passed, evidence, explanation = r6_at(servant, date(2023, 4, 1))
    assert not passed
    assert evidence == (f"{NIP}:{version}",)
    assert f"{NIP}:{version} since {OPENED_ON}" in explanation


def test_r6_passes_before_the_opening_and_from_the_closing_tmt() -> None:
    servant = a_pns()
    version = opened(servant)
    closed(servant, version, date(2023, 6, 1))
    assert r6_at(servant, date(2023, 2, 1))[0]
    assert not r6_at(servant, date(2023, 5, 31))[0]
    passed, evidence, _ = r6_at(servant, date(2023, 6, 1))
    assert passed
    assert evidence == (f"{NIP}:{version}", f"{NIP}:{version + 1}")


def test_r6_passes_with_no_investigation_recorded() -> None:
    assert r6_at(a_pns(), date(2023, 4, 1))[:2] == (True, ())
