"""Scalars with the API's input policy: a DateTime names its time zone.

A date-time without one cannot be compared with the log's UTC timestamps (Python raised
TypeError deep in a resolver), and guessing a zone would answer for the wrong moment."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from graphql import GraphQLError
from strawberry.schema.types.base_scalars import DateTimeDefinition


def _aware(value: Any) -> datetime:
    if not isinstance(value, str):
        raise GraphQLError(f"DateTime cannot represent a non-string value: {value!r:.40}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _invalid(
            "INVALID_DATETIME", f"{value[:40]!r} is not an ISO 8601 date-time."
        ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise _invalid(
            "TIMEZONE_REQUIRED", f"{value[:40]!r} has no time zone; add one, e.g. 'Z' or '+07:00'."
        )
    return parsed


def _invalid(code: str, message: str) -> GraphQLError:
    # A GraphQL error keeps its code on both paths: literals and variables.
    return GraphQLError(message, extensions={"code": code})


SCALAR_MAP: dict[object, Any] = {
    datetime: dataclasses.replace(DateTimeDefinition, parse_value=_aware),
}
