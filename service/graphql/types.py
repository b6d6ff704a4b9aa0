"""GraphQL output types for the write side and the event log."""

from __future__ import annotations

import base64
from collections.abc import Sequence
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
from service.graphql.derived_types import output_type
from service.graphql.event_types import EventPayload, EventType, payload_of
from service.graphql.permissions import PersonalData
from service.graphql.relay import NODE_KEYS
from service.graphql.relay import Node as NodeInterface

Node = TypeVar("Node")


RuleWarning: Any = output_type("RuleWarning", DomainWarning)

RecordedEvent: Any = output_type(
    "RecordedEvent", Recorded, converter="from_recorded", renamed={"type": "event_type"},
    given={"type": EventType}, computed={"type": lambda r: EventType[r.event_type]})


@strawberry.type(description="Who recorded an event, as their token named them.")
class RecordedBy:
    id: str = strawberry.field(description="The token's subject.")
    role: str = strawberry.field(description="The token's role: hr, auditor or viewer.")


@strawberry.type(description="The SK (surat keputusan, a decree) an event rests on.")
class LegalBasis:
    sk_number: str = strawberry.field(description="The SK's number.")
    sk_date: date = strawberry.field(description="The SK's date.")
    sk_official: str = strawberry.field(description="The official who signed the SK.")
    document_hash: Optional[str] = strawberry.field(  # noqa: UP045
        description="A hash of the scanned SK document, if one was stored.")


@strawberry.type(description="One event of the log with its full envelope.")
class CareerEvent(NodeInterface):
    event_id: str = strawberry.field(description="The event's id, <nip>:<version>.")
    nip: str = strawberry.field(description="The servant's NIP.")
    type: EventType = strawberry.field(description="The kind of event.")
    version: int = strawberry.field(description="The event's version in the servant's stream.")
    position: Optional[int] = strawberry.field(  # noqa: UP045
        description="The event's position in the whole log, when known.")
    tmt: date = strawberry.field(description="The effective date (TMT) of the act.")
    recorded_at: datetime = strawberry.field(description="When the event was recorded.")
    recorded_by: RecordedBy = strawberry.field(description="Who recorded the event.")
    source: Source = strawberry.field(description="Where the record comes from.")
    legal_basis: LegalBasis = strawberry.field(description="The SK the act rests on.")
    payload: EventPayload = strawberry.field(
        description="The facts of the event, one type per kind of event.")

    @classmethod
    def from_event(cls, event: CS.Event, nip: str, position: int | None,
                   stream: Sequence[CS.Event] = ()) -> CareerEvent:
        return cls(
            event_id=f"{nip}:{event.originator_version}", nip=nip,
            type=EventType[type(event).__name__],
            version=event.originator_version, position=position, tmt=event.tmt,
            recorded_at=event.timestamp,
            recorded_by=RecordedBy(id=event.actor_id, role=event.actor_role),
            source=event.source,
            legal_basis=LegalBasis(
                sk_number=event.sk_number, sk_date=event.sk_date, sk_official=event.sk_official,
                document_hash=event.document_hash,
            ),
            payload=payload_of(event, nip, stream),
        )


@strawberry.type(description="Where a page lies in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when items follow this page.")
    has_previous_page: bool = strawberry.field(description="True when items precede this page.")
    start_cursor: Optional[str] = strawberry.field(  # noqa: UP045
        description="The cursor of the page's first item; null on an empty page.")
    end_cursor: Optional[str] = strawberry.field(  # noqa: UP045
        description="The cursor of the page's last item; pass it as after for the next page.")


@strawberry.type(description="One item of a page, with the cursor that points at it.")
class Edge(Generic[Node]):
    cursor: str = strawberry.field(description="An opaque position; pass it as after.")
    node: Node = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, in the Relay connection shape.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Whether more pages exist.")
    total_count: int = strawberry.field(description="How many items the whole list holds.")


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
    nip: str = strawberry.field(description="The NIP, 18 digits.")
    name: str = strawberry.field(description="The name as on the latest SK.")
    status: ServantStatus = strawberry.field(description="CPNS, PNS, retired or terminated.")
    status_since: Optional[date] = strawberry.field(  # noqa: UP045
        description="The TMT of the event that set the status.")
    cpns_tmt: date = strawberry.field(description="TMT of the CPNS appointment.")
    pns_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="TMT of the PNS appointment; null while still a CPNS.")
    rank: Rank = strawberry.field(description="The rank held.")
    golongan: str = strawberry.field(description="The rank as written, e.g. III/a.")
    pangkat: str = strawberry.field(description="The rank's title, e.g. Penata Muda.")
    rank_tmt: date = strawberry.field(description="TMT of the rank held.")
    position_name: Optional[str] = strawberry.field(  # noqa: UP045
        description="The position held; null before any assignment.")
    position_level: Optional[PositionLevel] = strawberry.field(  # noqa: UP045
        description="The level of the position held.")
    position_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="TMT of the position held.")
    unit_id: str = strawberry.field(description="Identifier of the work unit.")
    unit_name: str = strawberry.field(description="Name of the work unit.")
    institution_id: str = strawberry.field(description="Identifier of the agency.")
    institution_name: str = strawberry.field(description="Name of the agency.")
    highest_education: EducationLevel = strawberry.field(
        description="The highest diploma level recorded.")
    version: int = strawberry.field(
        description="The stream's version; pass it as expectedVersion to guard a write.")
    position_kind: Optional[PositionKind] = strawberry.field(  # noqa: UP045
        default=None, description="The kind of position held (jenis jabatan).")
    # Nullable, so a refused personal field nulls itself, not the whole servant.
    birth_date: Optional[date] = strawberry.field(  # noqa: UP045
        permission_classes=[PersonalData], description="Date of birth; not shown to viewers.")
    gender: Optional[Gender] = strawberry.field(  # noqa: UP045
        permission_classes=[PersonalData], description="Gender; not shown to viewers.")
    # A career fact for planning, as visible as the NIP (which encodes the birth date).
    retirement: Optional[Retirement] = strawberry.field(  # noqa: UP045
        default=None,
        description="The retirement age (BUP) of the position held and the retirement TMT; "
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
