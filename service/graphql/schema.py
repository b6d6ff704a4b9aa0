"""The schema, assembled from the query and mutation types, with the API's limits."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLSchema
from graphql import build_schema as build_graphql_schema
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from service.graphql.audit_queries import AuditQuery
from service.graphql.candidate_queries import CandidateQuery
from service.graphql.career_queries import CareerQuery
from service.graphql.checkpoint_queries import CheckpointQuery
from service.graphql.competence_dictionary import DictionaryMutation, DictionaryQuery
from service.graphql.competence_mutations import CompetenceMutation
from service.graphql.competence_needs import NeedsQuery
from service.graphql.competence_queries import CompetenceQuery
from service.graphql.competence_unit_queries import UnitCompetenceQuery
from service.graphql.cost import CostLimits
from service.graphql.directory_queries import DirectoryQuery
from service.graphql.document_cache import validation_cache
from service.graphql.document_gate import CACHE_SIZE, DocumentGate
from service.graphql.error_codes import CATALOGUE_TYPES
from service.graphql.errors import ErrorCodes
from service.graphql.mutations import Mutation as ServantMutation
from service.graphql.plain_execution import PlainTreeExecutionContext
from service.graphql.queries import LogQuery
from service.graphql.read_queries import ReadQuery
from service.graphql.scalars import SCALAR_MAP
from service.graphql.subscriptions import Subscription
from service.input_policy import apply_everywhere
from service.metrics import OperationMetrics, root_fields
from service.settings import Settings

Query = merge_types(
    "Query", (LogQuery, ReadQuery, AuditQuery, CheckpointQuery, CareerQuery, CompetenceQuery,
             DictionaryQuery, NeedsQuery, DirectoryQuery, CandidateQuery, UnitCompetenceQuery)
)
Mutation = merge_types("Mutation", (ServantMutation, CompetenceMutation, DictionaryMutation))
# merge_types takes no description; a described subclass carries the same fields.
Query = strawberry.type(type("Query", (Query,), {}), description="Reads: the record, its "
                        "histories and views, the audit trail and the integrity proofs.")
Mutation = strawberry.type(type("Mutation", (Mutation,), {}), description="Writes: one "
                           "mutation per career act, each recording exactly one event.")


class RiwayatSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # ErrorCodes logs what deserves logging; client mistakes are not server errors.
        return None


def build_schema(settings: Settings) -> strawberry.Schema:
    apply_everywhere(Query, Mutation)
    # Depth, aliases and expanded field count are one memoised cost check made before any
    # validation rule runs (strawberry's own limiters re-walk fragments at every spread).
    limits = CostLimits(
        max_fields=settings.max_query_fields,
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_introspection_depth=settings.max_introspection_depth,
    )
    roots: dict[str, frozenset[str]] = {}  # filled once the schema exists
    # Factories, so each request gets fresh extension state; the caches are module-level.
    extensions: list[Any] = [
        lambda: OperationMetrics(roots),  # first, so it sees the codes ErrorCodes assigns
        ErrorCodes,
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: DocumentGate(limits),  # before the caches, which then find its results
        lambda: ParserCache(maxsize=CACHE_SIZE),
        validation_cache,  # strawberry's, keyed by the parsed document's identity
    ]
    if settings.production:
        extensions.append(DisableIntrospection)
    schema = RiwayatSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        types=CATALOGUE_TYPES,
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        execution_context_class=PlainTreeExecutionContext,
    )
    roots.update(root_fields(graphql_schema(schema)))
    return schema


def graphql_schema(schema: strawberry.Schema) -> GraphQLSchema:
    """graphql-core's schema of ``schema``, built from its SDL (strawberry's public view)."""
    return build_graphql_schema(schema.as_str())


def sdl() -> str:
    """The contract written to schema.graphql (independent of settings)."""
    return build_schema(Settings()).as_str() + "\n"
