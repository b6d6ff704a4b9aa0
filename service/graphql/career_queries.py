"""Queries of functional careers and talent: a servant's career path, a unit's upcoming
retirements and the succession list for a position (domain.md §6.3, §6.4, §7.3, §7.5)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.competence.career_path import EducationRecord, Qualifications, requirement_checks
from domain.competence.succession import succession_list
from domain.discipline import add_months
from domain.errors import DomainError
from domain.functional.path import next_steps, succession_line
from domain.functional.record import credit_years, retirement_of
from domain.nip import validate_nip
from domain.promotion.facts import PromotionFacts
from domain.promotion.from_record import promotion_facts
from domain.state import effective_events, fold
from domain.values import ServantStatus
from projections.read_models import ReadModels
from service.auth import Principal
from service.graphql.arguments import JudgeDay, Nip
from service.graphql.career_types import (
    CareerGap,
    CareerPath,
    CreditYear,
    GapRequirement,
    NextCareerSteps,
    Retirement,
    StandardStatus,
    SuccessionEntry,
    SuccessionList,
    UpcomingRetirement,
)
from service.graphql.permissions import READERS, require_role
from service.graphql.promotion_types import RuleOutcomeValue
from service.graphql.read_access import authorize_servant_read as _authorize_servant
from service.graphql.read_access import read_after as _read
from service.graphql.read_access import services_of as _services
from service.graphql.read_access import today as _today
from service.graphql.relay import MinPosition
from service.standard_reads import competency_checks, judge_against, position_standard

MAX_WINDOW_MONTHS = 120
_IN_SERVICE = frozenset({ServantStatus.CPNS, ServantStatus.PNS})
TargetPosition = Annotated[Optional[str], strawberry.argument(  # noqa: UP045
    description="A position to measure the servant against, by its standard's id.")]
PositionToFill = Annotated[str, strawberry.argument(
    description="The position to fill, by its standard's id.")]
PoolOnly = Annotated[bool, strawberry.argument(description="Only talent-pool members (boxes 7-9).")]
_ORDER = ("talent-pool members first, then rank eligibility (pass, unknown, fail), JPM, box, "
          "integrity and fewest open needs; equals share a place (never the NIP or age)")


def _qualifications(facts: PromotionFacts) -> Qualifications:
    return Qualifications(
        rank=facts.rank, rank_evidence=facts.rank_event_id,
        education=tuple(EducationRecord(e.level, "", e.event_id) for e in facts.education),
        trainings=tuple((t.program.name, t.event_id) for t in facts.trainings if t.program),
    )


def _career_path(info: Info[Any, Any], nip: str, target: str | None, day: date) -> CareerPath:
    app = _services(info).app
    effective = effective_events(app.servant(nip).events)
    state = fold(effective, day)
    if state.cpns_tmt > day:
        raise DomainError("NOT_YET_APPOINTED", "The servant was not appointed on that date.")
    facts = promotion_facts(nip, effective, state)
    standard = position_standard(app, target, day) if target is not None else None
    analysis = judge_against(app, standard, nip, day).analysis if standard else None
    checks = () if standard is None else requirement_checks(standard.requirements,
                                                            _qualifications(facts))
    gaps = [
        CareerGap(requirement=GapRequirement(c.requirement), required=c.required, actual=c.actual,
                  outcome=RuleOutcomeValue(c.outcome.value), to_close=c.to_close,
                  evidence_event_ids=list(c.evidence))
        for c in (*checks, *(competency_checks(analysis) if analysis is not None else ()))
    ]
    retirement = retirement_of(state, day)
    return CareerPath(
        nip=nip, as_of=day, next_steps=NextCareerSteps.from_domain(next_steps(facts, day)),
        credit_years=[CreditYear.from_domain(y) for y in credit_years(nip, state, day)],
        retirement=Retirement.from_domain(retirement) if retirement else None,
        target_position=target, standard_id=standard.standard_id if standard else None,
        standard_status=StandardStatus.of(standard), gaps=gaps,
    )


@strawberry.type
class CareerQuery:
    @strawberry.field(description="A servant's career path (pola karier): the next rank and "
                      "its earliest date, the next functional level and the credit still "
                      "missing, credit by year, the BUP, and for targetPosition every gap to "
                      "its standard with what would close it.")
    async def career_path(
        self, info: Info[Any, Any], nip: Nip, target_position: TargetPosition = None,
        as_of: JudgeDay = None,
    ) -> CareerPath:
        validate_nip(nip)
        require_role(info, READERS, "read career views")
        day = _today(info, as_of)
        await _authorize_servant(info, nip)
        return await asyncio.to_thread(_career_path, info, nip, target_position, day)

    @strawberry.field(description="Servants of a unit whose retirement TMT (BUP) falls within "
                      "withinMonths (1-120) of asOf (default today), earliest first.")
    async def upcoming_retirements(
        self, info: Info[Any, Any],
        unit_id: Annotated[str, strawberry.argument(description="The work unit.")],
        within_months: Annotated[int, strawberry.argument(
            description="How far ahead to look, in months (1-120).")] = 12,
        as_of: Annotated[Optional[date], strawberry.argument(  # noqa: UP045
            description="The day to count from (default today).")] = None,
        min_position: MinPosition = None,
    ) -> list[UpcomingRetirement]:
        principal: Principal = require_role(info, READERS, "read career views")
        if not 1 <= within_months <= MAX_WINDOW_MONTHS:
            raise DomainError("INVALID_WINDOW", f"withinMonths must be 1 to "
                              f"{MAX_WINDOW_MONTHS}, not {within_months}.", "withinMonths")
        day = _today(info, as_of)
        end = add_months(day, within_months)

        def read(models: ReadModels) -> list[UpcomingRetirement]:
            return [UpcomingRetirement(
                nip=r.nip, name=r.name, unit_id=r.unit_id, unit_name=r.unit_name,
                position_name=r.position_name, position_event_id=r.position_event_id,
                bup_age=r.bup_age, reaches_bup_on=r.reaches_bup_on,
                retirement_tmt=r.retirement_tmt, basis=r.basis, source=r.source,
            ) for r in models.upcoming_retirements(unit_id, day, end)
                # An HR token sees the servants its scope covers (unit or agency), like lists.
                if principal.role != "hr" or principal.covers(r.unit_id, r.institution_id)]

        return await _read(info, ["retirement"], min_position, read)

    @strawberry.field(description="The succession list for a position (talent pool): "
                      "servants with a talent mapping, ranked, with rank eligibility, JPM "
                      "against the position's standard, box, integrity and open development "
                      "needs, each with its evidence. poolOnly keeps boxes 7-9.")
    async def succession_candidates(
        self, info: Info[Any, Any],
        position_id: PositionToFill, as_of: JudgeDay = None, pool_only: PoolOnly = False,
        min_position: MinPosition = None,
    ) -> SuccessionList:
        principal: Principal = require_role(info, READERS, "read career views")
        day = _today(info, as_of)
        app = _services(info).app
        standard = await asyncio.to_thread(position_standard, app, position_id, day)
        lowest = standard.requirements.min_rank if standard is not None else None

        def read(models: ReadModels) -> SuccessionList:
            rows = models.promotion_facts()
            if principal.role == "hr" and not principal.covers("*"):
                institutions = models.institutions()
                rows = [r for r in rows if principal.covers(r[2], institutions.get(r[0], ""))]
            people = {r[0]: r for r in rows
                      if r[4].status in _IN_SERVICE and r[4].talent_box is not None}
            judged = {nip: judge_against(app, standard, nip, day) for nip in people}
            lines = [succession_line(
                r[4], day, lowest, j.analysis.jpm_percent if j.analysis else None,
                len(j.open_needs), j.evidence) for nip, r in people.items()
                for j in (judged[nip],)]
            ranked = succession_list(lines, pool_only=pool_only)
            return SuccessionList(
                position_id=position_id, as_of=day,
                standard_status=StandardStatus.of(standard),
                order_explanation=_ORDER,
                candidates=[SuccessionEntry(
                    place=e.place, nip=e.candidate.nip, name=people[e.candidate.nip][1],
                    unit_id=people[e.candidate.nip][2], in_pool=e.in_pool,
                    rank_eligibility=RuleOutcomeValue(e.candidate.rank_eligibility.value),
                    jpm_percent=e.candidate.jpm_percent, box=e.candidate.box,
                    integrity=e.candidate.integrity, open_needs=e.candidate.open_needs,
                    evidence_event_ids=list(e.candidate.evidence),
                ) for e in ranked if e.candidate.box is not None],
            )

        return await _read(info, ["promotion"], min_position, read)
