"""Every event kind is declared once, and everything derived from the declaration exists: its
command, its mutation and input, its admission rules, its state change and the views that read
it. A kind that lacks a part fails here, not silently in a view."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from eventsourcing.utils import get_topic, resolve_topic
from graphql import build_schema

from domain import events as ev
from domain.discipline import DisciplineLevel
from domain.events import InvestigationOutcome
from domain.kind import EventKind, unchanged
from domain.kinds import KINDS, Facet, classes_for, kind_of
from domain.rules.envelope import ENVELOPE_RULES
from domain.servant import CivilServant
from domain.values import EducationLevel, Rank
from projections.engine.log import BASE_TOPICS, topics_of
from projections.engine.view import ServantHistory
from projections.views import VIEW_CLASSES, views_named
from service.graphql.mutations import ACTS, INPUTS
from service.graphql.schema import sdl
from tests.unit.given import (
    a_pns,
    appraisal,
    assessment,
    education,
    envelope,
    evaluation,
    penalty,
    position,
    promoted,
    retirement,
    training,
    transfer,
)

DECLARED = {kind.event_class for kind in KINDS}
# Kinds whose events change no state by themselves: the appointment opens the state and
# corrections are applied to their targets before folding.
STATELESS = {ev.CpnsAppointed, ev.EventCorrected, ev.EventRetracted}
# The views and the facet each reads.
VIEW_FACETS = {"career_history": Facet.CAREER, "promotion": Facet.PROMOTION,
               "training_ledger": Facet.TRAINING, "audit_findings": Facet.AUDIT,
               "retirement": Facet.PROMOTION,
               "training_effectiveness": Facet.COMPETENCE,
               "development_needs": Facet.TRAINING,
               "servant_directory": Facet.PROMOTION}


def test_every_event_class_of_domain_events_is_declared_exactly_once() -> None:
    defined = {obj for obj in vars(ev).values()
               if inspect.isclass(obj) and issubclass(obj, ev.CareerEvent) and obj is not ev.CareerEvent}
    assert defined == DECLARED
    assert len(KINDS) == len(DECLARED) == len({k.command for k in KINDS})


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.command)
def test_every_kind_has_a_command_on_the_aggregate_and_a_mutation(kind: EventKind[object]) -> None:
    camel = kind.command.split("_")[0] + "".join(p.title() for p in kind.command.split("_")[1:])
    mutation = build_schema(sdl()).mutation_type
    assert mutation is not None and "input" in mutation.fields[camel].args
    assert callable(getattr(CivilServant, kind.command))
    if not kind.opens_stream:
        assert kind.command in ACTS and INPUTS[kind.command].__name__.endswith("Input")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.command)
def test_every_kind_has_its_rules_and_its_state_change(kind: EventKind[object]) -> None:
    assert all(issubclass(kind.event_class, rule.event_class) for rule in kind.rules)
    if kind.event_class is not ev.EventCorrected:  # judged as the event it produces
        assert set(ENVELOPE_RULES) <= set(kind.rules)
    assert (kind.evolve is unchanged) == (kind.event_class in STATELESS)
    assert kind.facets, "a kind no view reads is dropped from every view"
    assert get_topic(kind.event_class) == f"domain.servant:CivilServant.{kind.event_class.__name__}"
    assert kind_of(kind.event_class) is kind


def test_every_view_reads_exactly_the_kinds_of_its_facet() -> None:
    assert set(VIEW_FACETS) == set(VIEW_CLASSES)
    assert topics_of(*classes_for(Facet.EVERY_VIEW)) == BASE_TOPICS
    for view in views_named():
        facet = VIEW_FACETS[view.name]
        assert view.topics == BASE_TOPICS | topics_of(*classes_for(facet)), view.name


def test_every_career_kind_appears_in_the_career_history() -> None:
    servant = a_pns(EducationLevel.S1, Rank.III_A)
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    servant.assign_position(envelope(date(2019, 5, 1)), **position())
    servant.transfer_institution(envelope(date(2019, 7, 1)), **transfer())
    servant.record_appraisal(envelope(date(2020, 1, 10)), **appraisal(2019))
    servant.record_training(envelope(date(2019, 6, 1)), **training())
    servant.record_competency_assessment(envelope(date(2019, 6, 10)), **assessment())
    servant.evaluate_training(envelope(date(2019, 6, 20)), **evaluation(servant.version - 1))
    servant.record_education(envelope(date(2019, 9, 1)), **education(EducationLevel.S2))
    servant.change_legal_status(envelope(date(2020, 3, 1)), legal_status=ev.LegalStatus.CLTN,
                                until=date(2021, 3, 1), reason="cuti")
    servant.demote_rank(envelope(date(2021, 4, 1)), new_rank=Rank.III_A, reason="disiplin")
    servant.impose_discipline(envelope(date(2023, 1, 1)), **penalty())
    servant.annul_discipline(envelope(date(2023, 2, 1)), penalty_version=13, reason="banding")
    servant.open_discipline_investigation(envelope(date(2023, 3, 1)),
                                          alleged_level=DisciplineLevel.SEDANG, reason="absen")
    servant.close_discipline_investigation(envelope(date(2023, 4, 1)),
                                           investigation_version=servant.version,
                                           outcome=InvestigationOutcome.CLEARED)
    servant.retire(envelope(date(2024, 1, 1)), **retirement())
    terminated = a_pns()
    terminated.terminate(envelope(date(2020, 1, 1)), **retirement())
    assert _shown_in_career_history(servant) | _shown_in_career_history(terminated) >= set(
        classes_for(Facet.CAREER))


def _shown_in_career_history(servant: CivilServant) -> set[type[ev.CareerEvent]]:
    history = ServantHistory(servant.id, list(servant.events),
                             {e.originator_version: e.originator_version for e in servant.events})
    rows = views_named(["career_history"])[0].rows(history)["career_entry"]
    return {type(servant.events[int(eid.rpartition(":")[2]) - 1])
            for row in rows for eid in row[8].strip("[]").replace('"', "").split(",")}



def test_every_stored_topic_still_names_its_event_class() -> None:
    # The classes moved from CivilServant to domain.events; stored events name the old place.
    for kind in KINDS:
        assert resolve_topic(f"domain.servant:CivilServant.{kind.event_class.__name__}") is kind.event_class


def test_every_declared_history_entry_is_in_a_section_of_the_career_history() -> None:
    from projections.views.career_history.rows import SECTIONS

    declared = [kind for kind in KINDS if kind.history is not None]
    assert declared, "no kind declares its career-history entry"
    for kind in declared:
        assert kind.history is not None and kind.history.section in SECTIONS, kind.command
        assert Facet.CAREER in kind.facets or Facet.EVERY_VIEW in kind.facets, kind.command
