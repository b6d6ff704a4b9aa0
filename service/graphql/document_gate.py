"""Parsing, costing and validating a document off the event loop, cost first.

strawberry parses and validates on the event loop, and its depth and alias limiters walk a
fragment again at every spread, so a 733-byte document of fragments spreading each other
held the loop for 20 s. This extension runs first: it parses the document in a worker
thread (under the token limit), refuses it by its memoised cost (service/graphql/cost.py)
before any validation rule sees it, and then validates it in a worker thread too. The
parser and validation caches that follow find the results ready, so the loop only looks
them up.

A document that passed here before, under the same limits and schema, is not sent to the
threads again: its cost is known to be within the limits, and three thread hops were most
of what a repeated document cost.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import ParserCache, SchemaExtension

from service.graphql.cost import CostLimits, exceeded, operation_cost
from service.graphql.document_cache import validation_cache

# Shared with the ParserCache and ValidationCache extensions of the same size, which read
# the entries this extension fills.
CACHE_SIZE = 256
# Documents get their own two threads, so a queue of expensive ones waits among itself
# instead of taking the threads resolvers read the database with.
_DOCUMENT_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="graphql-document")
# What passed: (query text, operation name, parse options, limits) of documents parsed and
# within the limits, and (schema, document, rules) of documents validated, the document
# kept so its id names it. Bounded like the caches, least recently used first out.
_PASSED: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_PASSED_LOCK = threading.Lock()


def _passed(key: tuple[Any, ...], document: Any = None) -> bool:
    with _PASSED_LOCK:
        found = _PASSED.get(key, _PASSED)
        if found is _PASSED or (document is not None and found is not document):
            return False
        _PASSED.move_to_end(key)
        return True


def _remember(key: tuple[Any, ...], document: Any = None) -> None:
    with _PASSED_LOCK:
        _PASSED[key] = document
        while len(_PASSED) > 2 * CACHE_SIZE:
            _PASSED.popitem(last=False)


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
            known = (context.query, context.operation_name,
                     tuple(sorted(context.parse_options.items())), self.limits)
            if _passed(known):
                yield
                return
            try:
                document = await _off_loop(self.parse, context.query, **context.parse_options)
            except GraphQLError:
                # The parser cache re-raises it below, where strawberry reports parse errors.
                yield
                return
            refusal = await _off_loop(self._refusal, document, context.operation_name)
            if refusal is not None:
                raise refusal
            _remember(known)
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            known = (id(context.schema), id(document), context.validation_rules)
            if not _passed(known, document):
                # strawberry's own cached validation, driven in a worker thread through the
                # extension's public hook: it fills the shared cache and the context's errors.
                validation = validation_cache()
                validation.execution_context = context
                await _off_loop(lambda: next(iter(validation.on_validate()), None))
                _remember(known, document)
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
