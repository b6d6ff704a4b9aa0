"""The catch-up runner: reads the log in batches from the lowest tracked position of its views,
decodes each event once, and applies each view's share in that view's own transaction.

Live mode follows each view's active generation (building generation 1 on first start);
rebuild mode builds a fresh generation from position 0 beside the serving one and switches
readers over when it has caught up. A view whose code cannot apply an event is stopped there
with the error recorded; the others carry on."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import Notification

from projections.engine import bulk, registry
from projections.engine.batch import Decoded, PoisonEvent, ViewFailure, apply_batch
from projections.engine.bulk import BulkTarget
from projections.engine.db import UNSTORABLE_VALUE_ERRORS, Conn, Store
from projections.engine.known_histories import KnownHistories
from projections.engine.log import LogReader
from projections.engine.postgres import PostgresStore
from projections.engine.targets import GenerationTargets, Target
from projections.engine.view import View
from projections.engine.written_rows import WrittenRows

log = logging.getLogger("riwayat.projections")
# A first start over a log this long builds by bulk load too (a rebuild always does).
BULK_MIN_EVENTS_LIVE = 20_000


class Runner(GenerationTargets):
    def __init__(
        self,
        store: Store,
        app: Any,
        views: Sequence[View],
        *,
        batch_size: int = 2000,
        poll_seconds: float = 0.5,
        rebuild: bool = False,
        bulk_workers: int = 0,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.store, self.views, self.rebuild = store, list(views), rebuild
        self.log = LogReader(app)
        self.batch_size, self.poll_seconds = batch_size, poll_seconds
        self.conn: Conn = store.connect()
        self.targets: dict[str, Target] = {}
        self.retried: set[tuple[str, int]] = set()
        self.bulk_workers = bulk_workers
        # Told how far through the log the held views are (events read; a progress bar).
        self.progress = progress
        self.bulk_skipped: set[tuple[str, int]] = set()
        self.known = KnownHistories()
        self.written = WrittenRows()
        self._listen: Any = None
        self.channel = getattr(app.recorder, "channel_name", None)
        with self.conn.write():
            registry.create_registry(self.conn)
        if rebuild:
            self._start_rebuild()

    # --- processing ----------------------------------------------------------------------

    def step(self) -> bool:
        """Apply one batch to every held target; True if more events are waiting."""
        working = [t for t in self.targets.values() if not t.failed and _held(t)]
        if not working:
            return False
        self._bulk_load(working)
        start = min(t.position for t in working)
        notes = self.log.read(start, self.batch_size)
        caught_up = len(notes) < self.batch_size
        decoded = Decoded(self.log, {}, known=self.known, written=self.written)
        for target in working:
            mine = [n for n in notes if n.id > target.position]
            self._apply(target, mine, decoded)
            if caught_up and not target.failed and target.status == registry.BUILDING:
                self._activate(target)
        if self.progress is not None:
            self.progress(min(t.position for t in working))
        return not caught_up

    def _bulk_load(self, working: Sequence[Target]) -> None:
        """Fresh generations (BUILDING at 0) are loaded in one pass up to the head; the
        batch path then carries on from there (or from 0 for a view the bulk load left)."""
        fresh = [t for t in working if t.status == registry.BUILDING and t.position == 0
                 and t.key not in self.bulk_skipped]
        if not fresh or (not self.rebuild and self.log.head() < BULK_MIN_EVENTS_LIVE):
            return
        try:
            head, left = bulk.load(self.conn, self.store, self.log, [BulkTarget(t.view, t.generation)
                                                         for t in fresh], self.bulk_workers,
                                    self.progress)
        except UNSTORABLE_VALUE_ERRORS as error:
            # One COPY refused a value; the batch path finds the event and stops that view.
            log.warning("bulk load refused by the database, left to the batch path: %s", error)
            self.bulk_skipped.update(t.key for t in fresh)
            return
        for target in fresh:
            if target.view.name in left:
                self.bulk_skipped.add(target.key)
            else:
                target.position = head

    def _apply(self, target: Target, notes: Sequence[Notification], decoded: Decoded) -> None:
        try:
            target.position = apply_batch(
                self.conn, target.view, target.generation, target.status, target.position,
                notes, decoded,
            )
        except ViewFailure:
            # Find the exact event by applying one at a time up to it, keeping the good ones.
            for note in notes:
                try:
                    target.position = apply_batch(
                        self.conn, target.view, target.generation, target.status,
                        target.position, [note], decoded,
                    )
                except ViewFailure as error:
                    poison = PoisonEvent(
                        note.id, f"{note.originator_id} v{note.originator_version} {note.topic}",
                        error.__cause__ or error,
                    )
                    self._fail(target, poison)
                    return

    def _fail(self, target: Target, poison: PoisonEvent) -> None:
        log.error("projection %s g%s stopped: %s", *target.key, poison)
        target.failed = True
        # Seen failing by this process: not retried here (a restarted worker tries once more),
        # so one failure is one log line.
        self.retried.add(target.key)
        with self.conn.write():
            registry.record_failure(
                self.conn, target.view.name, target.generation, poison.position, str(poison)
            )

    def _activate(self, target: Target) -> None:
        with self.conn.write():
            found = registry.lock_row(self.conn, target.view.name, target.generation)
            if found != (registry.BUILDING, target.position):
                raise registry.TrackingConflict(f"{target.key} moved during activation")
            previous = registry.activate(self.conn, target.view.name, target.generation)
        target.status = registry.ACTIVE
        log.info("projection %s g%s is active at %s", *target.key, target.position)
        if previous is not None and previous != target.generation:
            self._drop(target.view, previous)

    def catch_up(self, max_batches: int | None = None,
                 stop: threading.Event | None = None) -> None:
        """Run batches until every held view is at the log's head (or failed), or ``stop``
        is set (checked between batches: a worker told to stop under a backlog stops soon)."""
        batches = 0
        while (max_batches is None or batches < max_batches) and not (stop and stop.is_set()):
            self.refresh()
            try:
                more = self.step()
            except registry.TrackingConflict as conflict:
                log.info("re-reading targets: %s", conflict)
                continue
            batches += 1
            if not more:
                return

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.catch_up(max_batches=50, stop=stop)
                if not self._more_waiting():
                    self._wait(stop)
            except Exception:
                # Lost connections and locked databases pass; never spin on them.
                log.exception("projection runner error; retrying")
                self._reconnect_until_up(stop)

    def _more_waiting(self) -> bool:
        working = [t for t in self.targets.values() if not t.failed and _held(t)]
        return bool(working) and min(t.position for t in working) < self.log.head()

    def _wait(self, stop: threading.Event) -> None:
        if isinstance(self.store, PostgresStore) and self.channel:
            if self._listen is None:
                self._listen = self.store.listen_connection(self.channel)
            # Wake on NOTIFY, but poll anyway when none comes, so a lost one cannot stall us.
            for _note in self._listen.notifies(timeout=self.poll_seconds, stop_after=1):
                pass
        else:
            stop.wait(self.poll_seconds)

    def _reconnect_until_up(self, stop: threading.Event) -> None:
        # The database may stay down for a while (a cluster restart): keep trying, with a
        # bounded backoff, rather than letting the error end the runner's thread.
        delay = max(self.poll_seconds, 1.0)
        while not stop.wait(delay):
            try:
                self._reconnect()
                return
            except Exception as error:
                log.warning("projection runner cannot reconnect yet: %s", error)
                delay = min(delay * 2, 10.0)

    def _reconnect(self) -> None:
        self.close()
        self.conn = self.store.connect()
        self.targets.clear()
        self.known.clear()
        self.written.clear()

    def close(self) -> None:
        for target in self.targets.values():
            target.lock.release()
        for closable in (self._listen, self.conn):
            if closable is not None:
                with contextlib.suppress(Exception):
                    closable.close()
        self._listen = None


def _held(target: Target) -> bool:
    return target.lock.try_acquire()
