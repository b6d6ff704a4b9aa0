"""Every GraphQL error gets a stable ``extensions.code``; unexpected ones are masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from domain.errors import DomainError

log = logging.getLogger("riwayat.errors")

DATABASE_ERRORS: tuple[type[BaseException], ...] = ()
try:  # The database layers name their failures differently; all mean the same to a client.
    import psycopg
    import psycopg_pool
    from eventsourcing.persistence import InterfaceError, OperationalError

    DATABASE_ERRORS = (
        OperationalError,
        InterfaceError,
        psycopg.OperationalError,
        psycopg_pool.PoolTimeout,
        TimeoutError,
        ConnectionError,
    )
except ImportError:  # pragma: no cover
    pass


# The limiters report plain GraphQL errors; their text is the only thing telling them apart.
# tests/e2e/test_limits_api.py pins these, so a strawberry upgrade that rewords one fails there.
LIMIT_CODES = (
    ("exceeds maximum operation depth", "QUERY_TOO_DEEP"),
    ("aliases found. Allowed", "TOO_MANY_ALIASES"),
    ("tokens. Parsing aborted", "TOO_MANY_TOKENS"),
    ("introspection has been disabled", "INTROSPECTION_DISABLED"),
)


def error_code(error: GraphQLError) -> str:
    original = error.original_error
    for fragment, code in LIMIT_CODES:
        if fragment in error.message:
            return code
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if isinstance(original, DomainError):
        return original.code
    if isinstance(original, DATABASE_ERRORS):
        return "DATABASE_UNAVAILABLE"
    if isinstance(original, GraphQLError) and (original.extensions or {}).get("code"):
        # Strawberry permission classes raise GraphQL errors carrying their error_extensions.
        return str((original.extensions or {})["code"])
    if original is None or error.path is None:
        # Raised before any resolver ran: parsing, validation or coercing variables.
        given = (error.extensions or {}).get("code")
        return str(given) if given else "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL_SERVER_ERROR"


def format_error(error: GraphQLError, request_id: str) -> GraphQLError:
    code = error_code(error)
    original = error.original_error
    extensions: dict[str, Any] = {**(error.extensions or {}), "code": code}
    message = error.message
    if isinstance(original, DomainError):
        message = original.message
        if original.field:
            extensions["field"] = original.field
    elif code == "DATABASE_UNAVAILABLE":
        message = "The database is unavailable; nothing was recorded. Retry shortly."
        log.warning(
            "database unavailable", extra={"request_id": request_id, "error": repr(original)}
        )
    elif code == "INTERNAL_SERVER_ERROR":
        log.error(
            "unexpected error",
            exc_info=original,
            extra={"request_id": request_id, "path": error.path},
        )
        message = f"Internal error; quote request id {request_id} to the operators."
    extensions["requestId"] = request_id
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


def ensure_codes(errors: list[GraphQLError], request_id: str) -> list[GraphQLError]:
    """Errors raised before the operation hooks ran (a document that does not parse) reach the
    client through here only, so they get their code and request id too."""
    return [
        e if (e.extensions or {}).get("requestId") else format_error(e, request_id) for e in errors
    ]


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            context = self.execution_context.context or {}
            request_id = context.get("request_id", "-") if isinstance(context, dict) else "-"
            result.errors = [format_error(e, request_id) for e in result.errors]
