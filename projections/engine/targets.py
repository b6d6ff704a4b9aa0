"""Which generation of each view a runner works on: a fresh one per view when rebuilding,
else each view's active generation (creating generation 1 on a first start), each behind its
lock so one runner at a time writes a generation."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from projections.engine import registry
from projections.engine.applied import applied_base, ensure_table
from projections.engine.db import Conn, Store
from projections.engine.fingerprint import fingerprint
from projections.engine.locks import Lock, lock_for
from projections.engine.sqlite import SQLiteStore
from projections.engine.view import View

log = logging.getLogger("riwayat.projections")


@dataclass
class Target:
    view: View
    generation: int
    status: str
    position: int
    lock: Lock
    failed: bool = False
    recorded: bool = False  # the generation's applied table is known to exist

    @property
    def key(self) -> tuple[str, int]:
        return (self.view.name, self.generation)


class GenerationTargets:
    """The runner's targets; ``Runner`` sets the attributes."""

    store: Store
    conn: Conn
    views: list[View]
    rebuild: bool
    targets: dict[str, Target]
    retried: set[tuple[str, int]]

    def _start_rebuild(self) -> None:
        for view in self.views:
            generation = self._new_generation(view, reuse=False)
            target = Target(view, generation, registry.BUILDING, 0, self._lock(view, generation))
            if not target.lock.try_acquire():
                raise RuntimeError(f"cannot lock the new generation {generation} of {view.name}")
            self.targets[view.name] = target

    def _new_generation(self, view: View, *, reuse: bool) -> int:
        """Add a generation of ``view`` with fresh tables (built from position 0 beside the
        serving one); with ``reuse``, one already building from this code's definition is
        taken instead, decided under the DDL lock so two workers never both start one."""
        fingerprint = self._fingerprint(view)
        with self.conn.write():
            if self.conn.dialect == "postgres":
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('riwayat-projection-ddl'))")
            gens = registry.generations(self.conn, view.name)
            building = [g.generation for g in gens if g.status == registry.BUILDING
                        and g.fingerprint == fingerprint]
            if reuse and building:
                return max(building)
            generation = max((g.generation for g in gens), default=0) + 1
            registry.add_generation(self.conn, view.name, generation, fingerprint)
            view.create_tables(self.conn, generation)
        self._drop_abandoned(view, gens)
        return generation

    def _fingerprint(self, view: View) -> str:
        return fingerprint(view, self.conn.dialect)

    def _drop_abandoned(self, view: View, gens: Sequence[registry.Generation]) -> None:
        """Drop generations a crashed rebuild left behind (nobody holds their lock)."""
        for gen in gens:
            if gen.status == registry.ACTIVE:
                continue
            lock = self._lock(view, gen.generation)
            if lock.try_acquire():
                try:
                    self._drop(view, gen.generation)
                finally:
                    lock.release()

    def _drop(self, view: View, generation: int) -> None:
        with self.conn.write():
            view.drop_tables(self.conn, generation)
            registry.forget(self.conn, view.name, generation)

    def _lock(self, view: View, generation: int) -> Lock:
        path = self.store.path if isinstance(self.store, SQLiteStore) else None
        return lock_for(self.conn, path, view.name, generation)

    def refresh(self) -> None:
        """Follow each view's active generation (live mode); take locks where free."""
        if self.rebuild:
            return
        for view in self.views:
            wanted = self._wanted_generation(view)
            current = self.targets.get(view.name)
            if current is None or current.generation != wanted.generation:
                if current is not None:
                    current.lock.release()
                self.targets[view.name] = current = Target(
                    view, wanted.generation, wanted.status, wanted.position,
                    self._lock(view, wanted.generation),
                )
            current.status, current.position = wanted.status, wanted.position
            if not current.lock.try_acquire():
                continue
            if not current.recorded:
                # Generations made before the engine recorded what it applied get the table
                # now; their record starts here (a rebuild makes it complete).
                with self.conn.write():
                    ensure_table(self.conn, view.table_name(applied_base(view.name),
                                                            wanted.generation))
                current.recorded = True
            if wanted.error is not None and current.key not in self.retried:
                # A restarted worker tries a failed view once more (the code may be fixed).
                self.retried.add(current.key)
                with self.conn.write():
                    registry.clear_failure(self.conn, view.name, wanted.generation)
                current.failed = False
            elif wanted.error is not None:
                current.failed = True

    def _wanted_generation(self, view: View) -> registry.Generation:
        """The active generation if this code's definition made it; else the one building
        from this definition, started here when there is none (a first start, or an upgrade
        that changed the view: readers refuse the old generation until the switch)."""
        wanted = self._fingerprint(view)
        for _attempt in range(2):
            with self.conn.read():
                active = registry.active_generation(self.conn, view.name)
                gens = {g.generation: g for g in registry.generations(self.conn, view.name)}
            if active in gens and gens[active].fingerprint == wanted:
                return gens[active]
            building = [g for g in gens.values()
                        if g.status == registry.BUILDING and g.fingerprint == wanted]
            if building:
                return max(building, key=lambda g: g.generation)
            if active in gens:
                log.warning("projection %s g%s was made by another definition of the view; "
                            "building a new generation", view.name, active)
            self._new_generation(view, reuse=True)
        raise RuntimeError(f"no generation of {view.name} could be created")
