"""Personal fields, and who may see them: one policy for every payload turned into a GraphQL
value (a history row's details, its original values, a correction's changes).

Viewers see career facts, never personal data. The personal fields are the servant's birth
date, birth place and gender, plus the identity and contact fields a future event might carry;
the list is by field name, in the log's snake_case or the API's camelCase alike, so a payload
cannot slip one through by spelling. (The NIP itself encodes a birth date and gender; it is the
record's identifier and stays visible.)"""

from __future__ import annotations

from typing import Any

PERSONAL_FIELDS = frozenset({
    "birth_date", "birth_place", "gender",
    # Not recorded today; listed so that an event adding one is redacted from the start.
    "religion", "marital_status", "address", "phone", "email", "nik", "npwp",
})
PERSONAL_DATA_ROLES = frozenset({"hr", "auditor"})


def is_personal(key: str) -> bool:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in key).lstrip("_")
    return snake in PERSONAL_FIELDS


def redact(value: Any) -> Any:
    """``value`` without personal fields, at any depth."""
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items() if not is_personal(str(k))}
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def visible_to(role: str, value: Any) -> Any:
    return value if role in PERSONAL_DATA_ROLES else redact(value)
