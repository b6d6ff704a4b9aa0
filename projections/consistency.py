"""Read-your-writes: wait, bounded, until the views a query reads have applied a log position.

The positions are read where the queries read: with a read replica, from the standby's copy of
the tracking rows (written on the primary in the same transaction as the view rows, then
replicated), so reaching P there means the standby has the view as of P. When only the
standby lags (the primary's view has P), the refusal says so: REPLICA_BEHIND, not
PROJECTION_BEHIND."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from domain.errors import DomainError
from projections.engine import registry
from projections.engine.db import MissingTableError, Store
from projections.engine.fingerprint import rebuilding

WAIT_INTERVAL_SECONDS = 0.02


class Tracked(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def position(self) -> int: ...
    @property
    def error(self) -> str | None: ...


def wait_for(status: Callable[[Sequence[str]], Sequence[Tracked]], store: Store,
             position: int | None, names: Sequence[str], timeout: float) -> None:
    """Return once every view in ``names`` has applied ``position`` (by ``status``); else
    PROJECTION_BEHIND, or REPLICA_BEHIND when ``store`` reads a standby that has not replayed
    what the primary's views have applied."""
    if not position:
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            statuses = [s for s in status(names) if s.active]
        except MissingTableError:  # a standby that has not yet replayed the registry's creation
            statuses = []
        for s in statuses:  # its generation no longer advances: waiting cannot help
            if not getattr(s, "current_definition", True):
                raise rebuilding(s.name)
        behind = [s for s in statuses if s.position < position]
        failed = [s for s in behind if s.error]
        if not behind and len(statuses) == len(names):
            return
        if failed or time.monotonic() >= deadline:
            break
        time.sleep(WAIT_INTERVAL_SECONDS)
    if not failed and getattr(store, "reads_from_standby", False) and _primary_has(
            store, position, names):
        raise DomainError(
            "REPLICA_BEHIND",
            f"The views have applied log position {position} on the primary, but the read "
            f"replica has not replayed it within {timeout:g}s; retry shortly.",
        )
    described = "; ".join(
        f"{s.name} at {s.position}" + (f" stopped: {s.error}" if s.error else "") for s in behind
    )
    raise DomainError(
        "PROJECTION_BEHIND",
        f"The read model has not reached log position {position} within {timeout:g}s "
        f"({described}); retry shortly.",
    )


def _primary_has(store: Store, position: int, names: Sequence[str]) -> bool:
    """Whether the primary's active generation of every view in ``names`` has ``position``."""
    conn = store.connect()  # connections are the primary's; only reads go to the standby
    try:
        active = registry.all_active(conn)
        positions: dict[str, Any] = {
            g.name: g.position for name in names for g in registry.generations(conn, name)
            if active.get(name) == g.generation
        }
    finally:
        conn.close()
    return all(positions.get(name, -1) >= position for name in names)
