"""Mutations: one per act, each recording exactly one career event."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from domain.envelope import Envelope
from domain.errors import DomainError
from domain.nip import validate_nip
from domain.servant import CORRECTION_KINDS, parse_event_id
from domain.servant import CivilServant as CS
from service.application import Idempotency, Recorded, request_hash
from service.graphql.event_types import input_type, input_values
from service.graphql.permissions import WRITERS, require_role, require_scope
from service.graphql.types import RecordedEvent
from service.scope import authorize_servant


@dataclass(frozen=True)
class Act:
    """A mutation: its input type and the aggregate command it calls."""

    command: str
    event_class: type[CS.Event]
    replace_fields: dict[str, Any] | None = None
    description: str = ""


_REF = {"penalty_version": None, "penalty_event_id": str}
_TARGET = {"target_version": None, "event_id": str}
ACTS: dict[str, Act] = {
    "appoint_pns": Act("appoint_pns", CS.PnsAppointed, description="End of probation: CPNS becomes PNS."),
    "promote_rank": Act("promote_rank", CS.RankPromoted, description="Kenaikan pangkat."),
    "assign_position": Act("assign_position", CS.PositionAssigned, description="Jabatan assignment."),
    "transfer_institution": Act("transfer_institution", CS.InstitutionTransferred),
    "record_appraisal": Act("record_appraisal", CS.AppraisalRecorded, description="Annual SKP."),
    "record_training": Act("record_training", CS.TrainingCompleted, description="Diklat / kursus."),
    "record_education": Act("record_education", CS.EducationCompleted),
    "impose_discipline": Act("impose_discipline", CS.DisciplinePenaltyImposed),
    "annul_discipline": Act("annul_discipline", CS.DisciplinePenaltyAnnulled, _REF),
    "retire": Act("retire", CS.Retired),
    "terminate": Act("terminate", CS.Terminated),
    "correct_event": Act(
        "correct_event", CS.EventCorrected, {**_TARGET, "changes": JSON},
        "Replace fields of an earlier event; the original stays in the log.",
    ),
    "retract_event": Act(
        "retract_event", CS.EventRetracted, _TARGET, "Void an earlier event; it stays in the log."
    ),
}


def _input_name(command: str) -> str:
    return "".join(part.title() for part in command.split("_")) + "Input"


INPUTS: dict[str, type] = {
    name: input_type(
        _input_name(name), act.event_class, replace_fields=act.replace_fields,
        description=act.description, optional_tmt=act.event_class in CORRECTION_KINDS,
    )
    for name, act in ACTS.items()
}
AppointCpnsInput = input_type(
    "AppointCpnsInput", CS.CpnsAppointed, with_nip=False, description="CPNS appointment: opens a record."
)

_NOT_PAYLOAD = {"nip", "tmt", "legal_basis", "source", "expected_version", "idempotency_key"}


def _envelope(info: Info[Any, Any], data: Any) -> Envelope:
    services = info.context["services"]
    principal = info.context["principal"]()
    basis = data.legal_basis
    # A correction or retraction takes its target's TMT; the domain sets it.
    return Envelope(
        tmt=data.tmt or basis.sk_date, sk_number=basis.sk_number, sk_date=basis.sk_date,
        sk_official=basis.sk_official, actor=principal.actor, recorded_at=services.clock(),
        source=data.source, document_hash=basis.document_hash,
    )


def _idempotency(info: Info[Any, Any], operation: str, data: Any) -> Idempotency | None:
    if data.idempotency_key is None:
        return None
    key = data.idempotency_key.strip()
    if not 1 <= len(key) <= 200:
        raise DomainError("INVALID_VALUE", "idempotencyKey must be 1 to 200 characters.", "idempotencyKey")
    values = {k: v for k, v in input_values(data).items() if k != "idempotency_key"}
    # Keys are per actor, so one user can neither collide with nor replay another's.
    subject = info.context["principal"]().subject
    return Idempotency(key, request_hash(operation, values), subject)


def _payload(name: str, data: Any, nip: str) -> dict[str, Any]:
    payload = {k: v for k, v in vars(data).items() if k not in _NOT_PAYLOAD}
    for reference, field in (("penalty_event_id", "penalty_version"), ("event_id", "target_version")):
        if reference in payload:
            payload[field] = _version_of(payload.pop(reference), nip)
    if "changes" in payload:
        changes = payload["changes"]
        if not isinstance(changes, dict):
            raise DomainError("INVALID_VALUE", "changes must be an object of field: value.", "changes")
        payload["changes"] = {_snake(key): value for key, value in changes.items()}
    return payload


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
    envelope = _envelope(info, data)
    payload = _payload(name, data, nip)
    command = ACTS[name].command

    today = info.context["services"].clock().date()

    def authorize(servant: CS) -> None:
        authorize_servant(principal, servant, today)

    recorded: Recorded = await asyncio.to_thread(
        app.record, nip, lambda servant: getattr(servant, command)(envelope, **payload),
        expected_version=data.expected_version, idempotency=_idempotency(info, name, data),
        authorize=authorize,
    )
    return RecordedEvent.from_recorded(recorded)


def _mutation(name: str) -> Any:
    async def resolve(info: Info[Any, Any], input: Any) -> RecordedEvent:
        return await _record(info, name, input)

    resolve.__annotations__["input"] = INPUTS[name]
    resolve.__annotations__["return"] = RecordedEvent
    resolve.__annotations__["info"] = Info
    return strawberry.mutation(resolver=resolve, description=ACTS[name].description or None)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="CPNS appointment: opens a servant's record.")
    async def appoint_cpns(self, info: Info[Any, Any], input: AppointCpnsInput) -> RecordedEvent:
        principal = require_role(info, WRITERS, "record career events")
        data: Any = input
        require_scope(principal, data.institution_id, data.unit_id)
        envelope = _envelope(info, data)
        payload = {k: v for k, v in vars(data).items() if k not in _NOT_PAYLOAD - {"nip"}}
        app = info.context["services"].app
        recorded: Recorded = await asyncio.to_thread(
            app.appoint_cpns, envelope, payload, _idempotency(info, "appoint_cpns", data)
        )
        return RecordedEvent.from_recorded(recorded)

    appoint_pns: RecordedEvent = _mutation("appoint_pns")
    promote_rank: RecordedEvent = _mutation("promote_rank")
    assign_position: RecordedEvent = _mutation("assign_position")
    transfer_institution: RecordedEvent = _mutation("transfer_institution")
    record_appraisal: RecordedEvent = _mutation("record_appraisal")
    record_training: RecordedEvent = _mutation("record_training")
    record_education: RecordedEvent = _mutation("record_education")
    impose_discipline: RecordedEvent = _mutation("impose_discipline")
    annul_discipline: RecordedEvent = _mutation("annul_discipline")
    retire: RecordedEvent = _mutation("retire")
    terminate: RecordedEvent = _mutation("terminate")
    correct_event: RecordedEvent = _mutation("correct_event")
    retract_event: RecordedEvent = _mutation("retract_event")
