"""GraphQL types of promotion assessments: KP reguler eligibility with its rule checks, merit
and the candidate list's order and filter."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Optional

import strawberry

from domain.promotion import RuleOutcome
from projections.views.promotion.candidates import Candidate
from service.graphql.event_types import ENUMS
from service.graphql.relay import Node

RankEnum: Any = ENUMS["Rank"]


@strawberry.enum(description="A rule's outcome: a rule whose evidence is missing is UNKNOWN.")
class RuleOutcomeValue(Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"


@strawberry.enum(description="The verdict of a rule set: UNDETERMINED when no rule failed but "
                 "some lacked the evidence to decide.")
class PromotionDecision(Enum):
    ELIGIBLE = "ELIGIBLE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    UNDETERMINED = "UNDETERMINED"


@strawberry.enum(description="The promotion a rule set judges: KP reguler (R0-R8), KP pilihan "
                 "JF (F0-F3), kenaikan jenjang (J1-J3), KP pilihan struktural (S1-S4) or "
                 "penyesuaian ijazah (P0-P4).")
class PromotionKindValue(Enum):
    KP_REGULER = "KP_REGULER"
    KP_PILIHAN_JF = "KP_PILIHAN_JF"
    KENAIKAN_JENJANG = "KENAIKAN_JENJANG"
    KP_PILIHAN_STRUKTURAL = "KP_PILIHAN_STRUKTURAL"
    KP_PENYESUAIAN_IJAZAH = "KP_PENYESUAIAN_IJAZAH"


@strawberry.type
class RuleCheck:
    rule_id: str
    passed: bool
    explanation: str
    evidence_event_ids: list[str]
    source: str
    outcome: RuleOutcomeValue = strawberry.field(
        description="PASS, FAIL, or UNKNOWN when the evidence to decide is not recorded.")
    missing: list[str] = strawberry.field(
        description="For an UNKNOWN outcome: what to record to decide.")

    @classmethod
    def from_outcome(cls, o: RuleOutcome) -> RuleCheck:
        return cls(rule_id=o.rule_id, passed=o.passed, explanation=o.explanation,
                   evidence_event_ids=list(o.evidence), source=o.source,
                   outcome=RuleOutcomeValue(o.outcome), missing=list(o.missing))


@strawberry.type
class MeritInput:
    name: str
    value: str


@strawberry.type
class MeritComponent:
    code: str
    name: str
    weight: float
    effective_weight: float
    score: Optional[float] = strawberry.field(description="Null when not assessed.")  # noqa: UP045
    inputs: list[MeritInput]
    evidence_event_ids: list[str]
    note: str


@strawberry.type(description="Merit score (domain.md §8): total = Σ effectiveWeight × score / 100.")
class MeritBreakdown:
    total: float
    version: str
    as_of: date
    components: list[MeritComponent]


@strawberry.type(description="Promotion eligibility at the next period date (the rule set by "
                 "promotion kind) and merit, as of a date.")
class PromotionAssessment(Node):
    nip: str
    name: str
    unit_id: str
    unit_name: str
    as_of: date
    candidate_tmt: date
    current_rank: RankEnum
    next_rank: Optional[RankEnum]  # noqa: UP045
    eligible: bool
    promotion_kind: PromotionKindValue = strawberry.field(
        description="The rule set applied: asked for, or by default from the position held "
        "(a functional servant is judged by KP pilihan JF).")
    decision: PromotionDecision = strawberry.field(
        description="ELIGIBLE, NOT_ELIGIBLE, or UNDETERMINED (see the rules' missing evidence).")
    rule_set_version: str
    period_regime: str
    rules: list[RuleCheck]
    failed_rules: list[str]
    earliest_eligible_date: Optional[date]  # noqa: UP045
    merit: MeritBreakdown
    order_explanation: str

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


@strawberry.enum
class CandidateOrder(Enum):
    MERIT = "MERIT"
    NIP = "NIP"


@strawberry.input
class CandidateFilter:
    unit: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="The work unit.", deprecation_reason="Use unitId.")
    unit_id: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Only servants of this work unit.")
    rank: Optional[RankEnum] = None  # noqa: UP045
    eligible_only: bool = False
    as_of: Optional[date] = None  # noqa: UP045
