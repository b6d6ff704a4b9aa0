"""Output types derived from the domain's records: the description table names only what the
schema has, every described type shows all the table's fields, and the generic converter copies
a record as the hand-written copies did (renames, tuples to lists, enums, nested records)."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
from graphql import build_schema as build_sdl
from strawberry.types.base import get_object_definition

from domain.functional.assess import PromotionKind
from domain.functional.path import NextSteps
from domain.functional.record import YearCredit
from domain.functional.retirement import RetirementAge
from domain.promotion import RuleOutcome
from domain.ranks import Rank
from projections.views.development_needs.queries import NeedRow
from service.audit import IntegrityReport
from service.audit.integrity import Break
from service.graphql import derived_types
from service.graphql.audit_types import BreakKind, Integrity, IntegrityStatus
from service.graphql.career_types import CreditYear, NextCareerSteps, Retirement
from service.graphql.competence_needs import UnitDevelopmentNeed
from service.graphql.promotion_types import PromotionKindValue, RuleCheck, RuleOutcomeValue
from service.graphql.schema import build_schema
from service.graphql.types import CareerEvent, Servant
from service.settings import Settings
from tests.unit.given import a_cpns, state_of

TABLE = tomllib.loads(
    (Path(derived_types.__file__).with_name("descriptions.toml")).read_text(encoding="utf-8"))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def test_the_description_table_describes_only_types_fields_and_values_the_schema_has() -> None:
    types = build_sdl(build_schema(Settings()).as_str()).type_map
    for name, entry in TABLE.items():
        assert name in types, f"{name} is described but not in the schema"
        assert types[name].description == entry["description"]
        shown = getattr(types[name], "fields", None) or getattr(types[name], "values", {})
        for member, note in (entry.get("fields") or entry["values"]).items():
            key = _camel(member) if "fields" in entry else member
            assert key in shown, f"{name}.{member} is described but not in the schema"
            assert shown[key].description == note


def test_a_derived_type_takes_its_fields_in_the_table_order() -> None:
    definition = get_object_definition(NextCareerSteps, strict=True)
    assert [f.python_name for f in definition.fields] == list(TABLE["NextCareerSteps"]["fields"])


def test_a_type_naming_fields_of_another_takes_those_fields_first_then_its_own() -> None:
    definition = get_object_definition(UnitDevelopmentNeed, strict=True)
    assert [f.python_name for f in definition.fields] == [
        *TABLE["DevelopmentNeedInfo"]["fields"], *TABLE["UnitDevelopmentNeed"]["fields"]]


def test_a_view_row_converts_with_the_fields_taken_from_another_type() -> None:
    row = NeedRow(nip="1" * 18, name="Sari", unit_id="U1", need_id="N:4:need",
                  source="APPRAISAL", addresses="KINERJA", due_year=2025,
                  opened_on=date(2024, 12, 31), opened_by="N:4", target_level=None,
                  is_open=False, closure="TRAINING_EVALUATED", closed_on=date(2025, 6, 1),
                  closed_by=("N:5", "N:6"))
    found = UnitDevelopmentNeed.of(row)
    assert (found.unit_id, found.need_id, found.status) == ("U1", "N:4:need", "CLOSED")
    assert found.closed_by == ["N:5", "N:6"] and found.closure == "TRAINING_EVALUATED"


def test_the_converter_renames_and_copies_the_record() -> None:
    age = RetirementAge(age=58, reaches_bup_on=date(2040, 5, 3),
                        retirement_tmt=date(2040, 6, 1), basis="JF", source="PP 11/2017",
                        verify=False)
    found = Retirement.from_domain(age)
    assert (found.bup_age, found.retirement_tmt, found.basis) == (58, date(2040, 6, 1), "JF")


def test_the_converter_makes_lists_of_tuples_and_graphql_enums_of_domain_enums() -> None:
    steps = NextSteps(kind=PromotionKind.PILIHAN_JF, rank=Rank.III_A, next_rank=Rank.III_B,
                      earliest_date=None, level=None, next_level=None, credit=Decimal("12.5"),
                      for_next_rank=50, missing_for_next_rank=Decimal("37.5"),
                      for_next_level=None, missing_for_next_level=None, credit_regime=None,
                      evidence=("N:1", "N:2"), note="")
    found = NextCareerSteps.from_domain(steps)
    assert found.promotion_kind is PromotionKindValue.KP_PILIHAN_JF
    assert found.evidence_event_ids == ["N:1", "N:2"]
    assert found.credit_missing_for_next_rank == Decimal("37.5")


def test_the_converter_reads_properties_and_computed_fields() -> None:
    year = YearCredit(year=2024, level=None, predikat=None, appraisal_event_id=None,
                      derived=None, determined=(), determined_event_ids=("N:7",), note="none")
    found = CreditYear.from_domain(year)
    assert (found.determined_credit, found.derived_credit, found.explanation) == (0, None, "none")
    assert found.determined_event_ids == ["N:7"]


def test_a_nested_record_becomes_its_own_derived_type() -> None:
    outcome = RuleOutcome(rule_id="F2", passed=False, explanation="", evidence=("N:3",),
                          source="", three_valued="UNKNOWN", missing=("PAK",))
    check = RuleCheck.from_domain(outcome)
    assert check.outcome is RuleOutcomeValue.UNKNOWN and check.missing == ["PAK"]
    report = IntegrityReport(ok=False, checked=3, head_position=2, head_hash="h",
                             first_break=Break(position=3, kind="CHANGED", reason="altered"))
    found = Integrity.from_report(report)
    assert found.first_break.kind is BreakKind.CHANGED and found.checked_events == 3
    assert found.status is IntegrityStatus.BROKEN and found.digest is None


def test_the_values_given_to_the_converter_stand_in_for_the_record() -> None:
    age = RetirementAge(age=58, reaches_bup_on=date(2040, 5, 3),
                        retirement_tmt=date(2040, 6, 1), basis="JF", source="", verify=True)
    assert Retirement.from_domain(age, bup_age=60).bup_age == 60


def test_an_enum_whose_values_the_table_does_not_list_is_refused() -> None:
    class GapRequirement(Enum):  # the table's enum of that name has six values
        RANK = "RANK"

    with pytest.raises(AssertionError, match="GapRequirement"):
        derived_types.described_enum(GapRequirement)


def test_a_servant_and_its_events_convert_from_the_folded_state_and_the_log() -> None:
    servant = a_cpns()
    state = state_of(servant)
    found = Servant.from_state(state, 7)
    assert (found.nip, found.version, found.golongan) == (state.nip, 7, state.rank.golongan)
    assert found.position_name is None and found.birth_date == state.birth_date
    event = CareerEvent.from_event(servant.events[0], state.nip, 1)
    assert (event.event_id, event.position) == (f"{state.nip}:1", 1)
    assert event.legal_basis.sk_number == servant.events[0].sk_number
