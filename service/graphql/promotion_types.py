"""GraphQL types of promotion assessments: KP reguler eligibility with its rule checks, merit
and the candidate list's order and filter."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Optional

import strawberry

from projections.views.promotion.candidates import Candidate
from service.graphql.event_types import ENUMS

RankEnum: Any = ENUMS["Rank"]


@strawberry.type
class RuleCheck:
    rule_id: str
    passed: bool
    explanation: str
    evidence_event_ids: list[str]
    source: str


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


@strawberry.type(description="KP reguler eligibility at the next period date and merit, as of a date.")
class PromotionAssessment:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    as_of: date
    candidate_tmt: date
    current_rank: RankEnum
    next_rank: Optional[RankEnum]  # noqa: UP045
    eligible: bool
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
            eligible=e.eligible, rule_set_version=e.rule_set_version,
            period_regime=e.period_regime_id,
            rules=[RuleCheck(rule_id=o.rule_id, passed=o.passed, explanation=o.explanation,
                             evidence_event_ids=list(o.evidence), source=o.source)
                   for o in e.outcomes],
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
    unit: Optional[str] = None  # noqa: UP045
    rank: Optional[RankEnum] = None  # noqa: UP045
    eligible_only: bool = False
    as_of: Optional[date] = None  # noqa: UP045
