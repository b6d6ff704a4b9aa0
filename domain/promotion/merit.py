"""The explainable merit score of domain.md §8, step 2 (the gate is ``evaluate_reguler``).

Every component lists its inputs and the event ids behind them, so a person can recompute the
total by hand: total = Σ effective_weight × score / 100, using the rounded scores shown. Age,
sex, religion and origin are never read; the NIP (which encodes birth date and sex) is used only
through a hash, as the last tie-breaker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.discipline import add_months
from domain.errors import DomainError
from domain.promotion import ruleset
from domain.promotion.eligibility import full_months_between, predikat_label
from domain.promotion.facts import PromotionFacts
from domain.values import PositionLevel


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    weight: float
    effective_weight: float
    score: float | None  # None = not assessed; its weight went to the other components
    inputs: dict[str, str] = field(hash=False)
    evidence: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class MeritScore:
    nip: str
    as_of: date
    total: float
    version: str
    components: tuple[Component, ...]

    def component(self, code: str) -> Component:
        return next(c for c in self.components if c.code == code)


@dataclass(frozen=True)
class _Raw:
    """A component before weights are known."""

    code: str
    name: str
    score: float | None
    inputs: dict[str, str]
    evidence: tuple[str, ...]
    note: str


def merit_score(facts: PromotionFacts, as_of: date) -> MeritScore:
    raws = (
        _performance(facts, as_of),
        _potential(facts, as_of),
        _development(facts, as_of),
        _experience(facts, as_of),
        _integrity(facts, as_of),
    )
    weights = ruleset.MERIT_WEIGHTS
    scores = tuple((r.code, r.score) for r in raws)
    shares = effective_weights(scores)
    components = tuple(
        Component(r.code, r.name, weights[r.code], share, r.score, r.inputs, r.evidence, r.note)
        for r, share in zip(raws, shares, strict=True)
    )
    return MeritScore(
        facts.nip, as_of, weighted_total(scores, shares), ruleset.MERIT_VERSION, components
    )


def effective_weights(scores: tuple[tuple[str, float | None], ...]) -> tuple[float, ...]:
    """Each component's weight once the weights of the components not assessed are shared out.

    A missing component must neither drag the total down nor inflate it: its weight is
    spread over the assessed ones in proportion to their own weights.
    """
    weights = ruleset.MERIT_WEIGHTS
    assessed_weight = sum(weights[code] for code, score in scores if score is not None)
    return tuple(
        0.0 if score is None else weights[code] * 100 / assessed_weight for code, score in scores
    )


def weighted_total(
    scores: tuple[tuple[str, float | None], ...], shares: tuple[float, ...]
) -> float:
    """The total of the component scores (code, score) under their effective weights."""
    # Summed in decimal from the displayed (rounded) scores, so a hand recomputation agrees
    # to the cent, including half-up rounding at .xx5.
    total = sum(
        (_decimal(share) * _decimal(score) / 100)
        for (_, score), share in zip(scores, shares, strict=True)
        if score is not None
    )
    return _round2(total)


def merit_sort_key(facts: PromotionFacts, score: MeritScore) -> tuple[float, date, date, str]:
    """Higher score first, then earlier rank TMT, then earlier position TMT.

    The last key only makes the order stable. It is a hash of the NIP rather than the NIP
    itself because a NIP starts with the birth date: sorting by it would rank by age.
    """
    if score.nip != facts.nip:
        raise ValueError(f"score of {score.nip} paired with facts of {facts.nip}")
    position_tmt = facts.position.tmt if facts.position is not None else date.max
    stable = hashlib.sha256(facts.nip.encode("ascii")).hexdigest()
    return (-score.total, facts.rank_tmt, position_tmt, stable)


def _performance(facts: PromotionFacts, as_of: date) -> _Raw:
    inputs, evidence, missing = {}, [], []
    score = 0.0
    for year, weight in zip(
        (as_of.year - 1, as_of.year - 2), ruleset.PERFORMANCE_YEAR_WEIGHTS, strict=True
    ):
        appraisal = facts.appraisal_for(year)
        if appraisal is None:
            # Missing data scores 0: a gap in the record must never raise a ranking.
            inputs[str(year)] = f"not recorded → 0 points × {weight}"
            missing.append(str(year))
            continue
        points = ruleset.PREDIKAT_POINTS[appraisal.predikat]
        inputs[str(year)] = f"{predikat_label(appraisal.predikat)} → {points:g} points × {weight}"
        evidence.append(appraisal.event_id)
        score += weight * points
    note = f"no appraisal recorded for {', '.join(missing)}" if missing else ""
    return _Raw("P", "Performance", _round2(score), inputs, tuple(evidence), note)


def _potential(facts: PromotionFacts, as_of: date) -> _Raw:
    talent = facts.talent_box
    if talent is None or talent.assessed_on > as_of:
        note = "not assessed; weight redistributed over the other components"
        return _Raw("C", "Competence/potential", None, {"talent box": "none"}, (), note)
    if talent.box not in ruleset.TALENT_BOX_POINTS:
        raise DomainError("INVALID_TALENT_BOX", f"Talent box {talent.box} is not 1–9.", "box")
    points = ruleset.TALENT_BOX_POINTS[talent.box]
    inputs = {"talent box": str(talent.box), "assessed on": str(talent.assessed_on)}
    return _Raw("C", "Competence/potential", points, inputs, (talent.event_id,), "")


def target_level(facts: PromotionFacts) -> PositionLevel | None:
    """The managerial level the servant would move to next (see ruleset for the reasoning)."""
    position = facts.position
    if position is None:
        # Without a position a PNS works as pelaksana: the KP reguler population.
        return ruleset.NEXT_MANAGERIAL_LEVEL[PositionLevel.PELAKSANA]
    if position.level is PositionLevel.FUNGSIONAL:
        if position.functional_level is None:
            return PositionLevel.PENGAWAS
        return ruleset.FUNCTIONAL_TARGET_LEVEL[position.functional_level.code]
    return ruleset.NEXT_MANAGERIAL_LEVEL[position.level]


def _development(facts: PromotionFacts, as_of: date) -> _Raw:
    years = range(as_of.year - ruleset.DEVELOPMENT_YEARS, as_of.year)
    inputs: dict[str, str] = {}
    evidence: list[str] = []
    yearly = []
    for year in years:
        done = [t for t in facts.trainings if t.end_date.year == year]
        hours = sum(t.hours for t in done)
        points = min(100.0, 100.0 * hours / ruleset.ANNUAL_JP_TARGET)
        yearly.append(points)
        inputs[f"{year} JP"] = f"{hours} → {points:.2f}"
        evidence.extend(t.event_id for t in done)
    score = sum(yearly) / len(yearly)
    inputs["3-year mean"] = f"{score:.2f}"
    target = target_level(facts)
    programs = ruleset.LEADERSHIP_PROGRAMS_FOR_LEVEL.get(target, frozenset()) if target else ()
    leadership = [t for t in facts.trainings if t.program in programs and t.end_date <= as_of]
    inputs["target level"] = target.value if target else "none (highest level)"
    if leadership:
        score += ruleset.LEADERSHIP_BONUS
        first = min(leadership, key=lambda t: t.end_date)
        name = first.program.value if first.program else ""
        inputs["leadership training"] = (
            f"{name} done {first.end_date} → +{ruleset.LEADERSHIP_BONUS:g}"
        )
        evidence.append(first.event_id)
    else:
        wanted = "/".join(sorted(p.value for p in programs)) or "none"
        inputs["leadership training"] = f"{wanted} not done → +0"
    # No TrainingEvaluated event exists yet, so the positive-evaluation bonus is never given.
    inputs["positive evaluation"] = "not recorded → +0"
    score = min(ruleset.DEVELOPMENT_CAP, score)
    return _Raw("D", "Development", _round2(score), inputs, tuple(dict.fromkeys(evidence)), "")


def _experience(facts: PromotionFacts, as_of: date) -> _Raw:
    months = max(0, full_months_between(facts.rank_tmt, as_of))
    beyond = max(0, months - ruleset.MINIMUM_MONTHS_IN_RANK)
    score = min(100.0, 100.0 * beyond / ruleset.EXPERIENCE_FULL_AFTER_MONTHS)
    inputs = {
        "rank": facts.rank.golongan,
        "rank TMT": str(facts.rank_tmt),
        "months in rank": str(months),
        "minimum months": str(ruleset.MINIMUM_MONTHS_IN_RANK),
        "months beyond minimum": str(beyond),
    }
    return _Raw("E", "Experience", _round2(score), inputs, (facts.rank_event_id,), "")


def _integrity(facts: PromotionFacts, as_of: date) -> _Raw:
    deductions = {d.level: d for d in ruleset.INTEGRITY_DEDUCTIONS}
    inputs: dict[str, str] = {}
    evidence: list[str] = []
    score = 100.0
    for penalty in facts.penalties:
        if penalty.start > as_of:
            continue
        label = f"{penalty.penalty_type.name} {penalty.start}"
        if penalty.is_annulled_by(as_of):
            inputs[label] = f"annulled {penalty.annulled_on} → excluded"
            evidence.extend(penalty.evidence)
            continue
        rule = deductions[penalty.level]
        # Ringan counts from its date; sedang/berat from their end, so a running one counts.
        anchor = penalty.effective_end if rule.measured_from_end else penalty.start
        if anchor > add_months(as_of, -rule.window_months):
            inputs[label] = f"{penalty.level.name.lower()} → -{rule.points:g}"
            evidence.append(penalty.event_id)
            score -= rule.points
        else:
            inputs[label] = f"outside the {rule.window_months}-month window → 0"
    return _Raw("I", "Integrity", max(0.0, score), inputs, tuple(evidence), "")


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def _round2(value: float | Decimal) -> float:
    # Half-up on the decimal text, so 72.125 shows as 72.13 as a person would round it.
    exact = value if isinstance(value, Decimal) else _decimal(value)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
