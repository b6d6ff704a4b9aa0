"""What a GraphQL document costs once its fragments are expanded: fields, depth and aliases.

Each fragment is measured once and its figures reused at every spread, so a document whose
fragments spread each other three times over fourteen levels (3^14 fields when expanded)
is measured in time proportional to its length, not to its expansion. Introspection fields
count like any other field; below ``__schema`` and ``__type`` depth is held to its own
limit, since the standard introspection query (GraphiQL's, schemathesis') nests 14 levels
of ``ofType``, deeper than data queries need.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Cost:
    fields: int = 0
    depth: int = 0  # nesting below the operation's top-level fields, as the depth limit counts
    aliases: int = 0
    introspection_depth: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.fields + other.fields,
            max(self.depth, other.depth),
            self.aliases + other.aliases,
            max(self.introspection_depth, other.introspection_depth),
        )


@dataclass(frozen=True)
class CostLimits:
    max_fields: int
    max_depth: int
    max_aliases: int
    max_introspection_depth: int


@dataclass(frozen=True)
class Exceeded:
    code: str
    message: str


def operation_cost(document: DocumentNode, operation_name: str | None) -> Cost:
    """The cost of the operation that would run (the named one, or the only one); the most
    expensive operation when the name matches none, so an unknown name cannot hide one."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    measure = _Measure(fragments)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if o.name is not None and o.name.value == operation_name]
    costs = [measure.selections(o.selection_set) for o in (chosen or operations)]
    return max(costs, key=lambda c: (c.fields, c.depth, c.aliases), default=Cost())


def exceeded(cost: Cost, limits: CostLimits) -> Exceeded | None:
    """The first limit the cost passes, checked in this order, with what it says."""
    checks = (
        (cost.depth, limits.max_depth, "QUERY_TOO_DEEP",
         "The document is nested {found} levels deep; the limit is {limit}."),
        (cost.introspection_depth, limits.max_introspection_depth, "QUERY_TOO_DEEP",
         "The introspection is nested {found} levels deep; the limit is {limit}."),
        (cost.aliases, limits.max_aliases, "TOO_MANY_ALIASES",
         "{found} aliases found. Allowed: {limit}."),
        (cost.fields, limits.max_fields, "QUERY_TOO_COMPLEX",
         "The document selects {found} fields once its fragments are expanded; "
         "the limit is {limit}."),
    )
    for found, limit, code, says in checks:
        if found > limit:
            return Exceeded(code, says.format(found=found, limit=limit))
    return None


_INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


class _Measure:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.known: dict[str, Cost] = {}
        self.in_progress: set[str] = set()

    def selections(self, selection_set: SelectionSetNode | None) -> Cost:
        total = Cost()
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection)
            elif isinstance(selection, InlineFragmentNode):
                total += self.selections(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value)
        return total

    def field(self, node: FieldNode) -> Cost:
        alias = 1 if node.alias is not None else 0
        if node.selection_set is None:
            return Cost(1, 0, alias)
        inner = self.selections(node.selection_set)
        if node.name.value in _INTROSPECTION_ROOTS:
            depth = max(1 + inner.depth, inner.introspection_depth)
            return Cost(1 + inner.fields, 0, alias + inner.aliases, depth)
        return Cost(
            1 + inner.fields, 1 + inner.depth, alias + inner.aliases, inner.introspection_depth
        )

    def fragment(self, name: str) -> Cost:
        if name in self.known:
            return self.known[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            # Unknown fragments and cycles are refused by validation, which runs next.
            return Cost()
        self.in_progress.add(name)
        cost = self.selections(definition.selection_set)
        self.in_progress.discard(name)
        self.known[name] = cost
        return cost
