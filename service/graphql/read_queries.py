"""The read side of the API (issue 3): career history, promotion eligibility and candidates,
training ledgers and projection status, all answered from the projections' views.

Resolvers wait (bounded) for an optional ``minPosition`` so a client reads its own writes, and
do every storage call off the event loop. A page costs a fixed number of queries."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Optional, TypeVar

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from domain.errors import DomainError, ServantNotFoundError
from domain.nip import validate_nip
from domain.validation import check_date_range
from projections import queries
from projections.candidates import Candidate, start_after
from projections.candidates import encode_cursor as encode_key_cursor
from projections.read_models import ReadModels, ViewStatus
from service.as_of import career_history_as_of, promotion_as_of
from service.auth import Principal
from service.graphql.event_types import ENUMS
from service.graphql.permissions import READERS, require_role, require_scope
from service.graphql.types import (
    Connection,
    Edge,
    PageInfo,
    RecordedBy,
    decode_cursor,
    encode_cursor,
)

T = TypeVar("T")
RankEnum: Any = ENUMS["Rank"]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@strawberry.type(description="Where a row comes from: its events, log positions and SK, who "
                 "recorded the original event and when.")
class Provenance:
    event_ids: list[str]
    positions: list[int]
    sk_number: str
    sk_date: date
    sk_official: str
    recorded_by: RecordedBy
    recorded_at: datetime


@strawberry.type(description="A correction or retraction applied to a history row.")
class Amendment:
    event_id: str
    position: int
    recorded_at: datetime
    recorded_by: RecordedBy
    reason: str
    sk_number: str
    changes: Optional[JSON]  # noqa: UP045

    @classmethod
    def from_trail(cls, trail: dict[str, Any]) -> Amendment:
        return cls(
            event_id=trail["eventId"], position=trail["position"],
            recorded_at=datetime.fromisoformat(trail["recordedAt"]),
            recorded_by=RecordedBy(id=trail["recordedById"], role=trail["recordedByRole"]),
            reason=trail["reason"], sk_number=trail["skNumber"], changes=trail.get("changes"),
        )


@strawberry.type(description="One row of a servant's riwayat, after corrections.")
class HistoryEntry:
    section: str
    sequence: int
    tmt: date
    until_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="End of the period (exclusive), or of the penalty's active period."
    )
    title: str
    details: JSON
    provenance: Provenance
    corrected: bool
    retracted: bool
    corrections: list[Amendment]
    retraction: Optional[Amendment]  # noqa: UP045
    original_values: Optional[JSON] = strawberry.field(  # noqa: UP045
        description="The event as first recorded, when it was corrected since."
    )

    @classmethod
    def from_entry(cls, e: queries.CareerEntry) -> HistoryEntry:
        return cls(
            section=e.section, sequence=e.seq, tmt=date.fromisoformat(e.tmt),
            until_tmt=_day(e.until_tmt), title=e.title, details=e.details,
            provenance=Provenance(
                event_ids=e.event_ids, positions=e.positions, sk_number=e.sk_number,
                sk_date=date.fromisoformat(e.sk_date), sk_official=e.sk_official,
                recorded_by=RecordedBy(id=e.recorded_by_id, role=e.recorded_by_role),
                recorded_at=datetime.fromisoformat(e.recorded_at),
            ),
            corrected=e.corrected, retracted=e.retracted,
            corrections=[Amendment.from_trail(c) for c in e.corrections],
            retraction=Amendment.from_trail(e.retraction) if e.retraction else None,
            original_values=e.original,
        )


@strawberry.type(description="A servant's career history from the career_history view.")
class CareerHistory:
    nip: str
    name: str
    status: str
    status_tmt: Optional[date]  # noqa: UP045
    cpns_tmt: date
    pns_tmt: Optional[date]  # noqa: UP045
    rank: RankEnum
    rank_tmt: date
    position_name: Optional[str]  # noqa: UP045
    unit_id: str
    unit_name: str
    institution_id: str
    institution_name: str
    last_version: int
    last_position: int
    rank_periods: list[HistoryEntry]
    positions: list[HistoryEntry]
    units: list[HistoryEntry]
    appraisals: list[HistoryEntry]
    trainings: list[HistoryEntry]
    education: list[HistoryEntry]
    discipline: list[HistoryEntry]
    status_history: list[HistoryEntry]

    @classmethod
    def from_record(cls, record: queries.CareerHistory) -> CareerHistory:
        s = record.summary
        rows = {name: [HistoryEntry.from_entry(e) for e in record.section(name)]
                for name in queries.CAREER_SECTIONS}
        return cls(
            nip=s["nip"], name=s["name"], status=s["status"], status_tmt=_day(s["status_tmt"]),
            cpns_tmt=date.fromisoformat(s["cpns_tmt"]), pns_tmt=_day(s["pns_tmt"]),
            rank=RankEnum[s["rank"]], rank_tmt=date.fromisoformat(s["rank_tmt"]),
            position_name=s["position_name"], unit_id=s["unit_id"], unit_name=s["unit_name"],
            institution_id=s["institution_id"], institution_name=s["institution_name"],
            last_version=s["last_version"], last_position=s["last_position"],
            rank_periods=rows["RANK"], positions=rows["POSITION"], units=rows["UNIT"],
            appraisals=rows["SKP"], trainings=rows["TRAINING"], education=rows["EDUCATION"],
            discipline=rows["DISCIPLINE"], status_history=rows["STATUS"],
        )


@strawberry.type
class RuleCheck:
    rule_id: str
    passed: bool
    explanation: str
    evidence_event_ids: list[str]
    source: str


@strawberry.type
class MeritInput:
    name: str
    value: str


@strawberry.type
class MeritComponent:
    code: str
    name: str
    weight: float
    effective_weight: float
    score: Optional[float] = strawberry.field(description="Null when not assessed.")  # noqa: UP045
    inputs: list[MeritInput]
    evidence_event_ids: list[str]
    note: str


@strawberry.type(description="Merit score (domain.md §8): total = Σ effectiveWeight × score / 100.")
class MeritBreakdown:
    total: float
    version: str
    as_of: date
    components: list[MeritComponent]


@strawberry.type(description="KP reguler eligibility at the next period date and merit, as of a date.")
class PromotionAssessment:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    as_of: date
    candidate_tmt: date
    current_rank: RankEnum
    next_rank: Optional[RankEnum]  # noqa: UP045
    eligible: bool
    rule_set_version: str
    period_regime: str
    rules: list[RuleCheck]
    failed_rules: list[str]
    earliest_eligible_date: Optional[date]  # noqa: UP045
    merit: MeritBreakdown
    order_explanation: str

    @classmethod
    def from_candidate(cls, c: Candidate, earliest: date | None) -> PromotionAssessment:
        e, m = c.eligibility, c.merit
        return cls(
            nip=c.nip, name=c.name, unit_id=c.unit_id, unit_name=c.unit_name, as_of=c.as_of,
            candidate_tmt=e.candidate_tmt, current_rank=e.current_rank, next_rank=e.next_rank,
            eligible=e.eligible, rule_set_version=e.rule_set_version,
            period_regime=e.period_regime_id,
            rules=[RuleCheck(rule_id=o.rule_id, passed=o.passed, explanation=o.explanation,
                             evidence_event_ids=list(o.evidence), source=o.source)
                   for o in e.outcomes],
            failed_rules=list(e.failed_rule_ids), earliest_eligible_date=earliest,
            merit=MeritBreakdown(total=m.total, version=m.version, as_of=m.as_of, components=[
                MeritComponent(code=x.code, name=x.name, weight=x.weight,
                               effective_weight=x.effective_weight, score=x.score,
                               inputs=[MeritInput(name=k, value=v) for k, v in x.inputs.items()],
                               evidence_event_ids=list(x.evidence), note=x.note)
                for x in m.components]),
            order_explanation=(
                f"merit {m.total:.2f} (higher first), then rank TMT {c.facts.rank_tmt}, then "
                f"position TMT {c.facts.position.tmt if c.facts.position else 'none'}, then a "
                "hash of the NIP (never age)"
            ),
        )


@strawberry.enum
class CandidateOrder(Enum):
    MERIT = "MERIT"
    NIP = "NIP"


@strawberry.input
class CandidateFilter:
    unit: Optional[str] = None  # noqa: UP045
    rank: Optional[RankEnum] = None  # noqa: UP045
    eligible_only: bool = False
    as_of: Optional[date] = None  # noqa: UP045


@strawberry.type
class TrainingKindHours:
    kind: str
    classical: bool
    hours: int
    event_ids: list[str]


@strawberry.type
class DevelopmentNeed:
    year: int
    predikat: str
    event_id: str
    raised_on: date
    trainings_since: list[str]
    status: str


@strawberry.type(description="JP of one servant in one year (target 20 JP, PP 11/2017 Art. 203).")
class TrainingLedger:
    nip: str
    name: str
    unit_id: str
    unit_name: str
    year: int
    total_hours: int
    classical_hours: int
    non_classical_hours: int
    by_kind: list[TrainingKindHours]
    flags: list[str]
    development_needs: list[DevelopmentNeed]

    @classmethod
    def from_record(cls, r: queries.LedgerYear) -> TrainingLedger:
        classical = sum(k.hours for k in r.by_kind if k.classical)
        return cls(
            nip=r.nip, name=r.name, unit_id=r.unit_id, unit_name=r.unit_name, year=r.year,
            total_hours=r.total_hours, classical_hours=classical,
            non_classical_hours=r.total_hours - classical,
            by_kind=[TrainingKindHours(kind=k.kind, classical=k.classical, hours=k.hours,
                                       event_ids=k.event_ids) for k in r.by_kind],
            flags=r.flags,
            development_needs=[DevelopmentNeed(year=n.year, predikat=n.predikat,
                                               event_id=n.event_id,
                                               raised_on=date.fromisoformat(n.raised_on),
                                               trainings_since=n.trainings_since, status=n.status)
                               for n in r.needs],
        )


@strawberry.type(description="One generation of a view: ACTIVE (serving), BUILDING or FAILED.")
class ProjectionStatus:
    name: str
    generation: int
    status: str
    active: bool
    position: int
    log_head: int
    lag_events: int
    lag_seconds: float
    error: Optional[str]  # noqa: UP045
    error_position: Optional[int]  # noqa: UP045
    updated_at: datetime

    @classmethod
    def from_status(cls, s: ViewStatus) -> ProjectionStatus:
        return cls(
            name=s.name, generation=s.generation, status=s.status, active=s.active,
            position=s.position, log_head=s.head, lag_events=s.lag_events,
            lag_seconds=s.lag_seconds, error=s.error, error_position=s.error_position,
            updated_at=datetime.fromisoformat(s.updated_at),
        )


# --- resolvers -------------------------------------------------------------------------------

CAREER, PROMOTION, LEDGER = ["career_history"], ["promotion"], ["training_ledger"]


def _services(info: Info[Any, Any]) -> Any:
    return info.context["services"]


async def _read(info: Info[Any, Any], names: list[str], min_position: int | None,
                read: Callable[[ReadModels], T]) -> T:
    """Wait (bounded) for ``min_position``, then run ``read`` off the event loop."""
    require_role(info, READERS, "read career views")
    services = _services(info)
    models: ReadModels = services.read_models
    if models is None:
        raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
    timeout = services.settings.read_your_writes_timeout

    def work() -> T:
        models.wait_for(min_position, names, timeout)
        return read(models)

    return await asyncio.to_thread(work)


def _today(info: Info[Any, Any], as_of: date | None = None) -> date:
    """``as_of`` if given (within the dates the rules cover), else today."""
    if as_of is not None:
        check_date_range(as_of, "asOf")
        return as_of
    today: date = _services(info).clock().date()
    return today


def _in_scope(info: Info[Any, Any], *unit_codes: str) -> None:
    """HR reads only the servants and units its token covers."""
    principal: Principal = require_role(info, READERS, "read career views")
    require_scope(principal, *unit_codes)


def _servant_scope(models: ReadModels, nip: str) -> tuple[str, ...]:
    history = models.career_history(nip)
    if history is None:
        return ()
    return history.summary["institution_id"], history.summary["unit_id"]


def _servant_scope_sync(info: Info[Any, Any], nip: str) -> tuple[str, ...]:
    return _servant_scope(_services(info).read_models, nip)


def _page_size(info: Info[Any, Any], first: int | None) -> int:
    limit: int = _services(info).settings.max_page_size
    if first is None:
        return limit
    if not 1 <= first <= limit:
        raise DomainError("INVALID_PAGE_SIZE", f"first must be between 1 and {limit}.", "first")
    return first


def _connection(nodes: list[Any], cursors: list[str], start: int, total: int,
                first: int) -> Connection[Any]:
    edges = [Edge(cursor=cursor, node=node) for cursor, node in zip(cursors, nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + first < total, has_previous_page=start > 0,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
        total_count=total,
    )


@strawberry.type
class ReadQuery:
    @strawberry.field(description="A servant's riwayat from the career_history view; with knownAt "
                      "and/or validAt, as the log showed it at knownAt, describing validAt.")
    async def career_history(
        self, info: Info[Any, Any], nip: str, min_position: Optional[int] = None,  # noqa: UP045
        known_at: Optional[datetime] = None, valid_at: Optional[date] = None,  # noqa: UP045
    ) -> CareerHistory:
        validate_nip(nip)
        record: queries.CareerHistory | None
        if known_at is not None or valid_at is not None:
            require_role(info, READERS, "read career views")
            app = _services(info).app
            record = await asyncio.to_thread(career_history_as_of, app, nip, known_at, valid_at)
        else:
            record = await _read(info, CAREER, min_position, lambda m: m.career_history(nip))
        if record is None:
            raise ServantNotFoundError(nip)
        history = CareerHistory.from_record(record)
        _in_scope(info, history.institution_id, history.unit_id)
        return history

    @strawberry.field(description="KP reguler rules at the next period date on or after asOf "
                      "(default today), the earliest eligible date and the merit score.")
    async def promotion_eligibility(
        self, info: Info[Any, Any], nip: str, as_of: Optional[date] = None,  # noqa: UP045
        min_position: Optional[int] = None, known_at: Optional[datetime] = None,  # noqa: UP045
    ) -> PromotionAssessment:
        validate_nip(nip)
        day = _today(info, as_of)
        if known_at is not None:
            require_role(info, READERS, "read career views")
            app = _services(info).app
            candidate, scope = await asyncio.to_thread(promotion_as_of, app, nip, day, known_at)
            _in_scope(info, *scope)
            return PromotionAssessment.from_candidate(candidate, candidate.earliest_eligible())

        def read(models: ReadModels) -> tuple[PromotionAssessment, tuple[str, ...]] | None:
            candidate = models.promotion(nip, day)
            if candidate is None:
                return None
            history = models.career_history(nip)
            scope = (history.summary["institution_id"],) if history is not None else ()
            assessment = PromotionAssessment.from_candidate(candidate, candidate.earliest_eligible())
            return assessment, (*scope, candidate.unit_id)

        found = await _read(info, [*PROMOTION, *CAREER], min_position, read)
        if found is None:
            raise ServantNotFoundError(nip)
        _in_scope(info, *found[1])
        return found[0]

    @strawberry.field(description="Servants ranked by merit (domain.md §8): higher score first, "
                      "then earlier rank TMT, then earlier position TMT.")
    async def promotion_candidates(
        self, info: Info[Any, Any], filter: Optional[CandidateFilter] = None,  # noqa: UP045
        order_by: CandidateOrder = CandidateOrder.MERIT, first: Optional[int] = None,  # noqa: UP045
        after: Optional[str] = None, min_position: Optional[int] = None,  # noqa: UP045
    ) -> Connection[PromotionAssessment]:
        chosen = filter or CandidateFilter()
        principal: Principal = require_role(info, READERS, "read career views")
        size = _page_size(info, first)
        day = _today(info, chosen.as_of)
        rank_name = chosen.rank.name if chosen.rank is not None else None

        def read(models: ReadModels) -> Connection[PromotionAssessment]:
            ranked = models.promotion_candidates(
                day, unit_id=chosen.unit, rank_name=rank_name,
                eligible_only=chosen.eligible_only, order=order_by.value,
            )
            if principal.role == "hr" and not principal.covers("*"):
                institutions = models.institutions()
                ranked = [c for c in ranked if principal.covers(c.unit_id, institutions.get(c.nip, ""))]
            start = start_after(ranked, after)
            shown = ranked[start : start + size]
            nodes = [PromotionAssessment.from_candidate(c, c.earliest_eligible()) for c in shown]
            cursors = [encode_key_cursor(c.sort_key) for c in shown]
            return _connection(nodes, cursors, start, len(ranked), size)

        return await _read(info, PROMOTION, min_position, read)

    @strawberry.field(description="JP by training kind for one servant and year.")
    async def training_ledger(
        self, info: Info[Any, Any], nip: str, year: int,
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> TrainingLedger:
        validate_nip(nip)
        found = await _read(
            info, [*LEDGER, *CAREER], min_position,
            lambda m: (m.training_ledger(nip, year), _servant_scope(m, nip)),
        )
        if found[0] is None:
            raise ServantNotFoundError(nip)
        _in_scope(info, *found[1])
        return TrainingLedger.from_record(found[0])

    @strawberry.field(description="The training ledgers of a unit's servants for one year, by NIP.")
    async def unit_training_ledgers(
        self, info: Info[Any, Any], unit: str, year: int,
        first: Optional[int] = None, after: Optional[str] = None,  # noqa: UP045
        min_position: Optional[int] = None,  # noqa: UP045
    ) -> Connection[TrainingLedger]:
        principal: Principal = require_role(info, READERS, "read career views")
        size = _page_size(info, first)
        start = decode_cursor(after)
        records, total = await _read(
            info, LEDGER, min_position, lambda m: m.training_ledgers(unit, year, size, start)
        )
        if records and not principal.covers(unit):
            # An agency-scoped HR token covers the units of its own agency only.
            _in_scope(info, *await asyncio.to_thread(_servant_scope_sync, info, records[0].nip))
        nodes = [TrainingLedger.from_record(r) for r in records]
        cursors = [encode_cursor(start + i) for i in range(len(nodes))]
        return _connection(nodes, cursors, start, total, size)

    @strawberry.field(description="Each view's generations: position, log head, lag, status, error.")
    async def projections(self, info: Info[Any, Any]) -> list[ProjectionStatus]:
        require_role(info, READERS, "read projection status")
        models: ReadModels | None = _services(info).read_models
        if models is None:
            return []
        now = datetime.now(UTC)
        statuses = await asyncio.to_thread(models.status, None, now)
        return [ProjectionStatus.from_status(s) for s in statuses]
