"""GraphQL of agencies' technical competency dictionaries (PermenPANRB 38/2017, §6.1): define
and withdraw a technical competency by SK, and list the definitions in force on a date."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from domain.competence.agency_dictionary import Definition, in_force
from domain.values import Source
from service.graphql.derived_types import output_type
from service.graphql.event_types import LegalBasisInput
from service.graphql.permissions import READERS, require_role
from service.graphql.read_access import on_app, today
from service.graphql.stream_acts import (
    act_mutation,
    ending,
    idempotency_key_field,
    source_field,
)
from service.technical_competencies import (
    check_agency_id,
    define_competency,
    dictionary_of,
    withdraw_competency,
)

AgencyId = Annotated[str, strawberry.argument(description="The agency (institution id).")]
InForceOn = Annotated[Optional[date], strawberry.argument(  # noqa: UP045
    description="Only the definitions in force on this day.")]


@strawberry.input(description="An agency's technical competency, valid from its TMT by the SK "
                              "given; it is named <agencyId>.<code> in standards and "
                              "assessments.")
class DefineTechnicalCompetencyInput:
    agency_id: str = strawberry.field(description="The agency (institution id) defining it.")
    code: str = strawberry.field(description="The agency's code: capital letters, digits and "
                                             "underscores, 2 to 48 characters.")
    name: str = strawberry.field(description="The competency's name.")
    tmt: date = strawberry.field(description="The first day the definition is in force.")
    legal_basis: LegalBasisInput = strawberry.field(description="The SK defining it.")
    valid_to: Optional[date] = strawberry.field(  # noqa: UP045
        default=None, description="Inclusive end; omit while in force until withdrawn.")
    source: Source = source_field("Where the record comes from.")
    idempotency_key: Optional[str] = idempotency_key_field(  # noqa: UP045
        "Replays the first result when sent again.")


@strawberry.input(description="Ends one definition of an agency's technical competency.")
class WithdrawTechnicalCompetencyInput:
    agency_id: str = strawberry.field(description="The agency.")
    definition_event_id: str = strawberry.field(description="<agencyId>:<version> to end.")
    tmt: date = strawberry.field(description="The last day the definition is in force.")
    legal_basis: LegalBasisInput = strawberry.field(description="The SK withdrawing it.")
    source: Source = source_field("Where the record comes from.")
    idempotency_key: Optional[str] = idempotency_key_field(  # noqa: UP045
        "Replays the first result when sent again.")


TechnicalCompetencyInfo: Any = output_type(
    "TechnicalCompetencyInfo", Definition, renamed={"definition_event_id": "definition_id"})


@strawberry.type
class DictionaryMutation:
    define_technical_competency = act_mutation(
        "define_technical_competency",
        "Define a technical competency in an agency's dictionary.",
        DefineTechnicalCompetencyInput, "The competency, its TMT and the SK defining it.",
        doing="define technical competencies", write=define_competency,
        stream=lambda data: check_agency_id(data.agency_id),
        details=lambda data, _: (data.code.strip(), data.name, data.valid_to))
    withdraw_technical_competency = act_mutation(
        "withdraw_technical_competency", "Withdraw one definition of a technical competency.",
        WithdrawTechnicalCompetencyInput,
        "The definition to end, its TMT and the SK withdrawing it.",
        doing="withdraw technical competencies", write=withdraw_competency,
        stream=lambda data: check_agency_id(data.agency_id),
        details=ending("definition_event_id", "a definition of agency"))


@strawberry.type
class DictionaryQuery:
    @strawberry.field(description="An agency's technical competencies: every definition, or "
                                  "with asOf only those in force that day.")
    async def technical_competencies(
        self, info: Info[Any, Any], agency_id: AgencyId,
        as_of: InForceOn = None,
    ) -> list[TechnicalCompetencyInfo]:
        require_role(info, READERS, "read technical competencies")
        agency = check_agency_id(agency_id)
        stream = await on_app(info, dictionary_of, agency)
        if stream is None:
            return []
        found = stream.definitions
        if as_of is not None:
            found = tuple(in_force(found, today(info, as_of)).values())
        return [TechnicalCompetencyInfo.from_domain(d) for d in found]
