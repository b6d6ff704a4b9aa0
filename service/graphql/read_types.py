"""GraphQL types of the read side: career history rows with provenance, promotion
assessments with rule checks and merit, training ledgers and projection status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from projections.read_models import ViewStatus
from projections.views.career_history import queries as career_queries
from projections.views.training_ledger import queries as ledger_queries
from service.graphql.event_types import ENUMS
from service.graphql.relay import NODE_KEYS, Node
from service.graphql.types import CareerEvent, RecordedBy
from service.redaction import visible_to

RankEnum: Any = ENUMS["Rank"]


def _visible(info: Info[Any, Any], payload: Any) -> Any:
    """Payloads become GraphQL values here, through the one redaction policy."""
    return visible_to(info.context["principal"]().role, payload)


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
    raw_changes: strawberry.Private[Any]

    @strawberry.field
    def changes(self, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
        changes: JSON | None = _visible(info, self.raw_changes)
        return changes

    @classmethod
    def from_trail(cls, trail: dict[str, Any]) -> Amendment:
        return cls(
            event_id=trail["eventId"], position=trail["position"],
            recorded_at=datetime.fromisoformat(trail["recordedAt"]),
            recorded_by=RecordedBy(id=trail["recordedById"], role=trail["recordedByRole"]),
            reason=trail["reason"], sk_number=trail["skNumber"], raw_changes=trail.get("changes"),
        )


@strawberry.type(description="One row of a servant's riwayat, after corrections.")
class HistoryEntry(Node):
    section: str
    sequence: int
    tmt: date
    until_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="End of the period (exclusive), or of the penalty's active period."
    )
    title: str
    raw_details: strawberry.Private[Any]
    provenance: Provenance
    corrected: bool
    retracted: bool
    corrections: list[Amendment]
    retraction: Optional[Amendment]  # noqa: UP045
    raw_original: strawberry.Private[Any]
    nip: strawberry.Private[str] = ""

    @strawberry.field(description="The event this row was first recorded by (null when the "
                      "token may not read the raw log).")
    async def event(self, info: Info[Any, Any]) -> Optional[CareerEvent]:  # noqa: UP045
        from service.graphql.loaders import Loaders  # loaders build on these types

        found: CareerEvent | None = await Loaders.of(info).event.load(self.provenance.event_ids[0])
        return found

    @strawberry.field
    def details(self, info: Info[Any, Any]) -> JSON:
        details: JSON = _visible(info, self.raw_details)
        return details

    @strawberry.field(description="The event as first recorded, when it was corrected since.")
    def original_values(self, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
        original: JSON | None = _visible(info, self.raw_original)
        return original

    @classmethod
    def from_entry(cls, e: career_queries.CareerEntry, nip: str = "") -> HistoryEntry:
        return cls(nip=nip,
            section=e.section, sequence=e.seq, tmt=date.fromisoformat(e.tmt),
            until_tmt=_day(e.until_tmt), title=e.title, raw_details=e.details,
            provenance=Provenance(
                event_ids=e.event_ids, positions=e.positions, sk_number=e.sk_number,
                sk_date=date.fromisoformat(e.sk_date), sk_official=e.sk_official,
                recorded_by=RecordedBy(id=e.recorded_by_id, role=e.recorded_by_role),
                recorded_at=datetime.fromisoformat(e.recorded_at),
            ),
            corrected=e.corrected, retracted=e.retracted,
            corrections=[Amendment.from_trail(c) for c in e.corrections],
            retraction=Amendment.from_trail(e.retraction) if e.retraction else None,
            raw_original=e.original,
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
    competency_assessments: list[HistoryEntry] = strawberry.field(
        description="Competency assessments (CompetencyAssessed), each with its evidence.")

    @classmethod
    def from_record(cls, record: career_queries.CareerHistory) -> CareerHistory:
        s = record.summary
        rows = {name: [HistoryEntry.from_entry(e, s["nip"]) for e in record.section(name)]
                for name in career_queries.CAREER_SECTIONS}
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
            competency_assessments=rows["COMPETENCY"],
        )


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
class TrainingLedger(Node):
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
    def from_record(cls, r: ledger_queries.LedgerYear) -> TrainingLedger:
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


NODE_KEYS[HistoryEntry] = lambda e: f"{e.nip}:{e.section}:{e.sequence}"
NODE_KEYS[TrainingLedger] = lambda t: f"{t.nip}:{t.year}"
