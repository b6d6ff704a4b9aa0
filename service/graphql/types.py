"""GraphQL output types for the write side and the event log."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any, Generic, Optional, TypeVar

import strawberry

from domain.errors import Warning as DomainWarning
from domain.functional.record import retirement_of
from domain.servant import CivilServant as CS
from domain.state import ServantState
from domain.values import (
    EducationLevel,
    Gender,
    PositionKind,
    PositionLevel,
    Rank,
    ServantStatus,
    Source,
)
from service.application import Recorded
from service.graphql.career_types import Retirement
from service.graphql.event_types import EventPayload, payload_of
from service.graphql.permissions import PersonalData
from service.graphql.relay import NODE_KEYS
from service.graphql.relay import Node as NodeInterface

Node = TypeVar("Node")


@strawberry.type(description="A rule marked 'warn': the event was recorded, but look at this.")
class RuleWarning:
    code: str
    message: str

    @classmethod
    def from_domain(cls, warning: DomainWarning) -> RuleWarning:
        return cls(code=warning.code, message=warning.message)


@strawberry.type(description="The acknowledgement of a recorded event.")
class RecordedEvent:
    event_id: str
    nip: str
    type: str
    version: int
    position: int = strawberry.field(description="Log position; pass it as minPosition to read your write.")
    recorded_at: datetime
    warnings: list[RuleWarning]
    replayed: bool = strawberry.field(description="True when an idempotency key returned an earlier result.")

    @classmethod
    def from_recorded(cls, r: Recorded) -> RecordedEvent:
        return cls(
            event_id=r.event_id, nip=r.nip, type=r.event_type, version=r.version,
            position=r.position, recorded_at=r.recorded_at,
            warnings=[RuleWarning.from_domain(w) for w in r.warnings], replayed=r.replayed,
        )


@strawberry.type
class RecordedBy:
    id: str
    role: str


@strawberry.type
class LegalBasis:
    sk_number: str
    sk_date: date
    sk_official: str
    document_hash: Optional[str]  # noqa: UP045


@strawberry.type(description="One event of the log with its full envelope.")
class CareerEvent(NodeInterface):
    event_id: str
    nip: str
    type: str
    version: int
    position: Optional[int]  # noqa: UP045
    tmt: date
    recorded_at: datetime
    recorded_by: RecordedBy
    source: Source
    legal_basis: LegalBasis
    payload: EventPayload

    @classmethod
    def from_event(cls, event: CS.Event, nip: str, position: int | None) -> CareerEvent:
        return cls(
            event_id=f"{nip}:{event.originator_version}", nip=nip, type=type(event).__name__,
            version=event.originator_version, position=position, tmt=event.tmt,
            recorded_at=event.timestamp,
            recorded_by=RecordedBy(id=event.actor_id, role=event.actor_role),
            source=event.source,
            legal_basis=LegalBasis(
                sk_number=event.sk_number, sk_date=event.sk_date, sk_official=event.sk_official,
                document_hash=event.document_hash,
            ),
            payload=payload_of(event, nip),
        )


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: Optional[str]  # noqa: UP045
    end_cursor: Optional[str]  # noqa: UP045


@strawberry.type
class Edge(Generic[Node]):
    cursor: str
    node: Node


@strawberry.type
class Connection(Generic[Node]):
    edges: list[Edge[Node]]
    page_info: PageInfo
    total_count: int


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    from domain.errors import DomainError

    if cursor is None:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        # Only what encode_cursor writes: int() would also take "-5", " 5", "+5" or "5_0".
        if kind != "o" or not value.isascii() or not value.isdigit() or len(value) > 9:
            raise ValueError(cursor)
        return int(value) + 1
    except (ValueError, UnicodeDecodeError):
        raise DomainError("INVALID_CURSOR", f"Cursor {cursor!r} is not valid.", "after") from None


def page(items: list[Any], first: int, after: str | None) -> Connection[Any]:
    start = decode_cursor(after)
    chosen = items[start : start + first]
    edges = [Edge(cursor=encode_cursor(start + i), node=node) for i, node in enumerate(chosen)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + first < len(items), has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=len(items),
    )


@strawberry.type(description="A servant's state derived from the log.")
class Servant(NodeInterface):
    nip: str
    name: str
    status: ServantStatus
    status_since: Optional[date]  # noqa: UP045
    cpns_tmt: date
    pns_tmt: Optional[date]  # noqa: UP045
    rank: Rank
    golongan: str
    pangkat: str
    rank_tmt: date
    position_name: Optional[str]  # noqa: UP045
    position_level: Optional[PositionLevel]  # noqa: UP045
    position_tmt: Optional[date]  # noqa: UP045
    unit_id: str
    unit_name: str
    institution_id: str
    institution_name: str
    highest_education: EducationLevel
    version: int
    position_kind: Optional[PositionKind] = strawberry.field(  # noqa: UP045
        default=None, description="The kind of position held (jenis jabatan).")
    # Nullable, so a refused personal field nulls itself, not the whole servant.
    birth_date: Optional[date] = strawberry.field(permission_classes=[PersonalData])  # noqa: UP045
    gender: Optional[Gender] = strawberry.field(permission_classes=[PersonalData])  # noqa: UP045
    # A career fact for planning, as visible as the NIP (which encodes the birth date).
    retirement: Optional[Retirement] = strawberry.field(  # noqa: UP045
        default=None,
        description="The BUP of the position held and the retirement TMT (domain.md §7.5); "
        "null when no rule covers the position.")

    @classmethod
    def from_state(cls, state: ServantState, version: int) -> Servant:
        position = state.position
        return cls(
            nip=state.nip, name=state.name, status=state.status, status_since=state.status_tmt,
            cpns_tmt=state.cpns_tmt, pns_tmt=state.pns_tmt, rank=state.rank,
            golongan=state.rank.golongan, pangkat=state.rank.pangkat, rank_tmt=state.rank_tmt,
            position_name=position.name if position else None,
            position_level=position.level if position else None,
            position_tmt=position.tmt if position else None,
            position_kind=position.kind if position else None,
            unit_id=state.unit_id, unit_name=state.unit_name,
            institution_id=state.institution_id, institution_name=state.institution_name,
            highest_education=state.highest_education, version=version,
            birth_date=state.birth_date, gender=state.gender,
            retirement=_retirement(state),
        )


def _retirement(state: ServantState) -> Retirement | None:
    position = state.position
    found = retirement_of(state, position.tmt if position is not None else state.cpns_tmt)
    return Retirement.from_domain(found) if found is not None else None


NODE_KEYS[Servant] = lambda s: s.nip
NODE_KEYS[CareerEvent] = lambda e: e.event_id
