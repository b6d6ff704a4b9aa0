"""A servant's next steps (domain.md §6.4): the next rank and its earliest date by the rules
in force, and for a functional servant the next level and the credit still missing; and one
succession candidate's line (§6.3), each number with the events it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.competence.succession import SuccessionCandidate
from domain.functional.assess import PromotionKind, default_kind, earliest, jf_candidate
from domain.functional.coefficients import NEXT_LEVEL
from domain.functional.credit import credit_required, cumulative_credit
from domain.functional.errors import FunctionalError
from domain.functional.verdict import Outcome
from domain.promotion.eligibility import evaluate_reguler
from domain.promotion.facts import PromotionFacts
from domain.promotion.merit import merit_score
from domain.rules.periods import next_period_date
from domain.values import FunctionalLevel, Rank


@dataclass(frozen=True)
class NextSteps:
    kind: PromotionKind
    rank: Rank
    next_rank: Rank | None
    earliest_date: date | None
    level: FunctionalLevel | None
    next_level: FunctionalLevel | None
    credit: Decimal | None  # PAK credit since the last rank step
    for_next_rank: int | None
    missing_for_next_rank: Decimal | None
    for_next_level: int | None
    missing_for_next_level: Decimal | None
    credit_regime: str | None
    evidence: tuple[str, ...]
    note: str


def next_steps(facts: PromotionFacts, as_of: date) -> NextSteps:
    kind = default_kind(facts)
    found = earliest(facts, as_of, kind)
    level = facts.position.functional_level if facts.position is not None else None
    if level is None:
        return NextSteps(kind, facts.rank, facts.rank.next(), found, None, None, None, None,
                         None, None, None, None, (facts.rank_event_id,),
                         "not in a functional position: no credit applies")
    tmt = next_period_date(as_of)
    candidate = jf_candidate(facts, tmt, evaluate_reguler(facts, tmt))
    assert candidate is not None
    total = cumulative_credit(candidate.credits)
    evidence = (facts.rank_event_id, candidate.level_evidence,
                *(c.evidence_id for c in candidate.credits))
    try:
        need = credit_required(level, facts.rank, tmt)
    except FunctionalError as error:
        return NextSteps(kind, facts.rank, facts.rank.next(), found, level, NEXT_LEVEL[level],
                         total, None, None, None, None, None, evidence, error.message)
    return NextSteps(
        kind, facts.rank, need.next_rank, found, level, need.next_level, total,
        need.for_next_rank, need.missing_for_next_rank(total), need.for_next_level,
        need.missing_for_next_level(total), need.regime_id, evidence,
        "credit counts the PAKs determined since the last rank step",
    )


def succession_line(facts: PromotionFacts, as_of: date, lowest_rank: Rank | None,
                    jpm: Decimal | None, open_needs: int,
                    judged_evidence: tuple[str, ...] = ()) -> SuccessionCandidate:
    """One candidate for a position whose lowest rank is ``lowest_rank`` (None: the position's
    standard is not recorded, so rank eligibility is UNKNOWN). ``jpm`` is the match against
    that position's standard, ``open_needs`` the development needs still open, and
    ``judged_evidence`` the standard, assessments and need openings both rest on."""
    evidence: list[str] = [facts.rank_event_id]
    if lowest_rank is None:
        eligibility = Outcome.UNKNOWN
    else:
        eligibility = Outcome.PASS if facts.rank.ordinal >= lowest_rank.ordinal else Outcome.FAIL
    talent = facts.talent_box
    box = talent.box if talent is not None and talent.assessed_on <= as_of else None
    if box is not None and talent is not None:
        evidence.append(talent.event_id)
    integrity = merit_score(facts, as_of).component("I")
    evidence += integrity.evidence
    evidence += judged_evidence
    return SuccessionCandidate(
        facts.nip, eligibility, jpm, box,
        Decimal(str(integrity.score)) if integrity.score is not None else None,
        open_needs, tuple(dict.fromkeys(evidence)),
    )
