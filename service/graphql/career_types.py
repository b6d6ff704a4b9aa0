"""GraphQL types of the functional-career, retirement, succession and career-path views."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

import strawberry

from domain.functional.path import NextSteps
from domain.functional.record import YearCredit
from domain.functional.retirement import RetirementAge
from service.graphql.event_types import ENUMS
from service.graphql.promotion_types import PromotionKindValue, RuleOutcomeValue

RankEnum: Any = ENUMS["Rank"]
LevelEnum: Any = ENUMS["FunctionalLevel"]
PredikatEnum: Any = ENUMS["Predikat"]


@strawberry.enum(description="What a position's standard requires, one kind per gap.")
class GapRequirement(Enum):
    RANK = strawberry.enum_value("RANK", description="The lowest rank the position admits.")
    EDUCATION = strawberry.enum_value("EDUCATION", description="The education level required.")
    EDUCATION_FIELD = strawberry.enum_value(
        "EDUCATION_FIELD", description="The field of study the degree must be in.")
    TRAINING = strawberry.enum_value("TRAINING", description="A training the holder must have.")
    EXPERIENCE = strawberry.enum_value(
        "EXPERIENCE", description="The months of service in the kind of work required.")
    COMPETENCY = strawberry.enum_value(
        "COMPETENCY", description="A competency at the level the position requires.")


@strawberry.enum(description="Whether a position could be judged against a recorded standard.")
class StandardStatus(Enum):
    ASSESSED = strawberry.enum_value(
        "ASSESSED", description="The position has a standard in force; it was applied.")
    NOT_ASSESSED = strawberry.enum_value(
        "NOT_ASSESSED", description="The position has no recorded standard, so nothing was "
        "judged against one.")

    @classmethod
    def of(cls, standard: object | None) -> StandardStatus:
        """ASSESSED when a standard was found."""
        return cls.ASSESSED if standard is not None else cls.NOT_ASSESSED


@strawberry.type(description="The retirement age (BUP) of the position held and the "
                 "retirement TMT.")
class Retirement:
    bup_age: int = strawberry.field(description="Batas usia pensiun in years.")
    reaches_bup_on: date = strawberry.field(description="The BUP birthday.")
    retirement_tmt: date = strawberry.field(
        description="The first day of the month after the BUP birthday [VERIFY].")
    basis: str = strawberry.field(description="The table key (level or JF level) used.")
    source: str = strawberry.field(description="The regulation the age comes from.")
    verify: bool = strawberry.field(description="True while the rule is marked [VERIFY].")

    @classmethod
    def from_domain(cls, r: RetirementAge) -> Retirement:
        return cls(bup_age=r.age, reaches_bup_on=r.reaches_bup_on,
                   retirement_tmt=r.retirement_tmt, basis=r.basis, source=r.source,
                   verify=r.verify)


@strawberry.type(description="One year of functional credit: the annual credit the SKP "
                 "predikat gives by PermenPANRB 1/2023's coefficients, beside the PAKs "
                 "determined for the year (the legal record).")
class CreditYear:
    year: int = strawberry.field(description="The calendar year.")
    functional_level: Optional[LevelEnum] = strawberry.field(  # noqa: UP045
        description="The JF level held.")
    predikat: Optional[PredikatEnum] = strawberry.field(  # noqa: UP045
        description="The year's SKP predikat, if recorded.")
    appraisal_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The SKP the derived credit comes from.")
    derived_credit: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="(months/12) x %predikat x coefficient; null when it cannot be derived.")
    explanation: str = strawberry.field(description="How the derived credit was computed, or "
                                        "why it was not.")
    determined_credit: Decimal = strawberry.field(
        description="The sum of the PAKs whose period starts in the year.")
    determined_event_ids: list[str] = strawberry.field(
        description="The CreditScoreDetermined events of the year.")

    @classmethod
    def from_domain(cls, y: YearCredit) -> CreditYear:
        return cls(year=y.year, functional_level=y.level, predikat=y.predikat,
                   appraisal_event_id=y.appraisal_event_id,
                   derived_credit=y.derived.amount if y.derived else None, explanation=y.note,
                   determined_credit=y.determined_total,
                   determined_event_ids=list(y.determined_event_ids))


@strawberry.type(description="The next rank and its earliest date, and for a functional "
                 "servant the next level and the credit still missing.")
class NextCareerSteps:
    promotion_kind: PromotionKindValue = strawberry.field(
        description="The rule set the position held calls for.")
    rank: RankEnum = strawberry.field(description="The rank held.")
    next_rank: Optional[RankEnum] = strawberry.field(  # noqa: UP045
        description="The next rank; null at IV/e.")
    earliest_date: Optional[date] = strawberry.field(  # noqa: UP045
        description="The first period date the record already supports; null if none.")
    functional_level: Optional[LevelEnum] = strawberry.field(  # noqa: UP045
        description="The JF level held.")
    next_functional_level: Optional[LevelEnum] = strawberry.field(  # noqa: UP045
        description="The next JF level; null at the top of the track.")
    credit: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="PAK credit since the last rank step.")
    credit_for_next_rank: Optional[int] = strawberry.field(  # noqa: UP045
        description="AKK for the rank step (PermenPANRB 1/2023).")
    credit_missing_for_next_rank: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Credit still to earn for the rank step.")
    credit_for_next_level: Optional[int] = strawberry.field(  # noqa: UP045
        description="Credit for the level step (kenaikan jenjang).")
    credit_missing_for_next_level: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Credit still to earn for the level step.")
    credit_regime: Optional[str] = strawberry.field(  # noqa: UP045
        description="The credit regime the requirements come from.")
    evidence_event_ids: list[str] = strawberry.field(description="The events read.")
    note: str = strawberry.field(description="What the figures count, or why they are absent.")

    @classmethod
    def from_domain(cls, s: NextSteps) -> NextCareerSteps:
        return cls(promotion_kind=PromotionKindValue(s.kind.value), rank=s.rank,
                   next_rank=s.next_rank, earliest_date=s.earliest_date,
                   functional_level=s.level, next_functional_level=s.next_level,
                   credit=s.credit, credit_for_next_rank=s.for_next_rank,
                   credit_missing_for_next_rank=s.missing_for_next_rank,
                   credit_for_next_level=s.for_next_level,
                   credit_missing_for_next_level=s.missing_for_next_level,
                   credit_regime=s.credit_regime, evidence_event_ids=list(s.evidence),
                   note=s.note)


@strawberry.type(description="One requirement of a target position against the record.")
class CareerGap:
    requirement: GapRequirement = strawberry.field(
        description="What kind of requirement the gap is about.")
    required: str = strawberry.field(description="What the position requires.")
    actual: str = strawberry.field(description="What the record shows.")
    outcome: RuleOutcomeValue = strawberry.field(description="PASS, FAIL or UNKNOWN.")
    to_close: str = strawberry.field(description="What would close the gap; empty when met.")
    evidence_event_ids: list[str] = strawberry.field(description="The events read.")


@strawberry.type(description="A servant's career path: next steps, credit by "
                 "year, retirement, and the gaps to a target position's standard.")
class CareerPath:
    nip: str = strawberry.field(description="The servant.")
    as_of: date = strawberry.field(description="The day the path is computed for.")
    next_steps: NextCareerSteps = strawberry.field(description="The next rank and level.")
    credit_years: list[CreditYear] = strawberry.field(
        description="Annual credit per year with the PAKs as evidence.")
    retirement: Optional[Retirement] = strawberry.field(  # noqa: UP045
        description="The BUP of the position held; null when no rule covers it.")
    target_position: Optional[str] = strawberry.field(  # noqa: UP045
        description="The target position asked about.")
    standard_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The target's standard in force; null when none is recorded.")
    standard_status: StandardStatus = strawberry.field(
        description="ASSESSED, or NOT_ASSESSED when the target has no recorded standard.")
    gaps: list[CareerGap] = strawberry.field(
        description="Every requirement of the target's standard with what would close it.")


@strawberry.type(description="A servant of a unit reaching retirement in the window asked.")
class UpcomingRetirement:
    nip: str = strawberry.field(description="The servant.")
    name: str = strawberry.field(description="The servant's name.")
    unit_id: str = strawberry.field(description="The unit.")
    unit_name: str = strawberry.field(description="The unit's name.")
    position_name: Optional[str] = strawberry.field(  # noqa: UP045
        description="The position held.")
    position_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The assignment the BUP comes from.")
    bup_age: int = strawberry.field(description="Batas usia pensiun in years.")
    reaches_bup_on: date = strawberry.field(description="The BUP birthday.")
    retirement_tmt: date = strawberry.field(description="The retirement TMT.")
    basis: str = strawberry.field(description="The table key used.")
    source: str = strawberry.field(description="The regulation the age comes from.")


@strawberry.type(description="One succession candidate, with every number's evidence.")
class SuccessionEntry:
    place: int = strawberry.field(description="1-based; equal candidates share a place.")
    nip: str = strawberry.field(description="The candidate.")
    name: str = strawberry.field(description="The candidate's name.")
    unit_id: str = strawberry.field(description="The candidate's unit.")
    in_pool: bool = strawberry.field(description="In the talent pool (boxes 7-9).")
    rank_eligibility: RuleOutcomeValue = strawberry.field(
        description="Rank against the position's lowest rank; UNKNOWN without a standard.")
    jpm_percent: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Job Person Match against the position's standard; null: not assessed.")
    box: Optional[int] = strawberry.field(  # noqa: UP045
        description="The latest nine-box talent box.")
    integrity: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="The merit view's integrity component (0-100).")
    open_needs: int = strawberry.field(
        description="Development needs still open on asOf (from weak appraisals and "
        "competency gaps; closed by an evaluated training or a later assessment).")
    evidence_event_ids: list[str] = strawberry.field(description="The events read.")


@strawberry.type(description="The succession list for a position: who could fill it, ranked.")
class SuccessionList:
    position_id: str = strawberry.field(description="The position asked about.")
    as_of: date = strawberry.field(description="The day the list is computed for.")
    standard_status: StandardStatus = strawberry.field(
        description="ASSESSED, or NOT_ASSESSED when the position has no recorded standard.")
    order_explanation: str = strawberry.field(description="How candidates are ordered.")
    candidates: list[SuccessionEntry] = strawberry.field(description="Ranked candidates.")
