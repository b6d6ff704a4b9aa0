"""GraphQL types of development plans, training effectiveness and unit competency maps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Optional

import strawberry

from domain.competence.development import DevelopmentNeed
from domain.competence.plan import Coverage, DevelopmentPlan, Effectiveness
from service.graphql.competence_types import DevelopmentNeedInfo
from service.graphql.types import Connection


@strawberry.type(description="A servant's development plan for a year: 20 JP plus the needs "
                             "due, what is done and what is evaluated.")
class DevelopmentPlanInfo:
    nip: str = strawberry.field(description="The servant's NIP (18 digits).")
    year: int = strawberry.field(description="The calendar year planned.")
    jp_done: int = strawberry.field(
        description="Learning hours (JP, jam pelajaran) recorded in the year so far.")
    jp_target: int = strawberry.field(
        description="Learning hours (JP) every servant should complete in a year (20).")
    below_jp_target: bool = strawberry.field(description="True while jpDone is below jpTarget.")
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
    count: int = strawberry.field(description="How many evaluations scored this level.")
    mean: Decimal = strawberry.field(description="Mean score, two decimals.")


@strawberry.type(description="How a training programme's evaluations came out, by level.")
class TrainingEffectiveness:
    programme: str = strawberry.field(
        description="A leadership programme (PKP, PKA...) or a training's name.")
    evaluations: int = strawberry.field(description="How many evaluations were recorded.")
    positive: int = strawberry.field(description="Evaluations positive under the policy in force.")
    by_level: list[LevelResultInfo] = strawberry.field(
        description="The results per Kirkpatrick level scored at least once.")
    evidence: list[str] = strawberry.field(description="The evaluation event ids read.")

    @classmethod
    def of(cls, e: Effectiveness, evidence: list[str]) -> TrainingEffectiveness:
        return cls(programme=e.programme, evaluations=e.evaluations, positive=e.positive,
                   by_level=[LevelResultInfo(level=r.level.value, count=r.count, mean=r.mean)
                             for r in e.by_level], evidence=evidence)


@strawberry.type(description="One servant's open competency gaps in a unit map.")
class ServantGaps:
    nip: str = strawberry.field(description="The servant's NIP (18 digits).")
    name: str = strawberry.field(description="The servant's name.")
    jpm_percent: Optional[Decimal] = strawberry.field(  # noqa: UP045
        description="Job Person Match on asOf, two decimals; null without a standard or while "
                    "a competency is unassessed.")
    jpm_category: Optional[str] = strawberry.field(  # noqa: UP045
        description="The JPM band's code (e.g. MS, MMS, KMS); null with the percentage.")
    open_needs: list[DevelopmentNeedInfo] = strawberry.field(
        description="The servant's development needs still open on asOf.")


@strawberry.type(description="A programme and the open needs of the unit it addresses.")
class ProgrammeCoverage:
    programme: str = strawberry.field(description="The training programme's name.")
    needs: list[str] = strawberry.field(description="Open need ids it addresses.")

    @classmethod
    def of(cls, c: Coverage) -> ProgrammeCoverage:
        return cls(programme=c.programme, needs=list(c.needs))


@strawberry.type(description="Who in a unit has which gaps on asOf, and which programmes (as the "
                             "unit's trainings record what they address) would close most.")
class UnitCompetencyMap:
    unit_id: str = strawberry.field(description="The work unit (unit kerja) id.")
    as_of: date = strawberry.field(description="The day the gaps are judged on.")
    servants: Connection[ServantGaps] = strawberry.field(
        description="One page of the unit's servants, by NIP, with their gaps.")
    programmes: list[ProgrammeCoverage] = strawberry.field(
        description="Programmes that address the open needs of this page's servants, those "
                    "closing most first.")
