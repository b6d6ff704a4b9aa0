"""The error and warning catalogues as GraphQL enums, so ``schema.graphql`` documents every code
a client can receive (``extensions.code`` of an error, ``code`` of a warning)."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry

from service.error_catalogue import ERROR_CODES, WARNING_CODES


def _catalogue_enum(name: str, rows: dict[str, str], description: str) -> Any:
    members = {code: strawberry.enum_value(code, description=text) for code, text in rows.items()}
    # The functional API builds the class from the table; mypy sees an instance, hence the cast.
    return strawberry.enum(cast(type[Enum], Enum(name, members)), description=description)


ErrorCode = _catalogue_enum(
    "ErrorCode",
    ERROR_CODES,
    "Every value of `extensions.code` on an error. An error means nothing was recorded; "
    "the message says what to change, and `extensions.field` names the input field when "
    "there is one.",
)

WarningCode = _catalogue_enum(
    "WarningCode",
    WARNING_CODES,
    "Every value of `code` on a mutation's warnings. A warning means the event was recorded, "
    "and something about it deserves a second look.",
)

# Not returned by any field (codes travel as strings in errors and warnings), so handed to the
# schema explicitly to appear in it.
CATALOGUE_TYPES: tuple[Any, ...] = (ErrorCode, WarningCode)
