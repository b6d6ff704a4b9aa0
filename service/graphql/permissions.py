"""Who may do what: roles from the token, and HR's unit scope."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from service.auth import Forbidden, Principal
from service.redaction import PERSONAL_DATA_ROLES

READERS = frozenset({"hr", "auditor", "viewer"})
AUDITORS = frozenset({"auditor"})
WRITERS = frozenset({"hr"})


def principal_of(info: Info[Any, Any]) -> Principal:
    principal: Principal = info.context["principal"]()
    return principal


def require_role(info: Info[Any, Any], roles: frozenset[str], what: str) -> Principal:
    principal = principal_of(info)
    if principal.role not in roles:
        raise Forbidden(f"Role {principal.role!r} may not {what}.")
    return principal


def require_scope(principal: Principal, *unit_codes: str) -> None:
    """HR acts only on servants of the agencies or units its token lists."""
    if principal.role == "hr" and not principal.covers(*unit_codes):
        raise Forbidden(
            f"This HR token's scope ({', '.join(principal.scopes) or 'none'}) does not cover "
            f"{' / '.join(unit_codes)}."
        )


class PersonalData(BasePermission):
    """Birth date and gender are personal: viewers see career facts, not these."""

    message = "Role 'viewer' may not read personal fields."
    error_extensions = {"code": "FORBIDDEN"}

    def has_permission(self, source: Any, info: Info[Any, Any], **kwargs: Any) -> bool:
        return principal_of(info).role in PERSONAL_DATA_ROLES
