"""GraphQL types of promotion assessments: KP reguler eligibility with its rule checks, merit
and the candidate list's order and filter."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Optional

import strawberry

from domain.promotion import RuleOutcome
from projections.views.promotion.candidates import Candidate
from service.graphql.enum_notes import describe_values
from service.graphql.event_types import ENUMS
from service.graphql.relay import Node

RankEnum: Any = ENUMS["Rank"]


@strawberry.enum(description="A rule's outcome: a rule whose evidence is missing is UNKNOWN.")
class RuleOutcomeValue(Enum):
    PASS = strawberry.enum_value("PASS", description="The record meets the rule.")
    FAIL = strawberry.enum_value("FAIL", description="The record does not meet the rule.")
    UNKNOWN = strawberry.enum_value(
        "UNKNOWN", description="The evidence needed to decide is not recorded.")


@strawberry.enum(description="The verdict of a rule set: UNDETERMINED when no rule failed but "
                 "some lacked the evidence to decide.")
class PromotionDecision(Enum):
    ELIGIBLE = strawberry.enum_value("ELIGIBLE", description="Every rule passed.")
    NOT_ELIGIBLE = strawberry.enum_value("NOT_ELIGIBLE", description="At least one rule failed.")
    UNDETERMINED = strawberry.enum_value(
        "UNDETERMINED", description="No rule failed, but some lacked the evidence to decide.")


@strawberry.enum(description="The promotion a rule set judges: KP reguler (R0-R8), KP pilihan "
                 "JF (F0-F3), kenaikan jenjang (J1-J3), KP pilihan struktural (S1-S4) or "
                 "penyesuaian ijazah (P0-P4).")
class PromotionKindValue(Enum):
    KP_REGULER = strawberry.enum_value(
        "KP_REGULER", description="Regular promotion after the years in rank (rules R0-R8).")
    KP_PILIHAN_JF = strawberry.enum_value(
        "KP_PILIHAN_JF", description="Promotion of a functional servant by credit (F0-F3).")
    KENAIKAN_JENJANG = strawberry.enum_value(
        "KENAIKAN_JENJANG", description="A step to the next functional level (J1-J3).")
    KP_PILIHAN_STRUKTURAL = strawberry.enum_value(
        "KP_PILIHAN_STRUKTURAL", description="Promotion of a structural official (S1-S4).")
    KP_PENYESUAIAN_IJAZAH = strawberry.enum_value(
        "KP_PENYESUAIAN_IJAZAH", description="Adjustment to a higher diploma (P0-P4).")


@strawberry.type(description="One rule of a promotion rule set, judged against the record.")
class RuleCheck:
    rule_id: str = strawberry.field(description="The rule's id, e.g. R3.")
    passed: bool = strawberry.field(description="True when the outcome is PASS.")
    explanation: str = strawberry.field(description="Why the rule passed or failed, in words.")
    evidence_event_ids: list[str] = strawberry.field(description="The events the answer rests on.")
    source: str = strawberry.field(description="The regulation the rule comes from.")
    outcome: RuleOutcomeValue = strawberry.field(
        description="PASS, FAIL, or UNKNOWN when the evidence to decide is not recorded.")
    missing: list[str] = strawberry.field(
        description="For an UNKNOWN outcome: what to record to decide.")

    @classmethod
    def from_outcome(cls, o: RuleOutcome) -> RuleCheck:
        return cls(rule_id=o.rule_id, passed=o.passed, explanation=o.explanation,
                   evidence_event_ids=list(o.evidence), source=o.source,
                   outcome=RuleOutcomeValue(o.outcome), missing=list(o.missing))


@strawberry.type(description="One figure a merit component was computed from.")
class MeritInput:
    name: str = strawberry.field(description="What the figure is.")
    value: str = strawberry.field(description="The figure, as text.")


@strawberry.type(description="One component of the merit score, with its weight and evidence.")
class MeritComponent:
    code: str = strawberry.field(description="The component's stable code.")
    name: str = strawberry.field(description="The component's name.")
    weight: float = strawberry.field(description="The weight the merit rules give it (percent).")
    effective_weight: float = strawberry.field(
        description="The weight after spreading the weights of components not assessed.")
    score: Optional[float] = strawberry.field(description="Null when not assessed.")  # noqa: UP045
    inputs: list[MeritInput] = strawberry.field(description="The figures the score comes from.")
    evidence_event_ids: list[str] = strawberry.field(description="The events the score rests on.")
    note: str = strawberry.field(description="How the score was computed, or why it is absent.")


@strawberry.type(description="The merit score: total = sum of effectiveWeight x score / 100.")
class MeritBreakdown:
    total: float = strawberry.field(description="The merit score, 0 to 100.")
    version: str = strawberry.field(description="The version of the merit rules used.")
    as_of: date = strawberry.field(description="The day the score is computed for.")
    components: list[MeritComponent] = strawberry.field(description="The components summed.")


@strawberry.type(description="Promotion eligibility at the next period date (the rule set by "
                 "promotion kind) and merit, as of a date.")
class PromotionAssessment(Node):
    nip: str = strawberry.field(description="The servant's NIP.")
    name: str = strawberry.field(description="The servant's name.")
    unit_id: str = strawberry.field(description="Identifier of the servant's work unit.")
    unit_name: str = strawberry.field(description="Name of the servant's work unit.")
    as_of: date = strawberry.field(description="The day the assessment is made for.")
    candidate_tmt: date = strawberry.field(
        description="The promotion period date (1 April or 1 October) judged.")
    current_rank: RankEnum = strawberry.field(description="The rank held.")
    next_rank: Optional[RankEnum] = strawberry.field(  # noqa: UP045
        description="The rank the promotion would give; null at the top rank.")
    eligible: bool = strawberry.field(description="True when the decision is ELIGIBLE.")
    promotion_kind: PromotionKindValue = strawberry.field(
        description="The rule set applied: asked for, or by default from the position held "
        "(a functional servant is judged by KP pilihan JF).")
    decision: PromotionDecision = strawberry.field(
        description="ELIGIBLE, NOT_ELIGIBLE, or UNDETERMINED (see the rules' missing evidence).")
    rule_set_version: str = strawberry.field(description="The version of the rules applied.")
    period_regime: str = strawberry.field(
        description="Which promotion periods apply (the yearly dates a promotion may take effect).")
    rules: list[RuleCheck] = strawberry.field(description="Every rule, judged.")
    failed_rules: list[str] = strawberry.field(description="The ids of the rules that failed.")
    earliest_eligible_date: Optional[date] = strawberry.field(  # noqa: UP045
        description="The first period date the record supports; null if none.")
    merit: MeritBreakdown = strawberry.field(description="The merit score, for ordering.")
    order_explanation: str = strawberry.field(
        description="How this candidate is placed in the list, in words.")

    @classmethod
    def from_candidate(cls, c: Candidate, earliest: date | None) -> PromotionAssessment:
        e, m = c.eligibility, c.merit
        return cls(
            nip=c.nip, name=c.name, unit_id=c.unit_id, unit_name=c.unit_name, as_of=c.as_of,
            candidate_tmt=e.candidate_tmt, current_rank=e.current_rank, next_rank=e.next_rank,
            eligible=e.eligible, promotion_kind=PromotionKindValue(e.promotion_kind),
            decision=PromotionDecision(e.verdict), rule_set_version=e.rule_set_version,
            period_regime=e.period_regime_id,
            rules=[RuleCheck.from_outcome(o) for o in e.outcomes],
            failed_rules=list(e.failed_rule_ids), earliest_eligible_date=earliest,
            merit=MeritBreakdown(total=m.total, version=m.version, as_of=m.as_of, components=[
                MeritComponent(code=x.code, name=x.name, weight=x.weight,
                               effective_weight=x.effective_weight, score=x.score,
                               inputs=[MeritInput(name=k, value=v) for k, v in x.inputs.items()],
                               evidence_event_ids=list(x.evidence), note=x.note)
                for x in m.components]),
            order_explanation=(
                f"merit {m.total:.2f} (higher first), then rank TMT {c.facts.rank_tmt}, then "
                f"position TMT {c.facts.position.tmt if c.facts.position else 'none'}, then a "
                "hash of the NIP (never age)"
            ),
        )


@strawberry.enum(description="How promotion candidates are ordered.")
class CandidateOrder(Enum):
    MERIT = "MERIT"
    NIP = "NIP"


describe_values(CandidateOrder, {
    "MERIT": "Highest merit first, then rank TMT, position TMT, a hash of the NIP.",
    "NIP": "By NIP, ascending.",
})


@strawberry.input(description="Which promotion candidates to list.")
class CandidateFilter:
    unit: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The work unit.", deprecation_reason="Use unitId.")
    unit_id: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Only servants of this work unit (its identifier).")
    rank: Optional[RankEnum] = strawberry.field(  # noqa: UP045
        default=None, description="Only servants holding this rank.")
    eligible_only: bool = strawberry.field(
        default=False, description="Only servants found eligible.")
    as_of: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="The day to judge for; default today.")
