"""Which GraphQL requests are a plain read of one servant's career history.

A request qualifies when its operation is a query whose only root field is ``careerHistory``
with no argument but ``nip`` (no ``minPosition``, ``knownAt`` or ``validAt``: those answer
from another moment or wait) and no directive on the operation or the root field. The
subtree below may be anything; whether it was completed from the view's rows alone is known
only once it ran (service.graphql.plain_execution records it), so that is checked then.

Plans are kept per (query text, operation name), bounded, least recently used first out;
queries that do not qualify are remembered too, so each text is parsed here once."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    VariableNode,
    parse,
)

ROOT_FIELD = "careerHistory"
MAX_PLANS = 256
# Context key: the (view generation, servant position) of the rows the careerHistory
# resolver read in one snapshot, so the response cache knows which version an answer shows.
HISTORY_VERSION = "career_history_version"


@dataclass(frozen=True, eq=False)
class ServantReadPlan:
    """Where a qualifying request names its servant: a variable, or a literal NIP."""

    variable: str | None
    literal: str | None

    def nip(self, variables: dict[str, Any]) -> str | None:
        value = self.literal if self.variable is None else variables.get(self.variable)
        return value if isinstance(value, str) else None


class ServantReadPlans:
    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens
        self._plans: OrderedDict[tuple[str, str | None], ServantReadPlan | None] = OrderedDict()

    def plan(self, query: str, operation_name: str | None) -> ServantReadPlan | None:
        if ROOT_FIELD not in query:  # most requests: no parse at all
            return None
        key = (query, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        found = self._plans[key] = plan_of(query, operation_name, self.max_tokens)
        while len(self._plans) > MAX_PLANS:
            self._plans.popitem(last=False)
        return found


def plan_of(query: str, operation_name: str | None, max_tokens: int) -> ServantReadPlan | None:
    """The plan of a qualifying request, else None (including documents that do not parse:
    the standard path reports those)."""
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return None
    operation = operations[0]
    selections = operation.selection_set.selections
    if operation.operation is not OperationType.QUERY or operation.directives or len(selections) != 1:
        return None
    field = selections[0]
    if not isinstance(field, FieldNode) or field.name.value != ROOT_FIELD or field.directives:
        return None
    arguments = field.arguments or ()
    if len(arguments) != 1 or arguments[0].name.value != "nip":
        return None
    value = arguments[0].value
    if isinstance(value, VariableNode):
        return ServantReadPlan(value.name.value, None)
    if isinstance(value, StringValueNode):
        return ServantReadPlan(None, value.value)
    return None
