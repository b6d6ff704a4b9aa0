"""GraphQL types of the functional-career, retirement, succession and career-path views.

Fields and descriptions are in descriptions.toml; the types come from the domain's records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from domain.functional.assess import PromotionKind
from domain.functional.path import NextSteps
from domain.functional.record import YearCredit
from domain.functional.retirement import RetirementAge
from service.graphql.derived_types import (
    OPTIONAL_TEXT,
    described_enum,
    output_type,
    stands_for,
    table_enum,
)
from service.graphql.promotion_types import PromotionKindValue, RuleOutcomeValue

GapRequirement: Any = table_enum("GapRequirement")


@described_enum
class StandardStatus(Enum):
    ASSESSED = "ASSESSED"
    NOT_ASSESSED = "NOT_ASSESSED"

    @classmethod
    def of(cls, standard: object | None) -> StandardStatus:
        """ASSESSED when a standard was found."""
        return cls.ASSESSED if standard is not None else cls.NOT_ASSESSED


stands_for(PromotionKind, PromotionKindValue)

Retirement: Any = output_type("Retirement", RetirementAge, renamed={"bup_age": "age"})

CreditYear: Any = output_type(
    "CreditYear", YearCredit,
    renamed={"functional_level": "level", "explanation": "note",
             "determined_credit": "determined_total"},
    given={"derived_credit": Optional[Decimal]},  # noqa: UP045
    computed={"derived_credit": lambda y: y.derived.amount if y.derived else None})

NextCareerSteps: Any = output_type(
    "NextCareerSteps", NextSteps,
    renamed={"promotion_kind": "kind", "functional_level": "level",
             "next_functional_level": "next_level", "credit_for_next_rank": "for_next_rank",
             "credit_missing_for_next_rank": "missing_for_next_rank",
             "credit_for_next_level": "for_next_level",
             "credit_missing_for_next_level": "missing_for_next_level",
             "evidence_event_ids": "evidence"})

CareerGap: Any = output_type("CareerGap", given=dict(
    requirement=GapRequirement, required=str, actual=str, outcome=RuleOutcomeValue,
    to_close=str, evidence_event_ids=list[str]))

CareerPath: Any = output_type("CareerPath", given=dict(
    nip=str, as_of=date, next_steps=NextCareerSteps, credit_years=list[CreditYear],
    retirement=Optional[Retirement], target_position=OPTIONAL_TEXT,  # noqa: UP045
    standard_id=OPTIONAL_TEXT, standard_status=StandardStatus, gaps=list[CareerGap]))

UpcomingRetirement: Any = output_type("UpcomingRetirement", given=dict(
    nip=str, name=str, unit_id=str, unit_name=str, position_name=OPTIONAL_TEXT,
    position_event_id=OPTIONAL_TEXT, bup_age=int, reaches_bup_on=date, retirement_tmt=date,
    basis=str, source=str))

SuccessionEntry: Any = output_type("SuccessionEntry", given=dict(
    place=int, nip=str, name=str, unit_id=str, in_pool=bool,
    rank_eligibility=RuleOutcomeValue, jpm_percent=Optional[Decimal],  # noqa: UP045
    box=Optional[int], integrity=Optional[Decimal], open_needs=int,  # noqa: UP045
    evidence_event_ids=list[str]))

SuccessionList: Any = output_type("SuccessionList", given=dict(
    position_id=str, as_of=date, standard_status=StandardStatus, order_explanation=str,
    candidates=list[SuccessionEntry]))
