"""Completing a read's result tree without per-field execution.

graphql-core completes every field of every object through its resolver machinery (resolve
info, awaitability checks, error paths): for a careerHistory of 30 rows with provenance that
is about a thousand fields and most of the request's time, and a page of promotion
candidates is much the same. The types here are plain data
built by their resolver's parent, so below ``PLAIN_ROOTS`` the selection (fragments,
aliases and @skip/@include already collected by graphql-core) is walked directly: attributes
read, leaves serialized by their own scalar, the few sync field resolvers (redaction) called
with the root field's info. Anything else (arguments, @defer, async resolvers, field
extensions or permissions, a null where the schema forbids one, an exception) falls back to
the standard completion of the whole subtree, so answers and errors stay the standard ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    Undefined,
    is_leaf_type,
)
from graphql import (
    GraphQLResolveInfo as ResolveInfo,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

Info = ResolveInfo[Any]
# A career history, and a page of promotion candidates (a page of 50 was 450 fields).
PLAIN_ROOTS = frozenset({"CareerHistory", "PromotionAssessmentConnection"})
# Context key of a list the caller may provide: one entry per object of a PLAIN_ROOTS type,
# True when its whole subtree was completed here (from the object's own data and the
# principal's role, nothing else), False when it fell back to the standard completion.
PLAIN_COMPLETIONS = "plain_completions"
# Per strawberry class and GraphQL field name: how to read the value from an instance (the
# attribute's name when it is a plain attribute, read without a call).
_Getter = Callable[[Any, Info], Any]
_Complete = Callable[[Any, Info, "PlainTreeExecutionContext"], Any]
_Read = tuple[str | None, _Getter]
# Per response key: the attribute or getter, the Python type the field's scalar serializes
# to itself (None: always complete), and the completion.
_Plan = list[tuple[str, str | None, _Getter, type | None, _Complete]]
_GETTERS: dict[tuple[type, str], _Read] = {}
# Scalars whose serialization returns a value of exactly this Python type unchanged: such a
# value is its own answer, with no call (a history read holds hundreds of them).
_UNCHANGED = {"String": str, "Boolean": bool}
# Plans shared across requests, by (object type, the selection's field nodes, Python type);
# each keeps its nodes so an id is never mistaken for a freed node's. Only the event loop
# executes, so no lock.
MAX_SHARED_PLANS = 4096
_SHARED_PLANS: dict[tuple[Any, ...], tuple[tuple[Any, ...], _Plan]] = {}
_SHAREABLE: dict[int, tuple[OperationDefinitionNode, bool]] = {}


class _NotPlain(Exception):
    """This subtree needs the standard completion."""


class PlainTreeExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def complete_object_value(self, return_type: GraphQLObjectType, field_details_list: Any,
                              info: Info, path: Any, result: Any,
                              position_context: Any) -> Any:
        if return_type.name in PLAIN_ROOTS:
            completions = _completions(self.context_value)
            try:
                value = self.plain_object(return_type, field_details_list, info, result)
                completions.append(True)
                return value
            except Exception:  # the standard path reports it as it always has
                completions.append(False)
        return super().complete_object_value(return_type, field_details_list, info, path,
                                              result, position_context)

    def plain_object(self, object_type: GraphQLObjectType, field_details_list: Any,
                     info: Info, source: Any,
                     known: dict[type, _Plan] | None = None) -> dict[str, Any]:
        """``known``: the plans of this selection by Python type, kept by its completer, so
        the items of a list look theirs up once."""
        if object_type.is_type_of is not None and not object_type.is_type_of(source, info):
            raise _NotPlain
        kind = type(source)
        plan = known.get(kind) if known is not None else None
        if plan is None:
            plan = self._fields(object_type, field_details_list, kind)
            if known is not None:
                known[kind] = plan
        completed = {}
        for key, attribute, getter, unchanged, complete in plan:
            value = getattr(source, attribute) if attribute is not None else getter(source, info)
            completed[key] = (value if value.__class__ is unchanged
                              else complete(value, info, self))
        return completed

    def _fields(self, object_type: GraphQLObjectType, field_details_list: Any,
                kind: type) -> _Plan:
        """Per response key: how to read the value and complete it; built once per
        selection and Python type, and shared by later requests of the same document
        when no directive can make the selection depend on the variables."""
        nodes = tuple(details.node for details in field_details_list)
        shared = _shareable(self.operation, self.fragments)
        plans = _SHARED_PLANS if shared else self.__dict__.setdefault("_plain_plans", {})
        plan_key = (id(object_type), *map(id, nodes), kind)
        found = plans.get(plan_key)
        if found is not None and found[0] == nodes:  # the key's nodes, not reused ids
            return found[1]
        collected = self.collect_subfields(object_type, field_details_list)
        if collected.new_defer_usages or collected.forbidden_directive_instances:
            raise _NotPlain
        fields: _Plan = []
        for key, details in collected.grouped_field_set.items():
            node = details[0].node
            name = node.name.value
            if name == "__typename":
                fields.append((key, None, _constant(object_type.name), None, _as_is))
                continue
            if node.arguments:
                raise _NotPlain
            attribute, getter = _getter(kind, name)
            value_type = object_type.fields[name].type
            fields.append((key, attribute, getter, _unchanged(value_type),
                           _completer(value_type, details)))
        if len(_SHARED_PLANS) >= MAX_SHARED_PLANS:
            _SHARED_PLANS.clear()  # documents come and go; start again rather than grow
        plans[plan_key] = (nodes, fields)
        return fields


def _completer(value_type: GraphQLOutputType, details: Any) -> _Complete:
    if isinstance(value_type, GraphQLNonNull):
        inner = _nullable_completer(value_type.of_type, details)

        def non_null(value: Any, info: Info, context: PlainTreeExecutionContext) -> Any:
            if value is None:
                raise _NotPlain
            return inner(value, info, context)

        return non_null
    nullable = _nullable_completer(value_type, details)
    return lambda value, info, context: None if value is None else nullable(value, info, context)


def _nullable_completer(value_type: GraphQLOutputType, details: Any) -> _Complete:
    if isinstance(value_type, GraphQLList):
        item, unchanged = _completer(value_type.of_type, details), _unchanged(value_type.of_type)
        return lambda values, info, context: [
            value if value.__class__ is unchanged else item(value, info, context)
            for value in values]
    if is_leaf_type(value_type):
        serialize = value_type.serialize

        def leaf(value: Any, info: Info, context: PlainTreeExecutionContext) -> Any:
            serialized = serialize(value)
            if serialized is None or serialized is Undefined:
                raise _NotPlain
            return serialized

        return leaf
    if isinstance(value_type, GraphQLObjectType):
        object_type = value_type
        known: dict[type, _Plan] = {}
        return lambda value, info, context: context.plain_object(object_type, details, info,
                                                                 value, known)
    raise _NotPlain  # interfaces and unions resolve their type first


def _unchanged(value_type: GraphQLOutputType) -> type | None:
    """The Python type a leaf of ``value_type`` (nullable or not) answers as itself."""
    if isinstance(value_type, GraphQLNonNull):
        value_type = value_type.of_type
    name = getattr(value_type, "name", None)
    return _UNCHANGED.get(name) if is_leaf_type(value_type) and name is not None else None


def _shareable(operation: OperationDefinitionNode, fragments: dict[str, Any]) -> bool:
    """Whether the operation and its fragments carry no directive (no @skip/@include,
    whose outcome depends on the variables, and no @defer); remembered per operation."""
    found = _SHAREABLE.get(id(operation))
    if found is None or found[0] is not operation:
        if len(_SHAREABLE) >= MAX_SHARED_PLANS:
            _SHAREABLE.clear()
        found = _SHAREABLE[id(operation)] = (operation, not any(
            _has_directive(node)
            for node in (operation, *(f.definition for f in fragments.values()))))
    return found[1]


def _has_directive(node: Any) -> bool:
    pending = [node]
    while pending:  # iterative: a deep selection cannot recurse
        item = pending.pop()
        if getattr(item, "directives", None):
            return True
        selection_set = getattr(item, "selection_set", None)
        if selection_set is not None:
            pending.extend(selection_set.selections)
    return False


def _completions(context: Any) -> list[bool]:
    found = context.get(PLAIN_COMPLETIONS) if isinstance(context, dict) else None
    return found if isinstance(found, list) else []


def _constant(value: str) -> _Getter:
    return lambda _source, _info: value


def _as_is(value: Any, _info: Info, _context: Any) -> Any:
    return value


def _getter(kind: type, graphql_name: str) -> _Read:
    found = _GETTERS.get((kind, graphql_name))
    if found is None:
        found = _GETTERS[(kind, graphql_name)] = _build_getter(kind, graphql_name)
    return found


def _build_getter(kind: type, graphql_name: str) -> _Read:
    definition = getattr(kind, "__strawberry_definition__", None)
    if definition is None:
        raise _NotPlain
    field = next((f for f in definition.fields if f.graphql_name == graphql_name
                  or (f.graphql_name is None and _camel(f.python_name) == graphql_name)), None)
    if field is None or field.extensions or field.permission_classes:
        raise _NotPlain
    resolver = field.base_resolver
    if resolver is None:
        attribute = field.python_name
        return attribute, lambda source, _info: getattr(source, attribute)
    if resolver.is_async or resolver.arguments:
        raise _NotPlain
    call = resolver.wrapped_func
    if resolver.info_parameter is None:
        return None, lambda source, _info: call(source)
    return None, lambda source, info: call(source, info)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
