"""The read side as one object: the views, their background runner, read-your-writes waits,
status, and the queries (each against the generation active when it starts)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from domain.competence.plan import Effectiveness
from domain.errors import DomainError
from projections import consistency
from projections.directory_reads import DirectoryReads
from projections.engine import registry
from projections.engine.current import CurrentGenerations
from projections.engine.db import Conn, MissingTableError, Store
from projections.engine.fingerprint import Freshness
from projections.engine.log import LogReader
from projections.engine.runner import Runner
from projections.promotion_reads import CANDIDATE_CACHE_ROWS, PromotionReads
from projections.views import views_named
from projections.views.career_history import queries as career_queries
from projections.views.career_history import single_read as career_single_read
from projections.views.promotion.candidates import Candidate
from projections.views.retirement import queries as retirement_queries
from projections.views.training_effectiveness import queries as effectiveness_queries
from projections.views.training_ledger import queries as ledger_queries

T = TypeVar("T")


@dataclass(frozen=True)
class ViewStatus:
    name: str
    generation: int
    status: str  # ACTIVE, BUILDING or FAILED
    active: bool
    position: int
    head: int
    lag_events: int
    lag_seconds: float
    error: str | None
    error_position: int | None
    updated_at: str
    # Whether this code's definition of the view made the generation (else it is being rebuilt).
    current_definition: bool = True


class ReadModels(PromotionReads, DirectoryReads):
    def __init__(self, store: Store, app: Any, *, batch_size: int = 2000,
                 poll_seconds: float = 0.5, view_names: Sequence[str] | None = None,
                 candidate_cache_rows: int = CANDIDATE_CACHE_ROWS) -> None:
        self.store, self.app = store, app
        self.log = LogReader(app)
        self.batch_size, self.poll_seconds = batch_size, poll_seconds
        self.view_names = [v.name for v in views_named(view_names)]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._candidates: OrderedDict[tuple[Any, ...], list[Candidate]] = OrderedDict()
        self.candidate_cache_rows = candidate_cache_rows
        self._cache_lock = threading.Lock()
        self.freshness = Freshness(views_named(None), store.dialect)
        self.current = CurrentGenerations(store, self.freshness)
        conn = store.connect()
        try:
            with conn.write():
                registry.create_registry(conn)
        finally:
            conn.close()

    # --- lifecycle ---------------------------------------------------------------------

    def runner(self, rebuild: bool = False, names: Sequence[str] | None = None,
               bulk_workers: int = 0, progress: Callable[[int], None] | None = None) -> Runner:
        return Runner(self.store, self.app, views_named(names or self.view_names),
                      batch_size=self.batch_size, poll_seconds=self.poll_seconds, rebuild=rebuild,
                      bulk_workers=bulk_workers, progress=progress)

    def start(self) -> None:
        """Run the views in a background thread (``riwayat serve``)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="riwayat-projections", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        runner = self.runner()
        try:
            runner.run_forever(self._stop)
        finally:
            runner.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self.store.close()

    def catch_up(self) -> None:
        """Bring every view to the log's head in the calling thread (tests, CLI)."""
        runner = self.runner()
        try:
            runner.catch_up()
        finally:
            runner.close()

    def rebuild(self, names: Sequence[str] | None = None, workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> None:
        """Build fresh generations and switch readers to them; the bulk load computes rows in
        ``workers`` forked processes (default: one per CPU, at most 4). ``progress`` hears how
        many events of the log the new generations have read."""
        if workers is None:
            workers = min(os.cpu_count() or 1, 4)
        runner = self.runner(rebuild=True, names=names, bulk_workers=workers, progress=progress)
        try:
            runner.catch_up()
        finally:
            runner.close()
        self._candidates.clear()

    # --- consistency -------------------------------------------------------------------

    def wait_for(self, position: int | None, names: Sequence[str], timeout: float) -> None:
        """Return once every view in ``names`` has applied ``position`` where queries read
        (a standby's copy with a read replica); else PROJECTION_BEHIND or REPLICA_BEHIND."""
        consistency.wait_for(self.status, self.store, position, names, timeout)

    def status(self, names: Sequence[str] | None = None,
               now: datetime | None = None) -> list[ViewStatus]:
        """Every live generation of the views; lag in seconds only when ``now`` is given."""
        head = self.log.head()
        result = []
        with self.store.reader() as conn:
            active = registry.all_active(conn)
            for name in names or self.view_names:
                for gen in registry.generations(conn, name):
                    if gen.status == registry.RETIRED:
                        continue
                    lag = max(0, head - gen.position)
                    seconds = 0.0
                    if lag and now is not None:
                        recorded = self.log.recorded_at(self._next_position(gen.position))
                        seconds = (now - recorded).total_seconds() if recorded else 0.0
                    result.append(ViewStatus(
                        name, gen.generation, "FAILED" if gen.error else gen.status,
                        active.get(name) == gen.generation, gen.position, head, lag,
                        max(0.0, seconds), gen.error, gen.error_position, gen.updated_at,
                        gen.fingerprint == self.freshness.expected.get(name, gen.fingerprint),
                    ))
        return result

    def lag_problems(self, max_lag_events: int) -> list[str]:
        """Reasons the read side is not ready (for the readiness probe); empty when ready."""
        every = self.status()
        statuses = [s for s in every if s.active]
        problems = [f"projection {name}: not built yet" for name in self.view_names
                    if name not in {s.name for s in statuses}]
        # A stopped generation is a problem even before it serves (a first build, a rebuild).
        problems += [f"projection {s.name}: stopped at position {s.error_position}"
                     for s in every if s.error and not s.active]
        rebuilding = {s.name for s in statuses if not s.current_definition}
        problems += [f"projection {s.name}: rebuilding for this release (generation "
                     f"{s.generation} at position {s.position} of {s.head})"
                     for s in every if s.name in rebuilding and not s.active and not s.error]
        for s in statuses:
            if s.name in rebuilding:
                continue
            if s.error:
                problems.append(f"projection {s.name}: stopped at position {s.error_position}")
            elif s.lag_events > max_lag_events:
                problems.append(f"projection {s.name}: {s.lag_events} events behind")
        return problems

    def _next_position(self, position: int) -> int:
        notes = self.log.read(position, 1)
        return notes[0].id if notes else position + 1

    # --- queries -----------------------------------------------------------------------

    def _query(self, name: str, read: Callable[[Conn, int], T]) -> T:
        for _attempt in range(3):
            try:
                with self.store.reader() as conn:
                    generation = registry.active_generation(conn, name)
                    if generation is None:
                        raise DomainError(
                            "PROJECTION_BEHIND",
                            f"The {name} view is still being built for the first time.",
                        )
                    self.freshness.check_stored(conn, name, generation)
                    return read(conn, generation)
            except MissingTableError:
                continue  # a rebuild switched generations and dropped the old tables
        raise DomainError("PROJECTION_BEHIND", f"The {name} view is switching; retry.")
    view_query = _query  # a read whose statement lives beside its view (views/*/queries)

    def career_history(self, nip: str) -> career_queries.CareerHistory | None:
        row = self.current.fetch("career_history", career_single_read.statement, (nip,))
        return career_single_read.record_from_row(row) if row is not None else None

    async def career_history_async(self, nip: str) -> career_queries.CareerHistory | None:
        """``career_history`` in one statement, without a thread on PostgreSQL."""
        row = await self.current.fetch_async("career_history", career_single_read.statement,
                                             (nip,))
        return career_single_read.record_from_row(row) if row is not None else None

    async def close_async(self) -> None:
        """Close what the event loop opened (the async read pool), before ``stop``."""
        close = getattr(self.store, "close_async", None)
        if close is not None:
            await close()

    def upcoming_retirements(self, unit_id: str, start: date,
                             end: date) -> list[retirement_queries.UpcomingRetirement]:
        return self._query("retirement", lambda c, g: retirement_queries.upcoming_retirements(
            c, g, unit_id, start, end))

    def training_ledger(self, nip: str, year: int) -> ledger_queries.LedgerYear | None:
        ledgers, _ = self._query(
            "training_ledger", lambda c, g: ledger_queries.training_ledgers(c, g, year, nip=nip)
        )
        return ledgers[0] if ledgers else None

    def training_ledgers(self, unit_id: str, year: int, limit: int,
                         offset: int) -> tuple[list[ledger_queries.LedgerYear], int]:
        return self._query(
            "training_ledger",
            lambda c, g: ledger_queries.training_ledgers(c, g, year, unit_id=unit_id, limit=limit,
                                                  offset=offset),
        )

    def training_effectiveness(
        self, programme: str
    ) -> tuple[Effectiveness, list[str]]:
        return self._query(
            "training_effectiveness",
            lambda c, g: effectiveness_queries.training_effectiveness(c, g, programme),
        )
