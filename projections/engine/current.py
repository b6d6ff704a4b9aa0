"""Single-statement reads against the generation this process last saw active.

Every such statement also returns the registry's active generation from its own snapshot, so
a rebuild switch made by any process is seen by the very next read here: a read that finds
another generation active remembers it and runs again on it, and a read whose tables a
rebuild already dropped looks the generation up afresh. No per-request lookup, no LISTEN."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError
from projections.engine.db import MissingTableError, Store
from projections.engine.fingerprint import Freshness

ATTEMPTS = 3
# With the generation's fingerprint: a generation another definition of the view made is refused.
_LOOKUP = ("SELECT r.active_generation, t.fingerprint FROM projection_registry r "
           "LEFT JOIN projection_tracking t ON t.name = r.name AND t.generation = r.active_generation "
           "WHERE r.name = ?")
# The statement for a generation; its first column is the registry's active generation.
Statement = Callable[[str, int], str]
Row = tuple[Any, ...]
_Request = tuple[str, Sequence[Any]]
_Steps = Generator[_Request, list[Row], Row | None]
# A statement's rows, or the table it found missing (thrown into the steps).
_Answer = list[Row] | MissingTableError


@dataclass(frozen=True)
class _Found:
    row: Row | None


def _advance(steps: _Steps, answer: _Answer | None) -> _Request | _Found:
    """The next statement of ``steps`` after ``answer`` (None to start), or its result."""
    try:
        if answer is None:
            return next(steps)
        if isinstance(answer, MissingTableError):
            return steps.throw(answer)
        return steps.send(answer)
    except StopIteration as done:
        return _Found(done.value)


class CurrentGenerations:
    def __init__(self, store: Store, freshness: Freshness | None = None) -> None:
        self.store, self.freshness = store, freshness
        self._known: dict[str, int] = {}

    def fetch(self, name: str, statement: Statement, params: Sequence[Any]) -> Row | None:
        """The statement's row (without the generation), or None when it found no row."""
        steps = self._steps(name, statement, params)
        step = _advance(steps, None)
        while not isinstance(step, _Found):
            step = _advance(steps, self._ask(*step))
        return step.row

    async def fetch_async(self, name: str, statement: Statement,
                          params: Sequence[Any]) -> Row | None:
        """``fetch`` without a thread on PostgreSQL (an async pool); SQLite's call is short
        and runs in a thread."""
        steps = self._steps(name, statement, params)
        step = _advance(steps, None)
        while not isinstance(step, _Found):
            step = _advance(steps, await self._ask_async(*step))
        return step.row

    def _steps(self, name: str, statement: Statement, params: Sequence[Any]) -> _Steps:
        """The read as the statements it runs, each answered with its rows (or the missing
        table), so the blocking and the async ``fetch`` share it."""
        for _attempt in range(ATTEMPTS):
            generation = self._known.get(name)
            try:
                if generation is None:
                    generation = self._look_up(name, (yield _LOOKUP, (name,)))
                rows = yield statement(self.store.dialect, generation), params
            except MissingTableError:
                self._known.pop(name, None)
                continue
            if self._current(name, generation, rows):
                return rows[0][1:]
        raise _switching(name)

    def _ask(self, statement: str, params: Sequence[Any]) -> _Answer:
        try:
            return self.store.fetch_one_statement(statement, params)
        except MissingTableError as missing:
            return missing

    async def _ask_async(self, statement: str, params: Sequence[Any]) -> _Answer:
        run_async = getattr(self.store, "fetch_one_statement_async", None)
        try:
            if run_async is not None:
                rows: list[Row] = await run_async(statement, params)
                return rows
            return await asyncio.to_thread(self.store.fetch_one_statement, statement, params)
        except MissingTableError as missing:
            return missing

    def _look_up(self, name: str, rows: list[Row]) -> int:
        generation = rows[0][0] if rows else None
        if generation is None:
            raise _not_built(name)
        if self.freshness is not None:
            self.freshness.check(name, generation, rows[0][1])
        self._known[name] = generation
        return int(generation)

    def _current(self, name: str, generation: int, rows: list[Row]) -> bool:
        """Whether ``rows`` were read from the active generation; else the next attempt looks
        the new one up (and its fingerprint)."""
        if rows[0][0] is None:
            raise _not_built(name)
        if rows[0][0] != generation:
            self._known.pop(name, None)
            return False
        return True


def _not_built(name: str) -> DomainError:
    return DomainError("PROJECTION_BEHIND", f"The {name} view is still being built for the "
                       "first time.")


def _switching(name: str) -> DomainError:
    return DomainError("PROJECTION_BEHIND", f"The {name} view is switching; retry.")
