"""Scalars with the API's input policy: a DateTime names its time zone.

A date-time without one cannot be compared with the log's UTC timestamps (Python raised
TypeError deep in a resolver), and guessing a zone would answer for the wrong moment."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphql import GraphQLError
from strawberry.schema.types.base_scalars import (
    DateDefinition,
    DateTimeDefinition,
    DecimalDefinition,
)


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


# Each scalar says its format in words and, where a standard defines it, links the standard
# (GraphQL's @specifiedBy), so generated clients can map it to a concrete type.
SCALAR_MAP: dict[object, Any] = {
    datetime: dataclasses.replace(
        DateTimeDefinition, parse_value=_aware,
        description="A date and time with its time zone, as RFC 3339 text "
        "(e.g. 2024-04-01T08:30:00+07:00); one without a zone is refused.",
        specified_by_url="https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"),
    date: dataclasses.replace(
        DateDefinition,
        description="A calendar date, as RFC 3339 full-date text (YYYY-MM-DD, e.g. 2024-04-01).",
        specified_by_url="https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"),
    Decimal: dataclasses.replace(
        DecimalDefinition,
        description="An exact decimal number as text (e.g. \"12.500\"), so no precision is "
        "lost to floating point."),
}
