"""GraphQL types of competence: position standards, profiles, needs and plans (§6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

import strawberry

from domain.competence.assessment import CompetencyAssessment
from domain.competence.development import DevelopmentNeed
from domain.competence.jpm import GapAnalysis
from domain.competence.plan import Coverage, DevelopmentPlan, Effectiveness
from domain.competence.standards import PositionStandard
from service.application import Recorded
from service.graphql.types import RuleWarning


@strawberry.type(description="The acknowledgement of a recorded position-standard act.")
class RecordedStandard:
    event_id: str = strawberry.field(description="<positionId>:<version> of the act.")
    position_id: str
    type: str
    version: int
    position: int = strawberry.field(description="Log position of the act.")
    warnings: list[RuleWarning]
    replayed: bool

    @classmethod
    def from_recorded(cls, r: Recorded) -> RecordedStandard:
        return cls(event_id=r.event_id, position_id=r.nip, type=r.event_type, version=r.version,
                   position=r.position, warnings=[RuleWarning.from_domain(w) for w in r.warnings],
                   replayed=r.replayed)


@strawberry.type(description="A competency with a level (1-5).")
class CompetencyLevel:
    competency: str
    level: int


@strawberry.type(description="One version of a position's competency standard, with its SK.")
class PositionStandardInfo:
    standard_event_id: str = strawberry.field(description="Evidence: <positionId>:<version>.")
    position_id: str
    valid_from: date
    valid_to: Optional[date] = strawberry.field(  # noqa: UP045
        description="Inclusive end; null while in force until revised.")
    sk_number: str
    sk_date: date
    issuer: str
    required: list[CompetencyLevel] = strawberry.field(description="Required level per competency.")
    min_rank: Optional[str] = strawberry.field(description="Lowest rank required.")  # noqa: UP045
    min_education: Optional[str] = strawberry.field(  # noqa: UP045
        description="Lowest education level required.")
    trainings: list[str] = strawberry.field(description="Training programmes required (PKP, PKA...).")
    min_experience_months: int

    @classmethod
    def of(cls, s: PositionStandard) -> PositionStandardInfo:
        req = s.requirements
        return cls(
            standard_event_id=s.standard_id, position_id=s.position, valid_from=s.valid_from,
            valid_to=s.valid_to, sk_number=s.legal_basis.sk_number, sk_date=s.legal_basis.sk_date,
            issuer=s.legal_basis.issuer,
            required=[CompetencyLevel(competency=c, level=v) for c, v in s.required],
            min_rank=req.min_rank.name if req.min_rank else None,
            min_education=req.min_education.name if req.min_education else None,
            trainings=sorted(req.trainings), min_experience_months=req.min_experience_months,
        )


@strawberry.type(description="Required against attained level of one competency.")
class CompetencyGap:
    competency: str
    required: int
    attained: Optional[int] = strawberry.field(description="Null while unassessed.")  # noqa: UP045
    gap: Optional[int] = strawberry.field(  # noqa: UP045
        description="Required minus attained (positive = shortfall); null while unassessed.")
    assessment_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The assessment the attained level comes from.")


@strawberry.type(description="A competency assessment as recorded.")
class CompetencyAssessmentInfo:
    event_id: str
    assessed_on: date
    method: str
    assessor_body: str
    levels: list[CompetencyLevel]
    document_hash: str

    @classmethod
    def of(cls, a: CompetencyAssessment) -> CompetencyAssessmentInfo:
        return cls(event_id=a.assessment_id, assessed_on=a.assessed_on, method=a.method.name,
                   assessor_body=a.assessor_body, document_hash=a.document_hash,
                   levels=[CompetencyLevel(competency=c, level=v) for c, v in a.levels])


@strawberry.type(description="A development need and where it stands in its life cycle.")
class DevelopmentNeedInfo:
    need_id: str
    source: str = strawberry.field(description="APPRAISAL or COMPETENCY_GAP.")
    addresses: str = strawberry.field(description="A competency code, or KINERJA for performance.")
    due_year: int
    opened_on: date
    opened_by: str = strawberry.field(description="The appraisal or assessment event that opened it.")
    target_level: Optional[int] = strawberry.field(  # noqa: UP045
        description="For a competency gap, the level that closes it.")
    status: str = strawberry.field(description="OPEN or CLOSED.")
    closure: Optional[str] = strawberry.field(  # noqa: UP045
        description="TRAINING_EVALUATED or GAP_CLOSED once closed.")
    closed_on: Optional[date]  # noqa: UP045
    closed_by: list[str] = strawberry.field(
        description="The training and evaluation event ids, or the later assessment's.")

    @classmethod
    def of(cls, n: DevelopmentNeed) -> DevelopmentNeedInfo:
        return cls(need_id=n.need_id, source=n.source.value, addresses=n.addresses,
                   due_year=n.due_year, opened_on=n.opened_on, opened_by=n.opened_by,
                   target_level=n.target_level, status="OPEN" if n.is_open else "CLOSED",
                   closure=n.closure.value if n.closure else None, closed_on=n.closed_on,
                   closed_by=list(n.closed_by))


@strawberry.type(description="A servant's competencies against the standard of the position "
                             "held on asOf (domain.md §6.2).")
class CompetencyProfile:
    nip: str
    as_of: date
    standard: Optional[PositionStandardInfo] = strawberry.field(  # noqa: UP045
        description="The standard in force on asOf; null if none is recorded.")
    gaps: list[CompetencyGap]
    jpm_percent: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Job Person Match, two decimals; null while a competency is unassessed.")
    jpm_category: Optional[str]  # noqa: UP045
    jpm_label: Optional[str]  # noqa: UP045
    thresholds_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The versioned JPM thresholds used.")
    evidence: list[str] = strawberry.field(description="The standard and assessments read.")
    assessments: list[CompetencyAssessmentInfo] = strawberry.field(
        description="Every assessment up to asOf, oldest first.")
    needs: list[DevelopmentNeedInfo]

    @classmethod
    def of(cls, nip: str, as_of: date, standard: PositionStandard | None,
           analysis: GapAnalysis | None, assessments: tuple[CompetencyAssessment, ...],
           needs: tuple[DevelopmentNeed, ...]) -> CompetencyProfile:
        band = analysis.category if analysis else None
        return cls(
            nip=nip, as_of=as_of,
            standard=PositionStandardInfo.of(standard) if standard else None,
            gaps=[CompetencyGap(competency=g.competency, required=g.required,
                                attained=g.attained, gap=g.gap,
                                assessment_event_id=g.assessment_id)
                  for g in (analysis.lines if analysis else ())],
            jpm_percent=analysis.jpm_percent if analysis else None,
            jpm_category=band.category if band else None, jpm_label=band.label if band else None,
            thresholds_id=analysis.thresholds_id if analysis else None,
            evidence=list(analysis.evidence) if analysis else [],
            assessments=[CompetencyAssessmentInfo.of(a) for a in assessments],
            needs=[DevelopmentNeedInfo.of(n) for n in needs],
        )


@strawberry.type(description="A servant's development plan for a year: 20 JP plus the needs "
                             "due, what is done and what is evaluated.")
class DevelopmentPlanInfo:
    nip: str
    year: int
    jp_done: int
    jp_target: int
    below_jp_target: bool
    due: list[DevelopmentNeedInfo] = strawberry.field(description="Needs due this year.")
    overdue: list[DevelopmentNeedInfo] = strawberry.field(
        description="Open needs whose due year has passed.")
    trainings: list[str] = strawberry.field(description="Trainings of the year (event ids).")
    evaluated: list[str] = strawberry.field(description="Of those, the evaluated ones.")

    @classmethod
    def of(cls, nip: str, plan: DevelopmentPlan,
           needs: tuple[DevelopmentNeed, ...]) -> DevelopmentPlanInfo:
        by_id = {n.need_id: n for n in needs}
        return cls(nip=nip, year=plan.year, jp_done=plan.jp_done, jp_target=plan.jp_target,
                   below_jp_target=plan.below_jp_target,
                   due=[DevelopmentNeedInfo.of(by_id[i]) for i in plan.due],
                   overdue=[DevelopmentNeedInfo.of(by_id[i]) for i in plan.overdue],
                   trainings=list(plan.trainings), evaluated=list(plan.evaluated))


@strawberry.type(description="Evaluation results of one Kirkpatrick level.")
class LevelResultInfo:
    level: str = strawberry.field(description="REACTION, LEARNING, BEHAVIOUR or RESULT.")
    count: int
    mean: Decimal = strawberry.field(description="Mean score, two decimals.")


@strawberry.type(description="How a training programme's evaluations came out, by level.")
class TrainingEffectiveness:
    programme: str = strawberry.field(
        description="A leadership programme (PKP, PKA...) or a training's name.")
    evaluations: int
    positive: int = strawberry.field(description="Evaluations positive under the policy in force.")
    by_level: list[LevelResultInfo]
    evidence: list[str] = strawberry.field(description="The evaluation event ids read.")

    @classmethod
    def of(cls, e: Effectiveness, evidence: list[str]) -> TrainingEffectiveness:
        return cls(programme=e.programme, evaluations=e.evaluations, positive=e.positive,
                   by_level=[LevelResultInfo(level=r.level.value, count=r.count, mean=r.mean)
                             for r in e.by_level], evidence=evidence)


@strawberry.type(description="One servant's open competency gaps in a unit map.")
class ServantGaps:
    nip: str
    name: str
    jpm_percent: Optional[Decimal]  # noqa: UP045
    jpm_category: Optional[str]  # noqa: UP045
    open_needs: list[DevelopmentNeedInfo]


@strawberry.type(description="A programme and the open needs of the unit it addresses.")
class ProgrammeCoverage:
    programme: str
    needs: list[str] = strawberry.field(description="Open need ids it addresses.")

    @classmethod
    def of(cls, c: Coverage) -> ProgrammeCoverage:
        return cls(programme=c.programme, needs=list(c.needs))


@strawberry.type(description="Who in a unit has which gaps on asOf, and which programmes (as the "
                             "unit's trainings record what they address) would close most.")
class UnitCompetencyMap:
    unit_id: str
    as_of: date
    servants: list[ServantGaps]
    programmes: list[ProgrammeCoverage]
