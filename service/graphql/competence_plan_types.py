"""GraphQL types of development plans, training effectiveness and unit competency maps.

Fields and descriptions are in descriptions.toml; the types come from the domain's records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Optional

from domain.competence.development import DevelopmentNeed
from domain.competence.plan import Coverage, DevelopmentPlan, Effectiveness, LevelResult
from service.graphql.competence_types import DevelopmentNeedInfo
from service.graphql.derived_types import OPTIONAL_TEXT, output_type
from service.graphql.types import Connection


class _OfPlan:
    @classmethod
    def of(cls, nip: str, plan: DevelopmentPlan, needs: tuple[DevelopmentNeed, ...]) -> Any:
        """The plan with its needs (named by id in the plan) in full."""
        by_id = {n.need_id: n for n in needs}
        return DevelopmentPlanInfo.from_domain(
            plan, nip=nip, due=[DevelopmentNeedInfo.of(by_id[i]) for i in plan.due],
            overdue=[DevelopmentNeedInfo.of(by_id[i]) for i in plan.overdue])


DevelopmentPlanInfo: Any = output_type(
    "DevelopmentPlanInfo", DevelopmentPlan, bases=(_OfPlan,),
    given={"nip": str, "due": list[DevelopmentNeedInfo], "overdue": list[DevelopmentNeedInfo]})

LevelResultInfo: Any = output_type(
    "LevelResultInfo", LevelResult, given={"level": str},
    computed={"level": lambda r: r.level.value})


class _OfEffectiveness:
    @classmethod
    def of(cls, e: Effectiveness, evidence: list[str]) -> Any:
        """A programme's effectiveness with the evaluations it was computed from."""
        return TrainingEffectiveness.from_domain(e, evidence=evidence)


TrainingEffectiveness: Any = output_type(
    "TrainingEffectiveness", Effectiveness, bases=(_OfEffectiveness,),
    given={"evidence": list[str]})

ServantGaps: Any = output_type("ServantGaps", given={
    "nip": str, "name": str, "jpm_percent": Optional[Decimal],  # noqa: UP045
    "jpm_category": OPTIONAL_TEXT, "open_needs": list[DevelopmentNeedInfo]})

ProgrammeCoverage: Any = output_type("ProgrammeCoverage", Coverage, converter="of")

UnitCompetencyMap: Any = output_type("UnitCompetencyMap", given={
    "unit_id": str, "as_of": date, "servants": Connection[ServantGaps],
    "programmes": list[ProgrammeCoverage]})
