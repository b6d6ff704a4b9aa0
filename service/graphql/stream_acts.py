"""Recording one act from a mutation's input: the envelope every act carries (TMT, SK, actor
from the token), its idempotency claim, and the one resolver shape that writes an act on a
stream that is not a servant's (a position's standard, an agency's competency dictionary)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from domain.envelope import Envelope
from domain.errors import DomainError
from domain.values import Source
from service.application import Idempotency, Recorded, request_hash
from service.graphql.competence_types import RecordedStandard
from service.graphql.event_types import input_values
from service.graphql.permissions import WRITERS, require_role

IDEMPOTENCY_KEY_LIMIT = 200


def envelope_of(info: Info[Any, Any], data: Any) -> Envelope:
    """The envelope of the act ``data`` describes; the actor is the token's, the recording
    time the service clock's."""
    basis = data.legal_basis
    # A correction or retraction takes its target's TMT; the domain sets it.
    return Envelope(
        tmt=data.tmt or basis.sk_date, sk_number=basis.sk_number, sk_date=basis.sk_date,
        sk_official=basis.sk_official, actor=info.context["principal"]().actor,
        recorded_at=info.context["services"].clock(), source=data.source,
        document_hash=basis.document_hash,
    )


def idempotency_of(info: Info[Any, Any], operation: str, data: Any) -> Idempotency | None:
    """The claim of the request's idempotency key, hashed with every other input value."""
    if data.idempotency_key is None:
        return None
    key = data.idempotency_key.strip()
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_LIMIT:
        raise DomainError("INVALID_VALUE", "idempotencyKey must be 1 to 200 characters.",
                          "idempotencyKey")
    values = {k: v for k, v in input_values(data).items() if k != "idempotency_key"}
    # Keys are per actor, so one user can neither collide with nor replay another's.
    subject = info.context["principal"]().subject
    return Idempotency(key, request_hash(operation, values), subject)


def source_field(description: str) -> Any:
    """An act input's ``source`` field: MANUAL unless the input says otherwise."""
    return strawberry.field(default=Source.MANUAL, description=description)


def idempotency_key_field(description: str) -> Any:
    """An act input's optional ``idempotency_key`` field."""
    return strawberry.field(default=None, description=description)


def version_in_stream(event_id: str, stream: str, what: str, field: str) -> int:
    """The version of ``<stream>:<version>``; INVALID_TARGET when it names another stream."""
    head, _, version = event_id.rpartition(":")
    if head != stream or not (version.isascii() and version.isdigit() and len(version) < 9):
        raise DomainError("INVALID_TARGET", f"{event_id[:40]!r} is not {what} {stream}.", field)
    return int(version)


def ending(attribute: str, what: str) -> Callable[[Any, str], tuple[int]]:
    """The details of an act that ends an earlier one: the version that the input's
    ``attribute`` (``<stream>:<version>``) names, ``what`` saying what it must be."""
    field = re.sub(r"_(\w)", lambda m: m.group(1).upper(), attribute)

    def details(data: Any, stream_id: str) -> tuple[int]:
        return (version_in_stream(getattr(data, attribute), stream_id, what, field),)

    return details


def act_mutation(operation: str, description: str, input_type: type, argument: str, *,
                 doing: str, stream: Callable[[Any], str],
                 details: Callable[[Any, str], tuple[Any, ...]],
                 write: Callable[..., Recorded]) -> Any:
    """The mutation ``operation``: a writer ``doing`` it sends ``input_type``; ``stream`` checks
    the stream's id, ``details`` the act's facts, then ``write(app, stream_id, envelope,
    *details, idempotency)`` runs off the event loop.

    The order is the contract's: a refused role comes before a bad id, a bad id before bad
    details, and those before a bad idempotency key."""

    async def resolve(info: Info[Any, Any], input: Any) -> RecordedStandard:
        require_role(info, WRITERS, doing)
        stream_id = stream(input)
        facts = details(input, stream_id)
        envelope = envelope_of(info, input)
        idempotency = idempotency_of(info, operation, input)
        recorded = await asyncio.to_thread(write, info.context["services"].app, stream_id,
                                           envelope, *facts, idempotency)
        return RecordedStandard.from_recorded(recorded)

    resolve.__annotations__.update({
        "info": Info, "return": RecordedStandard,
        "input": Annotated[input_type, strawberry.argument(description=argument)],
    })
    return strawberry.mutation(resolver=resolve, description=description)
