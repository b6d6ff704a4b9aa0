"""The position-standard mutations: a position's standard in its own stream (§6.1), with the
envelope discipline of servant events (TMT, SK, actor from the token, idempotency key)."""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

import strawberry
from strawberry.scalars import JSON

from domain.errors import DomainError
from domain.position_standard import SET_FIELDS
from domain.values import EducationLevel, Rank, Source
from service.graphql.event_types import LegalBasisInput
from service.graphql.stream_acts import (
    act_mutation,
    ending,
    idempotency_key_field,
    source_field,
)
from service.position_standards import check_position_id, retire_standard, set_standard

SOURCE = "Where the record comes from (default MANUAL)."
IDEMPOTENCY_KEY = ("Any 1 to 200 characters naming this request: sent again with the same "
                   "values it returns the first result and writes nothing new.")


@strawberry.input(description="A position's competency standard from its TMT (valid from): "
                              "required levels, requirements and the SK that sets them. The "
                              "first opens the position's stream; a later one revises it.")
class SetPositionStandardInput:
    position_id: str = strawberry.field(
        description="The position id (functional or general position id) or a position class "
                    "(a PositionLevel name such as ADMINISTRATOR).")
    tmt: date = strawberry.field(description="The day the standard takes effect.")
    legal_basis: LegalBasisInput = strawberry.field(description="The SK setting the standard.")
    required: JSON = strawberry.field(
        description="Required level 1-5 per competency code of the dictionary, as an object.")
    valid_to: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="Inclusive end; omit while in force until revised.")
    min_rank: Optional[Rank] = strawberry.field(  # noqa: UP045
        default=None, description="Lowest rank (golongan) required; omit when none is.")
    min_education: Optional[EducationLevel] = strawberry.field(  # noqa: UP045
        default=None, description="Lowest education level required; omit when none is.")
    trainings: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description="Required programmes (PKP, PKA, ...), comma-separated.")
    min_experience_months: Optional[int] = strawberry.field(  # noqa: UP045
        default=None, description="Months of experience required; omit when none are.")
    source: Source = source_field(SOURCE)
    idempotency_key: Optional[str] = idempotency_key_field(IDEMPOTENCY_KEY)  # noqa: UP045


@strawberry.input(description="Ends one version of a position's standard on its TMT.")
class RetirePositionStandardInput:
    position_id: str = strawberry.field(
        description="The position id or position class whose standard ends.")
    standard_event_id: str = strawberry.field(description="<positionId>:<version> to end.")
    tmt: date = strawberry.field(description="The last day the standard is in force.")
    legal_basis: LegalBasisInput = strawberry.field(description="The SK ending the standard.")
    source: Source = source_field(SOURCE)
    idempotency_key: Optional[str] = idempotency_key_field(IDEMPOTENCY_KEY)  # noqa: UP045


def _standard_payload(data: SetPositionStandardInput) -> dict[str, Any]:
    if not isinstance(data.required, dict):
        raise DomainError("INVALID_VALUE", "required must be a JSON object of "
                          "competency: level.", "required")
    return {name: getattr(data, name) for name in SET_FIELDS}


@strawberry.type
class CompetenceMutation:
    set_position_standard = act_mutation(
        "set_position_standard", "Set (or revise) a position's competency standard.",
        SetPositionStandardInput, "The standard, its TMT and its SK.",
        doing="set position standards", write=set_standard,
        stream=lambda data: check_position_id(data.position_id),
        details=lambda data, _: (_standard_payload(data),))
    retire_position_standard = act_mutation(
        "retire_position_standard", "End one version of a position's competency standard.",
        RetirePositionStandardInput, "The version to end, its TMT and its SK.",
        doing="retire position standards", write=retire_standard,
        stream=lambda data: check_position_id(data.position_id),
        details=ending("standard_event_id", "a standard of position"))
