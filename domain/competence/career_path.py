"""What separates a servant from a target position's standard (domain.md §6.4 [DESIGN]).

Each requirement of the standard (rank, education, training, experience) is checked with
three outcomes: PASS, FAIL (with what would close it) or UNKNOWN (nothing recorded to
decide). Competency levels come from the gap analysis against the same standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from domain.competence.jpm import GapAnalysis
from domain.competence.standards import PositionRequirements, PositionStandard
from domain.functional.verdict import Outcome
from domain.values import EducationLevel, Rank

# A legacy Diklatpim counts for the LAN programme that replaced it (PerLAN 15/2019).
TRAINING_EQUIVALENTS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        "PKP": frozenset({"PKP", "DIKLATPIM_IV"}),
        "PKA": frozenset({"PKA", "DIKLATPIM_III"}),
        "PKN_II": frozenset({"PKN_II", "DIKLATPIM_II"}),
        "PKN_I": frozenset({"PKN_I", "DIKLATPIM_I"}),
    }
)


@dataclass(frozen=True)
class EducationRecord:
    level: EducationLevel
    field: str
    evidence_id: str


@dataclass(frozen=True)
class Qualifications:
    """What the record shows about one servant; None/empty = not recorded."""

    rank: Rank | None = None
    rank_evidence: str | None = None
    education: tuple[EducationRecord, ...] = ()
    trainings: tuple[tuple[str, str], ...] = ()  # (programme code, evidence id)
    experience_months: int | None = None
    experience_evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequirementCheck:
    requirement: str  # RANK, EDUCATION, EDUCATION_FIELD, TRAINING, EXPERIENCE
    required: str
    actual: str
    outcome: Outcome
    to_close: str  # empty when met
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CompetencyStep:
    competency: str
    required: int
    attained: int | None
    to_close: str


@dataclass(frozen=True)
class CareerGaps:
    standard_id: str
    requirements: tuple[RequirementCheck, ...]
    competencies: tuple[CompetencyStep, ...]

    @property
    def all_met(self) -> bool:
        return all(c.outcome is Outcome.PASS for c in self.requirements) and not self.competencies


def requirement_checks(
    requirements: PositionRequirements, servant: Qualifications
) -> tuple[RequirementCheck, ...]:
    checks: list[RequirementCheck] = []
    if requirements.min_rank is not None:
        checks.append(_rank(requirements.min_rank, servant))
    if requirements.min_education is not None:
        checks.append(_education(requirements.min_education, servant))
    if requirements.education_fields:
        checks.append(_field(requirements.education_fields, servant))
    done = dict(servant.trainings)
    for code in sorted(requirements.trainings):
        accepted = TRAINING_EQUIVALENTS.get(code, frozenset({code}))
        found = sorted(c for c in done if c in accepted)
        if found:
            checks.append(_check("TRAINING", code, found[0], Outcome.PASS, "", (done[found[0]],)))
        else:
            checks.append(
                _check("TRAINING", code, "not done", Outcome.FAIL, f"complete {code}", ())
            )
    if requirements.min_experience_months:
        checks.append(_experience(requirements.min_experience_months, servant))
    return tuple(checks)


def career_gaps(
    standard: PositionStandard, servant: Qualifications, analysis: GapAnalysis
) -> CareerGaps:
    """Requirement checks plus every competency not yet at its required level."""
    steps = []
    for line in analysis.lines:
        if line.attained is None:
            steps.append(CompetencyStep(line.competency, line.required, None, "assess it"))
        elif line.is_shortfall:
            text = f"raise from level {line.attained} to {line.required}"
            steps.append(CompetencyStep(line.competency, line.required, line.attained, text))
    checks = requirement_checks(standard.requirements, servant)
    return CareerGaps(standard.standard_id, checks, tuple(steps))


def _check(
    requirement: str,
    required: str,
    actual: str,
    outcome: Outcome,
    to_close: str,
    evidence: tuple[str, ...],
) -> RequirementCheck:
    return RequirementCheck(requirement, required, actual, outcome, to_close, evidence)


def _rank(minimum: Rank, servant: Qualifications) -> RequirementCheck:
    if servant.rank is None:
        return _check("RANK", minimum.golongan, "not recorded", Outcome.UNKNOWN, "", ())
    evidence = () if servant.rank_evidence is None else (servant.rank_evidence,)
    steps = minimum.ordinal - servant.rank.ordinal
    if steps <= 0:
        return _check("RANK", minimum.golongan, servant.rank.golongan, Outcome.PASS, "", evidence)
    text = f"{steps} rank step{'s' if steps > 1 else ''} to {minimum.golongan}"
    return _check("RANK", minimum.golongan, servant.rank.golongan, Outcome.FAIL, text, evidence)


def _education(minimum: EducationLevel, servant: Qualifications) -> RequirementCheck:
    if not servant.education:
        return _check("EDUCATION", minimum.label, "not recorded", Outcome.UNKNOWN, "", ())
    best = max(servant.education, key=lambda record: record.level.tier)
    evidence = (best.evidence_id,)
    if best.level.tier >= minimum.tier:
        return _check("EDUCATION", minimum.label, best.level.label, Outcome.PASS, "", evidence)
    text = f"obtain {minimum.label} or higher"
    return _check("EDUCATION", minimum.label, best.level.label, Outcome.FAIL, text, evidence)


def _field(fields: tuple[str, ...], servant: Qualifications) -> RequirementCheck:
    wanted = ", ".join(fields)
    if not servant.education:
        return _check("EDUCATION_FIELD", wanted, "not recorded", Outcome.UNKNOWN, "", ())
    accepted = {name.casefold() for name in fields}
    for record in servant.education:
        if record.field.casefold() in accepted:
            return _check(
                "EDUCATION_FIELD", wanted, record.field, Outcome.PASS, "", (record.evidence_id,)
            )
    actual = ", ".join(record.field for record in servant.education)
    ids = tuple(record.evidence_id for record in servant.education)
    return _check("EDUCATION_FIELD", wanted, actual, Outcome.FAIL, f"a degree in {wanted}", ids)


def _experience(minimum: int, servant: Qualifications) -> RequirementCheck:
    required = f"{minimum} months"
    if servant.experience_months is None:
        return _check("EXPERIENCE", required, "not recorded", Outcome.UNKNOWN, "", ())
    actual, evidence = f"{servant.experience_months} months", servant.experience_evidence
    short = minimum - servant.experience_months
    if short <= 0:
        return _check("EXPERIENCE", required, actual, Outcome.PASS, "", evidence)
    return _check("EXPERIENCE", required, actual, Outcome.FAIL, f"{short} more months", evidence)
