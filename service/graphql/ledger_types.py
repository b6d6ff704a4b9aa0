"""GraphQL types of training ledgers (JP per servant and year) and of the views' status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import strawberry

from projections.read_models import ViewStatus
from projections.views.training_ledger import queries as ledger_queries
from service.graphql.relay import NODE_KEYS, Node


@strawberry.type(description="JP of one training kind within a servant's year.")
class TrainingKindHours:
    kind: str = strawberry.field(description="The training kind.")
    classical: bool = strawberry.field(description="True for classical (classroom) training.")
    hours: int = strawberry.field(description="JP of this kind in the year.")
    event_ids: list[str] = strawberry.field(description="The training events counted.")


@strawberry.type(
    description="A need for development raised by a poor appraisal, and whether training "
    "since has met it.")
class DevelopmentNeed:
    year: int = strawberry.field(description="The appraisal year that raised the need.")
    predikat: str = strawberry.field(description="The appraisal's predikat.")
    event_id: str = strawberry.field(description="The appraisal event.")
    raised_on: date = strawberry.field(description="When the need was raised.")
    trainings_since: list[str] = strawberry.field(
        description="Training events recorded since the need was raised.")
    status: str = strawberry.field(description="OPEN, or MET once training since covers it.")


@strawberry.type(description="JP of one servant in one year (target 20 JP, PP 11/2017 Art. 203).")
class TrainingLedger(Node):
    nip: str = strawberry.field(description="The servant's NIP.")
    name: str = strawberry.field(description="The servant's name.")
    unit_id: str = strawberry.field(description="The work unit's id.")
    unit_name: str = strawberry.field(description="The work unit's name.")
    year: int = strawberry.field(description="The calendar year.")
    total_hours: int = strawberry.field(description="All JP in the year.")
    classical_hours: int = strawberry.field(description="JP of classical training.")
    non_classical_hours: int = strawberry.field(description="JP of non-classical training.")
    by_kind: list[TrainingKindHours] = strawberry.field(description="JP by training kind.")
    flags: list[str] = strawberry.field(description="Warnings, such as fewer than 20 JP.")
    development_needs: list[DevelopmentNeed] = strawberry.field(
        description="Development needs of the year and whether they were met.")

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
    name: str = strawberry.field(description="The view's name.")
    generation: int = strawberry.field(
        description="The generation's number (a rebuild makes a new one).")
    status: str = strawberry.field(description="ACTIVE, BUILDING or FAILED.")
    active: bool = strawberry.field(description="True for the generation that answers reads.")
    position: int = strawberry.field(description="The last log position the generation applied.")
    log_head: int = strawberry.field(description="The log's last position.")
    lag_events: int = strawberry.field(description="Events the generation has yet to apply.")
    lag_seconds: float = strawberry.field(description="How old the oldest unapplied event is.")
    error: Optional[str] = strawberry.field(  # noqa: UP045
        description="Why the generation stopped, if it did.")
    error_position: Optional[int] = strawberry.field(  # noqa: UP045
        description="The position it stopped at.")
    updated_at: datetime = strawberry.field(description="When the generation last moved.")

    @classmethod
    def from_status(cls, s: ViewStatus) -> ProjectionStatus:
        return cls(
            name=s.name, generation=s.generation, status=s.status, active=s.active,
            position=s.position, log_head=s.head, lag_events=s.lag_events,
            lag_seconds=s.lag_seconds, error=s.error, error_position=s.error_position,
            updated_at=datetime.fromisoformat(s.updated_at),
        )


NODE_KEYS[TrainingLedger] = lambda t: f"{t.nip}:{t.year}"
