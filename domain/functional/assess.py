"""Which promotion rules judge a servant, and their verdict in the shape of KP reguler's.

The rule set is chosen by the promotion kind asked, or by default from the position held at
the candidate TMT: a functional servant is judged by KP pilihan JF (F0-F3), a structural
official one step below the position's lowest rank by KP pilihan struktural (S1-S4), anyone
else by KP reguler (R0-R8). The verdicts keep their three values and their evidence ids.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum
from types import MappingProxyType

from domain.discipline import add_months
from domain.functional.coefficients import NEXT_LEVEL
from domain.functional.competency_test import competency_test
from domain.functional.credit import CreditEntry, CreditKind
from domain.functional.jf_rules import JfCandidate, evaluate_kp_jf, evaluate_level_step
from domain.functional.other_rules import (
    IjazahCandidate,
    StructuralCandidate,
    evaluate_ijazah,
    evaluate_structural,
)
from domain.functional.verdict import Decision, Outcome, RuleVerdict, Verdict
from domain.positions import PositionLevel
from domain.promotion.eligibility import (
    Eligibility,
    RuleOutcome,
    earliest_eligible_date,
    evaluate_reguler,
)
from domain.promotion.facts import PromotionFacts
from domain.rules.education import highest_recognised
from domain.rules.periods import next_period_date, regime_at
from domain.values import PromotionType, Rank


class PromotionKind(Enum):
    REGULER = "KP_REGULER"
    PILIHAN_JF = "KP_PILIHAN_JF"
    KENAIKAN_JENJANG = "KENAIKAN_JENJANG"
    PILIHAN_STRUKTURAL = "KP_PILIHAN_STRUKTURAL"
    PENYESUAIAN_IJAZAH = "KP_PENYESUAIAN_IJAZAH"


# The rank kinds a recorded promotion is audited under; other types have no modelled rules.
KIND_OF_PROMOTION_TYPE: MappingProxyType[PromotionType, PromotionKind] = MappingProxyType({
    PromotionType.REGULER: PromotionKind.REGULER,
    PromotionType.PILIHAN_FUNGSIONAL: PromotionKind.PILIHAN_JF,
    PromotionType.PILIHAN_STRUKTURAL: PromotionKind.PILIHAN_STRUKTURAL,
    PromotionType.PENYESUAIAN_IJAZAH: PromotionKind.PENYESUAIAN_IJAZAH,
})

# The lowest rank of a structural position, by the lower eselon of its level (PP 13/2002's
# ranges, domain.md §3.3 [S12]); positions carry no eselon in the state [VERIFY per position].
LOWEST_STRUCTURAL_RANK: MappingProxyType[PositionLevel, Rank] = MappingProxyType({
    PositionLevel.JPT_UTAMA: Rank.IV_D,
    PositionLevel.JPT_MADYA: Rank.IV_C,
    PositionLevel.JPT_PRATAMA: Rank.IV_B,
    PositionLevel.ADMINISTRATOR: Rank.III_D,
    PositionLevel.PENGAWAS: Rank.III_B,
})


def default_kind(facts: PromotionFacts) -> PromotionKind:
    """The promotion a careful reader means when asking about a servant's next rank."""
    position = facts.position
    if position is None:
        return PromotionKind.REGULER
    if position.functional_level is not None:
        return PromotionKind.PILIHAN_JF
    lowest = LOWEST_STRUCTURAL_RANK.get(position.level)
    if lowest is not None and facts.rank.next() is lowest:
        return PromotionKind.PILIHAN_STRUKTURAL
    return PromotionKind.REGULER




def evaluate(facts: PromotionFacts, tmt: date, kind: PromotionKind | None = None) -> Eligibility:
    """The rules of ``kind`` (default: by the position held) at ``tmt``, explained."""
    chosen = kind or default_kind(facts)
    if chosen is PromotionKind.PILIHAN_STRUKTURAL:
        return _as_eligibility(facts, tmt, evaluate_structural(_structural(facts), tmt))
    if chosen is PromotionKind.PENYESUAIAN_IJAZAH:
        return _as_eligibility(facts, tmt, evaluate_ijazah(_ijazah(facts, tmt), tmt))
    reguler = evaluate_reguler(facts, tmt)  # KP reguler, and F2's input for the JF rules
    if chosen is PromotionKind.REGULER:
        return reguler
    # Only the level step (J2) reads the competency test.
    candidate = jf_candidate(facts, tmt, reguler,
                             with_test=chosen is PromotionKind.KENAIKAN_JENJANG)
    if candidate is None:
        return _not_functional(facts, tmt, chosen)
    if chosen is PromotionKind.KENAIKAN_JENJANG:
        return _as_eligibility(facts, tmt, evaluate_level_step(candidate, tmt))
    return _as_eligibility(facts, tmt, evaluate_kp_jf(candidate, tmt))


def earliest(facts: PromotionFacts, on_or_after: date, kind: PromotionKind | None = None,
             horizon_years: int = 10) -> date | None:
    """The first period date on/after ``on_or_after`` the record already supports."""
    chosen = kind or default_kind(facts)
    if chosen is PromotionKind.REGULER:
        return earliest_eligible_date(facts, on_or_after, horizon_years)
    limit = add_months(on_or_after, 12 * horizon_years)
    candidate = next_period_date(on_or_after)
    while candidate <= limit:
        if facts.retirement_tmt is not None and candidate >= facts.retirement_tmt:
            return None
        if evaluate(facts, candidate, chosen).eligible:
            return candidate
        candidate = next_period_date(candidate + timedelta(days=1))
    return None


def jf_candidate(facts: PromotionFacts, tmt: date, reguler: Eligibility,
                 with_test: bool = True) -> JfCandidate | None:
    position = facts.position
    if position is None or position.functional_level is None:
        return None
    level = position.functional_level
    # Credit since the last rank step, determined for the level held, known by the TMT.
    credits = tuple(
        CreditEntry(c.event_id, c.amount, CreditKind.DETERMINED,
                    f"PAK {c.period_start} to {c.period_end}: {c.amount}")
        for c in facts.credits
        if c.period_end >= facts.rank_tmt and c.period_start <= tmt
        and c.level in (None, level)
    )
    test = competency_test(facts.assessments, NEXT_LEVEL[level], position.tmt, tmt) \
        if with_test else None
    return JfCandidate(
        nip=facts.nip, level=level, level_evidence=position.event_id, rank=facts.rank,
        rank_tmt=facts.rank_tmt, rank_evidence=facts.rank_event_id, credits=credits,
        reguler_outcomes=tuple(
            RuleVerdict(o.rule_id, Outcome.PASS if o.passed else Outcome.FAIL, o.explanation,
                        (), o.evidence, o.source)
            for o in reguler.outcomes
        ),
        competency_test_passed=test.passed if test else None,
        competency_test_evidence=test.evidence if test else None,
        competency_test_note=test.note if test else "",
    )


def _structural(facts: PromotionFacts) -> StructuralCandidate:
    position = facts.position
    lowest = LOWEST_STRUCTURAL_RANK.get(position.level) if position is not None else None
    return StructuralCandidate(
        nip=facts.nip, rank=facts.rank, rank_tmt=facts.rank_tmt,
        rank_evidence=facts.rank_event_id,
        # Without a structural position no rank is one step below: S1 fails on IV/e.
        position_lowest_rank=lowest or Rank.IV_E,
        position_tmt=position.tmt if position is not None else facts.cpns_tmt,
        position_evidence=position.event_id if position is not None else facts.status_event_id,
        appraisals=facts.appraisals,
    )


def _ijazah(facts: PromotionFacts, tmt: date) -> IjazahCandidate:
    recognised = [e for e in facts.education if e.recognised_on <= tmt] or list(facts.education)
    level = highest_recognised(((e.level, e.recognised_on) for e in recognised), tmt)
    best = next((e for e in reversed(recognised) if e.level is level), recognised[-1])
    return IjazahCandidate(
        nip=facts.nip, rank=facts.rank, rank_tmt=facts.rank_tmt,
        rank_evidence=facts.rank_event_id, diploma=best.level, diploma_evidence=best.event_id,
        appraisals=facts.appraisals,
    )


def _not_functional(facts: PromotionFacts, tmt: date, kind: PromotionKind) -> Eligibility:
    evidence = (facts.position.event_id,) if facts.position is not None else ()
    outcome = RuleOutcome(
        "F0", False, "F0: no functional position (JF level) is held at the candidate TMT.",
        evidence, "domain.md §3.3 [DESIGN]", "FAIL",
    )
    return Eligibility(
        facts.nip, tmt, facts.rank, facts.rank.next(), "KP-JF", regime_at(tmt).rule_id,
        (outcome,), False, kind.value, Decision.NOT_ELIGIBLE.value,
    )


def _as_eligibility(facts: PromotionFacts, tmt: date, found: Verdict) -> Eligibility:
    outcomes = tuple(
        RuleOutcome(o.rule_id, o.passed, o.explanation, o.evidence, o.source, o.outcome.value,
                    o.missing)
        for o in found.outcomes
    )
    return Eligibility(
        nip=facts.nip, candidate_tmt=tmt, current_rank=facts.rank,
        next_rank=facts.rank.next(), rule_set_version=found.rule_set_version,
        period_regime_id=regime_at(tmt).rule_id, outcomes=outcomes,
        eligible=found.decision is Decision.ELIGIBLE, promotion_kind=found.kind,
        decision=found.decision.value,
    )
