"""The pages ask the same GraphQL schema the API serves, in the same process and with the
signed-in principal: the same resolvers, role checks, unit scope, redaction and input policy
apply to a page as to any API client, and nothing about access is decided twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import strawberry
from starlette.requests import Request

from service.auth import Principal


@dataclass
class Answer:
    data: dict[str, Any]
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class PageGraph:
    def __init__(self, schema: strawberry.Schema) -> None:
        self.schema = schema

    async def ask(self, request: Request, principal: Principal, query: str,
                  **variables: Any) -> Answer:
        context = {
            "request": request,
            "response": None,
            "services": request.state.services,
            "principal": lambda: principal,
            "request_id": getattr(request.state, "request_id", "-"),
        }
        result = await self.schema.execute(query, variable_values=variables,
                                           context_value=context)
        errors = [_error(e) for e in result.errors or []]
        return Answer(result.data or {}, errors)


def _error(error: Any) -> dict[str, str]:
    # The schema's ErrorCodes extension has put the stable code into every error's extensions.
    extensions = error.extensions or {}
    original = getattr(error, "original_error", None)
    return {"code": str(extensions.get("code", "INTERNAL_SERVER_ERROR")),
            "message": str(getattr(original, "message", None) or error.message)}
