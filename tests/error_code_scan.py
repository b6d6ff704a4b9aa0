"""Finds, by reading the source, every error and warning code the code base can hand a client.

A code reaches a client in one of these shapes, and the scan follows each:
- the first argument (or ``code=``) of ``DomainError(...)`` or ``Warning(...)``;
- a subclass of a raiser (``class Forbidden(DomainError)``) passing a code to ``super().__init__``,
  or keeping the raiser's constructor (no ``__init__`` of its own): it raises as its base does;
- a function or class handing its own parameter on as the code (``_fail(code, ...)``,
  ``error_body(code, ...)``): it becomes a raiser too, and its callers' arguments are codes;
- a ``{"code": ...}`` dict (GraphQL error extensions, error bodies);
- a code taken from a module-level constant or table (``LIMIT_CODES``,
  ``_HTTP_CODES.get(..., "DEFAULT")``), also one imported from another module
  (``errors.EMPTY_STANDARD``), from a local variable, or from what a function of the same
  module returns.

Reading an existing error's code (``original.code``, ``extensions["code"]``) only passes on a
code found elsewhere. Anything else in a code position cannot be read statically and is
reported as unresolved, with its place, so a new shape fails loudly instead of being missed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
# The raisers every other one derives from: name -> kind of code.
SEED_RAISERS = {"DomainError": "error", "Warning": "warning"}


@dataclass(frozen=True)
class Raiser:
    kind: str
    position: int  # index of the code among the positional arguments (self not counted)
    keyword: str


@dataclass
class Found:
    """Codes by kind, each with the places raising it; and code positions the scan could not read."""

    codes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)

    def of(self, kind: str) -> dict[str, list[str]]:
        return self.codes.get(kind, {})


@dataclass
class _Resolved:
    codes: set[tuple[str, str, int]] = field(default_factory=set)  # (code, file, line) of a literal
    params: set[str] = field(default_factory=set)
    unresolved: list[ast.AST] = field(default_factory=list)

    def merge(self, other: _Resolved) -> _Resolved:
        self.codes |= other.codes
        self.params |= other.params
        self.unresolved += other.unresolved
        return self


@dataclass
class _Module:
    path: str
    tree: ast.Module
    constants: dict[str, ast.expr]
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    # local name -> (module, attribute): ``from a.b import c`` is ("a.b", "c"), ``import a.b`` ("a.b", None)
    imports: dict[str, tuple[str, str | None]]
    index: dict[str, _Module]  # every scanned module by dotted name, shared

    def imported_module(self, name: str) -> _Module | None:
        """The scanned module a local name is bound to by an import, if any."""
        if name not in self.imports:
            return None
        module, attribute = self.imports[name]
        return self.index.get(f"{module}.{attribute}" if attribute else module)

    def imported_constant(self, name: str) -> tuple[_Module, ast.expr] | None:
        """The module-level constant of another scanned module a local name is imported as."""
        module, attribute = self.imports.get(name, ("", None))
        source = self.index.get(module)
        if source is None or attribute is None or attribute not in source.constants:
            return None
        return source, source.constants[attribute]


def scan(root: Path, packages: Iterable[str]) -> Found:
    index: dict[str, _Module] = {}
    modules = [
        _load(root, path, index)
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    ]
    raisers = {name: Raiser(kind, 0, "code") for name, kind in SEED_RAISERS.items()}
    while True:  # raisers found in one pass make their callers' arguments codes in the next
        found, promoted = Found(), dict(raisers)
        for module in modules:
            _scan_module(module, raisers, promoted, found)
        if promoted == raisers:
            return found
        raisers = promoted


def _load(root: Path, path: Path, index: dict[str, _Module]) -> _Module:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parts = list(path.relative_to(root).with_suffix("").parts)
    package = parts[:-1]
    if parts[-1] == "__init__":
        parts = package
    constants: dict[str, ast.expr] = {}
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    imports: dict[str, tuple[str, str | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                imports[alias.asname or alias.name] = (source, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = (alias.name, None)
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            constants[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            constants[node.target.id] = node.value
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions[node.name] = node
    module = _Module(str(path.relative_to(root)), tree, constants, functions, imports, index)
    index[".".join(parts)] = module
    return module


def _scan_module(
    module: _Module, raisers: dict[str, Raiser], promoted: dict[str, Raiser], found: Found
) -> None:
    enclosing = _enclosing_functions(module.tree)
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ClassDef) and not _defines_init(node):
            base = next((b.id for b in node.bases if isinstance(b, ast.Name) and b.id in raisers), None)
            if base is not None:
                promoted.setdefault(node.name, raisers[base])
    for scope, function, cls in _scopes(module.tree):
        for node in _own_nodes(scope):
            code_expr, kind = _code_position(node, raisers, cls)
            if code_expr is None:
                continue
            resolved = _Resolver(module, function).resolve(code_expr)
            for code, path, line in sorted(resolved.codes):
                places = found.codes.setdefault(kind, {}).setdefault(code, [])
                if f"{path}:{line}" not in places:
                    places.append(f"{path}:{line}")
            for expr in resolved.unresolved:
                outer = enclosing.get(function) if isinstance(expr, ast.Name) else None
                if outer is not None and isinstance(expr, ast.Name) and expr.id in _params(outer):
                    # A closure handing on its enclosing function's parameter (a rule
                    # builder's ``code``): the enclosing function is the raiser.
                    _promote(outer, None, expr.id, kind, promoted)
                    continue
                found.unresolved.append(f"{module.path}:{expr.lineno}: {ast.unparse(expr)}")
            for param in resolved.params:
                _promote(function, cls, param, kind, promoted)


def _defines_init(cls: ast.ClassDef) -> bool:
    return any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in cls.body)


def _enclosing_functions(tree: ast.Module) -> dict[ast.AST | None, ast.FunctionDef]:
    """Each nested function's innermost enclosing function."""
    parents: dict[ast.AST | None, ast.FunctionDef] = {}
    for outer in ast.walk(tree):  # breadth first: a nearer parent is seen later and wins
        if isinstance(outer, ast.FunctionDef):
            for inner in ast.walk(outer):
                if inner is not outer and isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                    parents[inner] = outer
    return parents


def _params(function: ast.FunctionDef) -> set[str]:
    args = function.args
    return {a.arg for a in (args.posonlyargs + args.args + args.kwonlyargs)}


def _scopes(
    tree: ast.Module,
) -> Iterator[tuple[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None, ast.ClassDef | None]]:
    """The module body, then every function (with the class it is a method of)."""
    yield tree, None, None

    def visit(
        node: ast.AST, cls: ast.ClassDef | None
    ) -> Iterator[
        tuple[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None, ast.ClassDef | None]
    ]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield child, child, cls
                yield from visit(child, None)
            else:
                yield from visit(child, cls)

    yield from visit(tree, None)


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """Nodes of a scope, not descending into functions (scopes of their own); class bodies are
    part of the scope around them."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _code_position(
    node: ast.AST, raisers: dict[str, Raiser], cls: ast.ClassDef | None
) -> tuple[ast.expr | None, str]:
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "code":
                if isinstance(value, ast.Constant) and not isinstance(value.value, str):
                    return None, ""  # a number under "code" is an HTTP status, not an error code
                return value, "error"
        return None, ""
    if not isinstance(node, ast.Call):
        return None, ""
    raiser = raisers.get(_callee(node, cls, raisers))
    if raiser is None:
        return None, ""
    for keyword in node.keywords:
        if keyword.arg == raiser.keyword:
            return keyword.value, raiser.kind
    if len(node.args) > raiser.position and not any(isinstance(a, ast.Starred) for a in node.args):
        return node.args[raiser.position], raiser.kind
    return None, ""


def _callee(call: ast.Call, cls: ast.ClassDef | None, raisers: dict[str, Raiser]) -> str:
    """The raiser name a call would match: a function or class by name, a method as
    ``method:<name>`` (so ``self._fail`` is not taken for a module's ``_fail``)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        inner = func.value
        if (
            func.attr == "__init__"
            and isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id == "super"
            and cls is not None
        ):
            # super().__init__(...) in a subclass of a raiser is a call of that raiser.
            return next(
                (b.id for b in cls.bases if isinstance(b, ast.Name) and b.id in raisers), ""
            )
        if isinstance(inner, ast.Name) and inner.id in ("self", "cls"):
            return f"method:{func.attr}"
        return func.attr  # module.function(...) or module.Class(...)
    return ""


def _promote(
    function: ast.FunctionDef | ast.AsyncFunctionDef | None,
    cls: ast.ClassDef | None,
    param: str,
    kind: str,
    promoted: dict[str, Raiser],
) -> None:
    if function is None:
        return
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    if cls is not None and names and names[0] in ("self", "cls"):
        names = names[1:]
    position = names.index(param) if param in names else 1_000  # keyword-only: by name only
    if cls is None:
        name = function.name
    else:
        name = cls.name if function.name == "__init__" else f"method:{function.name}"
    promoted.setdefault(name, Raiser(kind, position, param))


class _Resolver:
    """What values an expression in a code position can take, as far as the source says."""

    def __init__(
        self,
        module: _Module,
        function: ast.FunctionDef | ast.AsyncFunctionDef | None,
        seen: frozenset[str] = frozenset(),
    ) -> None:
        self.module, self.function, self.seen = module, function, seen
        args = function.args if function else None
        self.params = (
            {a.arg for a in (args.posonlyargs + args.args + args.kwonlyargs)} if args else set()
        )

    def resolve(self, expr: ast.expr) -> _Resolved:
        if isinstance(expr, ast.Constant):
            if isinstance(expr.value, str) and CODE_PATTERN.match(expr.value):
                return _Resolved(codes={(expr.value, self.module.path, expr.lineno)})
            return _Resolved(unresolved=[expr])
        if isinstance(expr, ast.IfExp):
            return self.resolve(expr.body).merge(self.resolve(expr.orelse))
        if isinstance(expr, ast.BoolOp):
            result = _Resolved()
            for value in expr.values:
                result.merge(self.resolve(value))
            return result
        if isinstance(expr, ast.Name):
            return self._name(expr)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            other = self.module.imported_module(expr.value.id)
            if other is not None and expr.attr in other.constants:  # errors.EMPTY_ASSESSMENT
                return _Resolver(other, None).resolve(other.constants[expr.attr])
        if _reads_a_code(expr):
            return _Resolved()  # passes on a code raised and found elsewhere
        if isinstance(expr, ast.Call):
            return self._call(expr)
        if (
            isinstance(expr, ast.Subscript)
            and isinstance(expr.value, ast.Name)
            and expr.value.id in self.module.constants
        ):
            return self._table(self.module.constants[expr.value.id], None)
        return _Resolved(unresolved=[expr])

    def _name(self, name: ast.Name) -> _Resolved:
        if name.id in self.params:
            return _Resolved(params={name.id})
        if self.function is not None:
            bound = list(self._local_bindings(name.id))
            if bound:
                result = _Resolved()
                for binding in bound:
                    result.merge(binding)
                return result
        if name.id in self.module.constants:
            return self._table(self.module.constants[name.id], None)
        imported = self.module.imported_constant(name.id)
        if imported is not None:  # from x.errors import EMPTY_ASSESSMENT
            source, value = imported
            return _Resolver(source, None)._table(value, None)
        return _Resolved(unresolved=[name])

    def _local_bindings(self, name: str) -> Iterator[_Resolved]:
        assert self.function is not None
        for node in _own_nodes(self.function):
            value = _assigned(node, name)
            if value is not None:
                yield self.resolve(value)
            elif (
                isinstance(node, ast.For)
                and isinstance(node.iter, ast.Name)
                and node.iter.id in self.module.constants
            ):
                bound, index = _loop_binding(node.target, name)
                if bound:
                    yield self._table(self.module.constants[node.iter.id], index)

    def _call(self, call: ast.Call) -> _Resolved:
        func = call.func
        if isinstance(func, ast.Name) and func.id == "str" and len(call.args) == 1:
            return self.resolve(call.args[0])
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Name)
            and func.value.id in self.module.constants
        ):
            result = self._table(self.module.constants[func.value.id], None)
            return result.merge(self.resolve(call.args[1])) if len(call.args) > 1 else result
        if (
            isinstance(func, ast.Name)
            and func.id in self.module.functions
            and func.id not in self.seen
        ):
            callee = self.module.functions[func.id]
            inner = _Resolver(self.module, callee, self.seen | {func.id})
            result = _Resolved()
            for node in _own_nodes(callee):
                if isinstance(node, ast.Return) and node.value is not None:
                    result.merge(inner.resolve(node.value))
            result.params = set()  # the callee's parameters are not this function's
            return result
        return _Resolved(unresolved=[call])

    def _table(self, table: ast.expr, index: int | None) -> _Resolved:
        """Codes in a module-level table: a dict's values, or the ``index``-th item of each row."""
        if isinstance(table, ast.Dict):
            rows: list[ast.expr] = list(table.values)
        elif isinstance(table, ast.Tuple | ast.List | ast.Set):
            rows = list(table.elts)
        else:
            return self.resolve(table)
        result = _Resolved()
        for row in rows:
            if index is not None and isinstance(row, ast.Tuple) and len(row.elts) > index:
                row = row.elts[index]
            result.merge(self.resolve(row))
        return result


def _assigned(node: ast.AST, name: str) -> ast.expr | None:
    """The value ``name = value`` (or ``name: T = value``) binds, if ``node`` is that."""
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == name for t in node.targets
    ):
        return node.value
    if (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == name
    ):
        return node.value
    return None


def _loop_binding(target: ast.expr, name: str) -> tuple[bool, int | None]:
    """Whether a for loop binds ``name``: to each row (index None) or to an item of each row."""
    if isinstance(target, ast.Name):
        return target.id == name, None
    if isinstance(target, ast.Tuple):
        for index, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return True, index
    return False, None


def _reads_a_code(expr: ast.expr) -> bool:
    """``x.code``, ``x["code"]`` or ``x.get("code")``: a code that was set somewhere else."""
    if isinstance(expr, ast.Attribute):
        return expr.attr == "code"
    if isinstance(expr, ast.Subscript):
        return isinstance(expr.slice, ast.Constant) and expr.slice.value == "code"
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "get"
    ):
        return (
            bool(expr.args)
            and isinstance(expr.args[0], ast.Constant)
            and expr.args[0].value == "code"
        )
    return False
