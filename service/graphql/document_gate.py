"""Parsing, costing and validating a document off the event loop, cost first.

strawberry parses and validates on the event loop, and its depth and alias limiters walk a
fragment again at every spread, so a 733-byte document of fragments spreading each other
held the loop for 20 s. This extension runs first: it parses the document in a worker
thread (under the token limit), refuses it by its memoised cost (service/graphql/cost.py)
before any validation rule sees it, and then validates it in a worker thread too. The
parser and validation caches that follow find the results ready, so the loop only looks
them up.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

from service.graphql.cost import CostLimits, exceeded, operation_cost

# Shared with the ParserCache and ValidationCache extensions of the same size, which read
# the entries this extension fills.
CACHE_SIZE = 256
# Documents get their own two threads, so a queue of expensive ones waits among itself
# instead of taking the threads resolvers read the database with.
_DOCUMENT_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="graphql-document")


async def _off_loop(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_DOCUMENT_THREADS, lambda: function(*args, **kwargs))


class DocumentGate(SchemaExtension):
    def __init__(self, limits: CostLimits) -> None:
        super().__init__()
        self.limits = limits
        self.parse = ParserCache(maxsize=CACHE_SIZE).cached_parse_document

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            try:
                document = await _off_loop(self.parse, context.query, **context.parse_options)
            except GraphQLError:
                # The parser cache re-raises it below, where strawberry reports parse errors.
                yield
                return
            refusal = await _off_loop(self._refusal, document, context.operation_name)
            if refusal is not None:
                raise refusal
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.pre_execution_errors is None:
            # strawberry's own cached validation, driven in a worker thread through the
            # extension's public hook: it fills the shared cache and the context's errors.
            validation = ValidationCache(maxsize=CACHE_SIZE)
            validation.execution_context = context
            await _off_loop(lambda: next(iter(validation.on_validate()), None))
        yield

    def _refusal(self, document: Any, operation_name: str | None) -> GraphQLError | None:
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > 1 and not operation_name:
            return GraphQLError(
                "The document holds several operations; name the one to run in operationName.",
                extensions={"code": "OPERATION_NAME_REQUIRED"},
            )
        too_much = exceeded(operation_cost(document, operation_name), self.limits)
        if too_much is None:
            return None
        return GraphQLError(too_much.message, extensions={"code": too_much.code})
