"""The position-standard mutations: a position's standard in its own stream (§6.1), with the
envelope discipline of servant events (TMT, SK, actor from the token, idempotency key)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Optional

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from domain.errors import DomainError
from domain.position_standard import SET_FIELDS
from domain.values import EducationLevel, Rank, Source
from service.graphql.competence_types import RecordedStandard
from service.graphql.event_types import LegalBasisInput
from service.graphql.stream_acts import record_act, version_in_stream
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
    source: Source = strawberry.field(default=Source.MANUAL, description=SOURCE)
    idempotency_key: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description=IDEMPOTENCY_KEY)


@strawberry.input(description="Ends one version of a position's standard on its TMT.")
class RetirePositionStandardInput:
    position_id: str = strawberry.field(
        description="The position id or position class whose standard ends.")
    standard_event_id: str = strawberry.field(description="<positionId>:<version> to end.")
    tmt: date = strawberry.field(description="The last day the standard is in force.")
    legal_basis: LegalBasisInput = strawberry.field(description="The SK ending the standard.")
    source: Source = strawberry.field(default=Source.MANUAL, description=SOURCE)
    idempotency_key: Optional[str] = strawberry.field(  # noqa: UP045
        default=None, description=IDEMPOTENCY_KEY)


def _standard_payload(data: SetPositionStandardInput) -> dict[str, Any]:
    if not isinstance(data.required, dict):
        raise DomainError("INVALID_VALUE", "required must be a JSON object of "
                          "competency: level.", "required")
    return {name: getattr(data, name) for name in SET_FIELDS}


@strawberry.type
class CompetenceMutation:
    @strawberry.mutation(description="Set (or revise) a position's competency standard.")
    async def set_position_standard(
        self, info: Info[Any, Any],
        input: Annotated[SetPositionStandardInput, strawberry.argument(
            description="The standard, its TMT and its SK.")],
    ) -> RecordedStandard:
        return await record_act(
            info, input, doing="set position standards", operation="set_position_standard",
            stream=lambda: check_position_id(input.position_id),
            details=lambda _: (_standard_payload(input),), write=set_standard)

    @strawberry.mutation(description="End one version of a position's competency standard.")
    async def retire_position_standard(
        self, info: Info[Any, Any],
        input: Annotated[RetirePositionStandardInput, strawberry.argument(
            description="The version to end, its TMT and its SK.")],
    ) -> RecordedStandard:
        return await record_act(
            info, input, doing="retire position standards", operation="retire_position_standard",
            stream=lambda: check_position_id(input.position_id),
            details=lambda position_id: (version_in_stream(
                input.standard_event_id, position_id, "a standard of position",
                "standardEventId"),),
            write=retire_standard)
