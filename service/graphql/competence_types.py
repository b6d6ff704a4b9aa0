"""GraphQL types of competence: position standards, assessments, profiles and needs (§6);
plans, effectiveness and unit maps are in competence_plan_types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

import strawberry

from domain.competence.assessment import CompetencyAssessment
from domain.competence.development import DevelopmentNeed
from domain.competence.jpm import GapAnalysis
from domain.competence.standards import PositionStandard
from service.application import Recorded
from service.graphql.types import RuleWarning


@strawberry.type(description="The acknowledgement of a recorded position-standard act.")
class RecordedStandard:
    event_id: str = strawberry.field(description="<positionId>:<version> of the act.")
    position_id: str = strawberry.field(
        description="The position (or position class) whose standard the act sets or ends.")
    type: str = strawberry.field(
        description="The kind of act recorded, e.g. PositionStandardSet or PositionStandardRetired.")
    version: int = strawberry.field(
        description="The act's version in the position's stream, counting from 1.")
    position: int = strawberry.field(description="Log position of the act.")
    warnings: list[RuleWarning] = strawberry.field(
        description="Rule warnings raised while recording; empty when none applied.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was seen before and this is the first "
                    "result again, with nothing new written.")

    @classmethod
    def from_recorded(cls, r: Recorded) -> RecordedStandard:
        return cls(event_id=r.event_id, position_id=r.nip, type=r.event_type, version=r.version,
                   position=r.position, warnings=[RuleWarning.from_domain(w) for w in r.warnings],
                   replayed=r.replayed)


@strawberry.type(description="A competency with a level (1-5).")
class CompetencyLevel:
    competency: str = strawberry.field(
        description="The competency code of the dictionary (national, or <agencyId>.<code>).")
    level: int = strawberry.field(description="The level, 1 (lowest) to 5 (highest).")


@strawberry.type(description="One version of a position's competency standard, with its SK.")
class PositionStandardInfo:
    standard_event_id: str = strawberry.field(description="Evidence: <positionId>:<version>.")
    position_id: str = strawberry.field(
        description="The position id or position class the standard is for.")
    valid_from: date = strawberry.field(description="The first day the standard is in force.")
    valid_to: Optional[date] = strawberry.field(  # noqa: UP045
        description="Inclusive end; null while in force until revised.")
    sk_number: str = strawberry.field(description="Number of the SK that sets the standard.")
    sk_date: date = strawberry.field(description="Date of the SK that sets the standard.")
    issuer: str = strawberry.field(description="The official or body that signed the SK.")
    required: list[CompetencyLevel] = strawberry.field(description="Required level per competency.")
    min_rank: Optional[str] = strawberry.field(description="Lowest rank required.")  # noqa: UP045
    min_education: Optional[str] = strawberry.field(  # noqa: UP045
        description="Lowest education level required.")
    trainings: list[str] = strawberry.field(description="Training programmes required (PKP, PKA...).")
    min_experience_months: int = strawberry.field(
        description="Months of experience required; 0 when none is.")

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
    competency: str = strawberry.field(description="The competency code of the dictionary.")
    required: int = strawberry.field(description="The level (1-5) the standard requires.")
    attained: Optional[int] = strawberry.field(description="Null while unassessed.")  # noqa: UP045
    gap: Optional[int] = strawberry.field(  # noqa: UP045
        description="Required minus attained (positive = shortfall); null while unassessed.")
    assessment_event_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The assessment the attained level comes from.")


@strawberry.type(description="A competency assessment as recorded.")
class CompetencyAssessmentInfo:
    event_id: str = strawberry.field(description="The assessment event, <nip>:<version>.")
    assessed_on: date = strawberry.field(description="The day of the assessment (its TMT).")
    method: str = strawberry.field(
        description="How the levels were measured: ASSESSMENT_CENTRE, UJI_KOMPETENSI or "
                    "OTHER.")
    assessor_body: str = strawberry.field(
        description="The body that assessed (lembaga penilaian kompetensi).")
    levels: list[CompetencyLevel] = strawberry.field(
        description="The attained level per competency assessed.")
    document_hash: str = strawberry.field(
        description="A hash of the assessment report document; empty if none was stored.")

    @classmethod
    def of(cls, a: CompetencyAssessment) -> CompetencyAssessmentInfo:
        return cls(event_id=a.assessment_id, assessed_on=a.assessed_on, method=a.method.name,
                   assessor_body=a.assessor_body, document_hash=a.document_hash,
                   levels=[CompetencyLevel(competency=c, level=v) for c, v in a.levels])


@strawberry.type(description="A development need and where it stands in its life cycle.")
class DevelopmentNeedInfo:
    need_id: str = strawberry.field(description="<opening event id>:<what it addresses>.")
    source: str = strawberry.field(description="APPRAISAL or COMPETENCY_GAP.")
    addresses: str = strawberry.field(description="A competency code, or KINERJA for performance.")
    due_year: int = strawberry.field(description="The year by which it should be addressed.")
    opened_on: date = strawberry.field(description="The day it opened.")
    opened_by: str = strawberry.field(description="The appraisal or assessment event that opened it.")
    target_level: Optional[int] = strawberry.field(  # noqa: UP045
        description="For a competency gap, the level that closes it.")
    status: str = strawberry.field(description="OPEN or CLOSED.")
    closure: Optional[str] = strawberry.field(  # noqa: UP045
        description="TRAINING_EVALUATED or GAP_CLOSED once closed.")
    closed_on: Optional[date] = strawberry.field(  # noqa: UP045
        description="The day it closed; null while open.")
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
                             "held on asOf.")
class CompetencyProfile:
    nip: str = strawberry.field(description="The servant's NIP (18 digits).")
    as_of: date = strawberry.field(description="The day the profile is judged on.")
    standard: Optional[PositionStandardInfo] = strawberry.field(  # noqa: UP045
        description="The standard in force on asOf; null if none is recorded.")
    gaps: list[CompetencyGap] = strawberry.field(
        description="One line per competency the standard requires; empty without a standard.")
    jpm_percent: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Job Person Match, two decimals; null while a competency is unassessed.")
    jpm_category: Optional[str] = strawberry.field(  # noqa: UP045
        description="The JPM band's code under the thresholds used (e.g. MS, MMS, KMS); "
                    "null when the percentage is null or no thresholds apply.")
    jpm_label: Optional[str] = strawberry.field(  # noqa: UP045
        description="The band's name in words (e.g. Memenuhi syarat); null with the code.")
    thresholds_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The versioned JPM thresholds used.")
    evidence: list[str] = strawberry.field(description="The standard and assessments read.")
    assessments: list[CompetencyAssessmentInfo] = strawberry.field(
        description="Every assessment up to asOf, oldest first.")
    needs: list[DevelopmentNeedInfo] = strawberry.field(
        description="Every development need opened up to asOf, open or closed.")

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
