"""Validation once per parsed document, found by identity.

strawberry's ValidationCache keys its LRU by the parsed document, and hashing a document
walks its whole tree: for a careerHistory query that is a few milliseconds per request, more
than reading the servant. The ParserCache already hands out one document object per query
text, so the object's identity is an exact key (the entry keeps the document alive, so its id
cannot be reused while cached). Bounded, least recently used first out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import ValidationCache
from strawberry.schema.schema import validate_document

MAX_DOCUMENTS = 256

# Documents are validated in worker threads (service/graphql/document_gate.py) and looked up
# on the event loop; the lock keeps the LRU's bookkeeping whole.
_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[Any, ...], tuple[DocumentNode, list[GraphQLError]]] = OrderedDict()


def validate_by_identity(schema: GraphQLSchema, document: DocumentNode,
                         rules: tuple[Any, ...]) -> list[GraphQLError]:
    key = (id(schema), id(document), *rules)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None and found[0] is document:
            _CACHE.move_to_end(key)
            return found[1]
    errors = validate_document(schema, document, rules)
    with _LOCK:
        _CACHE[key] = (document, errors)
        while len(_CACHE) > MAX_DOCUMENTS:
            _CACHE.popitem(last=False)
    return errors


def validation_cache() -> ValidationCache:
    """strawberry's ValidationCache, looking documents up by identity."""
    cache = ValidationCache(maxsize=MAX_DOCUMENTS)
    cache.cached_validate_document = validate_by_identity
    return cache
