"""Mutations: one per declared event kind (domain.kinds), each recording exactly one event."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.events import parse_event_id
from domain.kind import EventKind
from domain.kinds import KINDS, kind_for
from domain.nip import validate_nip
from domain.servant import CivilServant as CS
from service.application import Recorded
from service.assessment_settling import settle_from_other_streams
from service.graphql.event_types import input_type
from service.graphql.field_notes import act_note
from service.graphql.permissions import WRITERS, require_role, require_scope
from service.graphql.stream_acts import envelope_of, idempotency_of
from service.graphql.types import RecordedEvent
from service.scope import authorize_servant

# One mutation per declared kind that follows an appointment; the appointment opens a stream
# and has its own resolver below.
ACTS: dict[str, EventKind[Any]] = {kind.command: kind for kind in KINDS if not kind.opens_stream}


_INPUT_NOTE = "The act: its TMT, its SK, its facts and the write options."


def _described(command: str) -> str:
    return act_note(ACTS[command])


def _input_name(command: str) -> str:
    return "".join(part.title() for part in command.split("_")) + "Input"


INPUTS: dict[str, type] = {name: input_type(_input_name(name), kind) for name, kind in ACTS.items()}
AppointCpnsInput = input_type("AppointCpnsInput", kind_for("appoint_cpns"), with_nip=False)

_NOT_PAYLOAD = {"nip", "tmt", "legal_basis", "source", "expected_version", "idempotency_key"}


def _payload(name: str, data: Any, nip: str) -> dict[str, Any]:
    kind = ACTS[name]
    payload = {k: v for k, v in vars(data).items() if k not in _NOT_PAYLOAD}
    for reference, field in kind.references.items():
        payload[field] = _version_of(payload.pop(reference), nip)
    for json_field in kind.json_fields:
        changes = payload[json_field]
        if not isinstance(changes, dict):
            raise DomainError("INVALID_VALUE", f"{json_field} must be a JSON object.", json_field)
        # A correction's keys name fields (camelCase in the API); other objects' keys are data
        # (an assessment's competency codes) and stay as given.
        if json_field in _KEYS_NAME_FIELDS:
            changes = {_snake(key): value for key, value in changes.items()}
        payload[json_field] = changes
    return payload


_KEYS_NAME_FIELDS = frozenset({"changes"})


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", str(name)).lower()


def _version_of(event_id: str, nip: str) -> int:
    parsed = parse_event_id(event_id)
    if parsed is None or parsed[0] != nip:
        raise DomainError(
            "INVALID_TARGET", f"Event {event_id[:40]!r} is not an event of servant {nip}.", "eventId"
        )
    return parsed[1]


async def _record(info: Info[Any, Any], name: str, data: Any) -> RecordedEvent:
    principal = require_role(info, WRITERS, "record career events")
    app = info.context["services"].app
    nip = validate_nip(data.nip)
    envelope = envelope_of(info, data)
    payload = settle_from_other_streams(app, name, nip, envelope, _payload(name, data, nip))

    today = info.context["services"].clock().date()

    def authorize(servant: CS) -> None:
        authorize_servant(principal, servant, today)

    # Group commit: the writer thread admits and saves this command with its concurrent
    # ones; waiting on the future blocks no thread.
    recorded: Recorded = await asyncio.wrap_future(app.submit_record(
        nip, lambda servant: servant.record(name, envelope, **payload),
        expected_version=data.expected_version, idempotency=idempotency_of(info, name, data),
        authorize=authorize,
    ))
    return RecordedEvent.from_recorded(recorded)


def _mutation(name: str) -> Any:
    async def resolve(info: Info[Any, Any], input: Any) -> RecordedEvent:
        return await _record(info, name, input)

    resolve.__annotations__["input"] = Annotated[
        INPUTS[name], strawberry.argument(description=_INPUT_NOTE)
    ]
    resolve.__annotations__["return"] = RecordedEvent
    resolve.__annotations__["info"] = Info
    return strawberry.mutation(resolver=resolve, description=_described(name))


async def _appoint_cpns(info: Info[Any, Any], input: Any) -> RecordedEvent:
    principal = require_role(info, WRITERS, "record career events")
    data: Any = input
    require_scope(principal, data.institution_id, data.unit_id)
    envelope = envelope_of(info, data)
    payload = {k: v for k, v in vars(data).items() if k not in _NOT_PAYLOAD - {"nip"}}
    app = info.context["services"].app
    recorded: Recorded = await asyncio.wrap_future(
        app.submit_appointment(envelope, payload, idempotency_of(info, "appoint_cpns", data))
    )
    return RecordedEvent.from_recorded(recorded)


_appoint_cpns.__annotations__.update({
    "info": Info, "return": RecordedEvent,
    "input": Annotated[AppointCpnsInput, strawberry.argument(description=_INPUT_NOTE)],
})

# The mutations, in the order of the declarations (domain.kinds); schema.graphql has always
# listed the appointment last.
Mutation = strawberry.type(type("Mutation", (), {
    **{name: _mutation(name) for name in ACTS},
    "appoint_cpns": strawberry.mutation(
        resolver=_appoint_cpns, description="CPNS appointment: opens a servant's record."
    ),
}))
