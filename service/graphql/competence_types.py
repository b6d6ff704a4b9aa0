"""GraphQL types of competence: position standards, assessments, profiles and needs (§6);
plans, effectiveness and unit maps are in competence_plan_types."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from domain.competence.assessment import CompetencyAssessment
from domain.competence.development import DevelopmentNeed
from domain.competence.jpm import GapAnalysis, GapLine
from domain.competence.standards import PositionStandard
from service.application import Recorded
from service.graphql.derived_types import OPTIONAL_TEXT, output_type
from service.graphql.types import RuleWarning  # noqa: F401  (shown for Recorded's warnings)

RecordedStandard: Any = output_type(
    "RecordedStandard", Recorded, converter="from_recorded",
    renamed={"position_id": "nip", "type": "event_type"})

CompetencyLevel: Any = output_type("CompetencyLevel", given={"competency": str, "level": int})


def _levels(pairs: tuple[tuple[str, int], ...]) -> list[Any]:
    return [CompetencyLevel(competency=code, level=level) for code, level in pairs]


def _name(value: Enum | None) -> str | None:
    return value.name if value is not None else None


PositionStandardInfo: Any = output_type(
    "PositionStandardInfo", PositionStandard, converter="of",
    renamed={"standard_event_id": "standard_id", "position_id": "position"},
    given={"sk_number": str, "sk_date": date, "issuer": str, "required": list[CompetencyLevel],
           "min_rank": OPTIONAL_TEXT, "min_education": OPTIONAL_TEXT, "trainings": list[str],
           "min_experience_months": int},
    computed={"sk_number": lambda s: s.legal_basis.sk_number,
              "sk_date": lambda s: s.legal_basis.sk_date,
              "issuer": lambda s: s.legal_basis.issuer,
              "required": lambda s: _levels(s.required),
              "min_rank": lambda s: _name(s.requirements.min_rank),
              "min_education": lambda s: _name(s.requirements.min_education),
              "trainings": lambda s: sorted(s.requirements.trainings),
              "min_experience_months": lambda s: s.requirements.min_experience_months})

CompetencyGap: Any = output_type(
    "CompetencyGap", GapLine, renamed={"assessment_event_id": "assessment_id"})

CompetencyAssessmentInfo: Any = output_type(
    "CompetencyAssessmentInfo", CompetencyAssessment, converter="of",
    renamed={"event_id": "assessment_id"},
    given={"method": str, "levels": list[CompetencyLevel]},
    computed={"method": lambda a: a.method.name, "levels": lambda a: _levels(a.levels)})


def life_cycle_status(need: Any) -> str:
    """OPEN or CLOSED, for a domain need and a view's row of one alike."""
    return "OPEN" if need.is_open else "CLOSED"


DevelopmentNeedInfo: Any = output_type(
    "DevelopmentNeedInfo", DevelopmentNeed, converter="of",
    given={"source": str, "status": str, "closure": OPTIONAL_TEXT},
    computed={"source": lambda n: n.source.value, "status": life_cycle_status,
              "closure": lambda n: n.closure.value if n.closure else None})


class _OfAnalysis:
    @classmethod
    def of(cls, nip: str, as_of: date, standard: PositionStandard | None,
           analysis: GapAnalysis | None, assessments: tuple[CompetencyAssessment, ...],
           needs: tuple[DevelopmentNeed, ...]) -> Any:
        """The profile from the gap analysis against the standard in force, if any."""
        band = analysis.category if analysis else None
        return CompetencyProfile(
            nip=nip, as_of=as_of,
            standard=PositionStandardInfo.of(standard) if standard else None,
            gaps=[CompetencyGap.from_domain(g) for g in (analysis.lines if analysis else ())],
            jpm_percent=analysis.jpm_percent if analysis else None,
            jpm_category=band.category if band else None, jpm_label=band.label if band else None,
            thresholds_id=analysis.thresholds_id if analysis else None,
            evidence=list(analysis.evidence) if analysis else [],
            assessments=[CompetencyAssessmentInfo.of(a) for a in assessments],
            needs=[DevelopmentNeedInfo.of(n) for n in needs])


CompetencyProfile: Any = output_type("CompetencyProfile", bases=(_OfAnalysis,), given={
    "nip": str, "as_of": date, "standard": Optional[PositionStandardInfo],  # noqa: UP045
    "gaps": list[CompetencyGap], "jpm_percent": Optional[Decimal],  # noqa: UP045
    "jpm_category": OPTIONAL_TEXT, "jpm_label": OPTIONAL_TEXT, "thresholds_id": OPTIONAL_TEXT,
    "evidence": list[str], "assessments": list[CompetencyAssessmentInfo],
    "needs": list[DevelopmentNeedInfo]})
