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
    Gender,
    PositionKind,
    PositionLevel,
    Source,
)
from service.application import Recorded
from service.graphql.career_types import Retirement
from service.graphql.derived_types import OPTIONAL_TEXT, output_type
from service.graphql.event_types import EventPayload, EventType, payload_of
from service.graphql.permissions import PersonalData
from service.graphql.relay import NODE_KEYS
from service.graphql.relay import Node as NodeInterface

Node = TypeVar("Node")


RuleWarning: Any = output_type("RuleWarning", DomainWarning)

RecordedEvent: Any = output_type(
    "RecordedEvent", Recorded, converter="from_recorded", renamed={"type": "event_type"},
    given={"type": EventType}, computed={"type": lambda r: EventType[r.event_type]})


RecordedBy: Any = output_type("RecordedBy", given={"id": str, "role": str})

LegalBasis: Any = output_type("LegalBasis", given={
    "sk_number": str, "sk_date": date, "sk_official": str, "document_hash": OPTIONAL_TEXT})


class _OfEvent:
    @classmethod
    def from_event(cls, event: CS.Event, nip: str, position: int | None,
                   stream: Sequence[CS.Event] = ()) -> Any:
        """An event of ``nip``'s stream (``stream``: the events it may refer to)."""
        return CareerEvent.from_domain(
            event, event_id=f"{nip}:{event.originator_version}", nip=nip,
            type=EventType[type(event).__name__], version=event.originator_version,
            position=position, recorded_at=event.timestamp,
            recorded_by=RecordedBy(id=event.actor_id, role=event.actor_role),
            legal_basis=LegalBasis.from_domain(event), payload=payload_of(event, nip, stream))


CareerEvent: Any = output_type("CareerEvent", bases=(NodeInterface, _OfEvent), given={
    "event_id": str, "nip": str, "type": EventType, "version": int,
    "position": Optional[int], "tmt": date, "recorded_at": datetime,  # noqa: UP045
    "recorded_by": RecordedBy, "source": Source, "legal_basis": LegalBasis,
    "payload": EventPayload})

PageInfo: Any = output_type("PageInfo", given={
    "has_next_page": bool, "has_previous_page": bool, "start_cursor": OPTIONAL_TEXT,
    "end_cursor": OPTIONAL_TEXT})


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


def _held(attribute: str) -> Any:
    """Reads ``attribute`` of the position held, None before any assignment."""
    return lambda s: getattr(s.position, attribute) if s.position is not None else None


# Nullable, so a refused personal field nulls itself, not the whole servant.
_PERSONAL = {"permission_classes": [PersonalData]}


class _OfState:
    @classmethod
    def from_state(cls, state: ServantState, version: int) -> Any:
        """The servant as folded from the log, ``version`` its stream's latest."""
        return Servant.from_domain(state, version=version)


Servant: Any = output_type(
    "Servant", ServantState, bases=(NodeInterface, _OfState),
    renamed={"status_since": "status_tmt"},
    given={"golongan": str, "pangkat": str, "position_name": OPTIONAL_TEXT,
           "position_level": Optional[PositionLevel], "position_tmt": Optional[date],  # noqa: UP045
           "version": int, "position_kind": Optional[PositionKind],  # noqa: UP045
           "birth_date": Optional[date], "gender": Optional[Gender],  # noqa: UP045
           # A career fact for planning, as visible as the NIP (which encodes the birth date).
           "retirement": Optional[Retirement]},  # noqa: UP045
    computed={"golongan": lambda s: s.rank.golongan, "pangkat": lambda s: s.rank.pangkat,
              "position_name": _held("name"), "position_level": _held("level"),
              "position_tmt": _held("tmt"), "position_kind": _held("kind"),
              "retirement": lambda s: _retirement(s)},
    options={"position_kind": {"default": None}, "retirement": {"default": None},
             "birth_date": _PERSONAL, "gender": _PERSONAL})


def _retirement(state: ServantState) -> Retirement | None:
    position = state.position
    found = retirement_of(state, position.tmt if position is not None else state.cpns_tmt)
    return Retirement.from_domain(found) if found is not None else None


NODE_KEYS[Servant] = lambda s: s.nip
NODE_KEYS[CareerEvent] = lambda e: e.event_id
