"""Pure KP reguler eligibility and merit scoring (domain.md §7, §8): no I/O, no clock."""

from domain.promotion.eligibility import (
    Eligibility,
    RuleOutcome,
    earliest_eligible_date,
    evaluate_reguler,
)
from domain.promotion.facts import (
    AppraisalFact,
    CreditFact,
    EducationFact,
    PenaltyFact,
    PositionFact,
    PromotionFacts,
    TalentFact,
    TrainingFact,
)
from domain.promotion.merit import Component, MeritScore, merit_score, merit_sort_key, target_level
from domain.promotion.ruleset import (
    KP_REGULER_RULES,
    MERIT_VERSION,
    RuleDefinition,
    rule_set_version,
    rules_in_force,
)

__all__ = [
    "KP_REGULER_RULES",
    "MERIT_VERSION",
    "AppraisalFact",
    "Component",
    "CreditFact",
    "EducationFact",
    "Eligibility",
    "MeritScore",
    "PenaltyFact",
    "PositionFact",
    "PromotionFacts",
    "RuleDefinition",
    "RuleOutcome",
    "TalentFact",
    "TrainingFact",
    "earliest_eligible_date",
    "evaluate_reguler",
    "merit_score",
    "merit_sort_key",
    "rule_set_version",
    "rules_in_force",
    "target_level",
]
