"""GraphQL types of promotion assessments: KP reguler eligibility with its rule checks, merit
and the candidate list's order and filter."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any, Optional

import strawberry

from domain.promotion import RuleOutcome
from domain.promotion.eligibility import Eligibility
from domain.promotion.merit import Component, MeritScore
from projections.views.promotion.candidates import ASSESSED_CACHE_SIZE, Candidate
from service.graphql.derived_types import output_type, table_enum
from service.graphql.event_types import ENUMS
from service.graphql.relay import Node

RankEnum: Any = ENUMS["Rank"]


RuleOutcomeValue: Any = table_enum("RuleOutcomeValue")
PromotionDecision: Any = table_enum("PromotionDecision")
PromotionKindValue: Any = table_enum("PromotionKindValue")
CandidateOrder: Any = table_enum("CandidateOrder")


RuleCheck: Any = output_type(
    "RuleCheck", RuleOutcome, renamed={"evidence_event_ids": "evidence"},
    given={"outcome": RuleOutcomeValue},
    computed={"outcome": lambda o: RuleOutcomeValue(o.outcome)})

MeritInput: Any = output_type("MeritInput", given={"name": str, "value": str})

MeritComponent: Any = output_type(
    "MeritComponent", Component, renamed={"evidence_event_ids": "evidence"},
    given={"inputs": list[MeritInput]},
    computed={"inputs": lambda c: [MeritInput(name=k, value=v) for k, v in c.inputs.items()]})

MeritBreakdown: Any = output_type("MeritBreakdown", MeritScore)


# Converted assessments by the candidate they show. The view hands out one immutable
# candidate per (stored facts, day, order), so a candidate object shown again with the same
# earliest date has the same answer; the entry holds the candidate, so its id is not reused
# while remembered.
_SHOWN: OrderedDict[tuple[int, date | None], tuple[Candidate, Any]] = OrderedDict()
_SHOWN_SIZE = ASSESSED_CACHE_SIZE
_SHOWN_LOCK = threading.Lock()


class _OfCandidate:
    @classmethod
    def from_candidate(cls, c: Candidate, earliest: date | None) -> Any:
        """The assessment of a listed candidate, its earliest period date found by the caller."""
        key = (id(c), earliest)
        with _SHOWN_LOCK:
            shown = _SHOWN.get(key)
            if shown is not None and shown[0] is c:
                _SHOWN.move_to_end(key)
                return shown[1]
        converted = cls._converted(c, earliest)
        with _SHOWN_LOCK:
            _SHOWN[key] = (c, converted)
            if len(_SHOWN) > _SHOWN_SIZE:
                _SHOWN.popitem(last=False)
        return converted

    @staticmethod
    def _converted(c: Candidate, earliest: date | None) -> Any:
        return PromotionAssessment.from_domain(
            c.eligibility, name=c.name, unit_id=c.unit_id, unit_name=c.unit_name,
            as_of=c.as_of, earliest_eligible_date=earliest,
            merit=MeritBreakdown.from_domain(c.merit), order_explanation=(
                f"merit {c.merit.total:.2f} (higher first), then rank TMT {c.facts.rank_tmt}, "
                f"then position TMT {c.facts.position.tmt if c.facts.position else 'none'}, "
                "then a hash of the NIP (never age)"))


PromotionAssessment: Any = output_type(
    "PromotionAssessment", Eligibility, bases=(Node, _OfCandidate),
    renamed={"period_regime": "period_regime_id", "rules": "outcomes",
             "failed_rules": "failed_rule_ids"},
    given={"name": str, "unit_id": str, "unit_name": str, "as_of": date,
           "promotion_kind": PromotionKindValue, "decision": PromotionDecision,
           "earliest_eligible_date": Optional[date],  # noqa: UP045
           "merit": MeritBreakdown, "order_explanation": str},
    computed={"promotion_kind": lambda e: PromotionKindValue(e.promotion_kind),
              "decision": lambda e: PromotionDecision(e.verdict)})


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
