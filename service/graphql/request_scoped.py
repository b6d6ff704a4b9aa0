"""What one request reads through (its DataLoaders): made on first use and kept in the
request's context, so every resolver of the request shares it and its batches."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Self, cast

from strawberry.types import Info


class RequestScoped:
    """Holds the request's services, principal and day; ``of`` gives the request's one."""

    context_key: ClassVar[str]

    def __init__(self, info: Info[Any, Any]) -> None:
        self.services, self.principal = info.context["services"], info.context["principal"]()
        self.today: date = self.services.clock().date()

    @classmethod
    def of(cls, info: Info[Any, Any]) -> Self:
        found = info.context.get(cls.context_key)
        if found is None:
            found = info.context[cls.context_key] = cls(info)
        return cast(Self, found)
