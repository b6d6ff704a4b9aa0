"""Group commit: concurrent commands of one process are admitted and saved together.

The library locks the events table for each save, so one transaction per command serialises
every writer behind that lock and the database's own group commit never helps. A writer
thread per application drains a queue instead: it takes every pending command, admits each
against the latest state (including the events of earlier commands of the same group), and
saves all accepted events in one transaction, under one lock acquisition. Each command still
gets its own answer: its own event id, version and log position, or its own error. A command
that breaks a rule fails alone; the group goes on without it.

Idempotency keys are claimed in the same transaction. A second command with a key already
claimed earlier in the group is answered with the first one's result once it has committed
(or with IDEMPOTENCY_KEY_REUSED if its input differs), as it would be a moment later.

A conflict with another process (IntegrityError) rolls the whole transaction back, and the
group's commands are then run one at a time on the ordinary path, which reloads and retries
just the command that collided. Nothing is acknowledged before its transaction committed, so
a kill -9 loses no acknowledged command and leaves nothing partial."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import IntegrityError

from domain.errors import DomainError, Warning
from domain.servant import CivilServant
from service.contention import one_writer_per_servant
from service.idempotency import stored_requests
from service.servant_batches import existing_servants
from service.store.chain import ClaimedEvents, IdempotencyClaim

if TYPE_CHECKING:
    from service.application import Idempotency, Recorded, Riwayat

# Bounded so that one transaction stays short and a burst is split into several groups.
MAX_GROUP = 256
# The group's stored idempotency keys are read on another thread while its servants load.
LOADERS = 1


@dataclass
class Pending:
    """One queued command: ``act`` admits it on the group's state of the servant (``None``
    before an appointment) and returns the servant that holds its new events."""

    nip: str
    act: Callable[[CivilServant | None], tuple[CivilServant, list[Warning]]]
    alone: Callable[[], Recorded]  # the same command on the one-transaction path
    idempotency: Idempotency | None
    future: Future[Recorded] = field(default_factory=Future)


@dataclass
class _Admitted:
    pending: Pending
    result: dict[str, Any]
    start: int
    stop: int


class GroupWriter:
    def __init__(self, app: Riwayat, max_group: int = MAX_GROUP) -> None:
        self.app = app
        self.max_group = max_group
        self._queue: queue.SimpleQueue[Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._loaders = ThreadPoolExecutor(LOADERS, thread_name_prefix="riwayat-group-load")

    def submit(self, pending: Pending) -> Future[Recorded]:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="riwayat-group-writer", daemon=True
                    )
                    self._thread.start()
        self._queue.put(pending)
        return pending.future

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
        self._loaders.shutdown(wait=False)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group = [first]
            while len(group) < self.max_group:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)  # stop after this group
                    break
                group.append(more)
            self.commit(group)

    def commit(self, group: list[Pending]) -> None:
        """Admit and save ``group`` in one transaction; settle every future."""
        # A request that gave up (timed out) before its turn cancelled its future: it is
        # not run. From here on a future cannot be cancelled.
        group = [p for p in group if p.future.set_running_or_notify_cancel()]
        waiting = list(group)
        try:
            self._commit_together(group)
        except IntegrityError:
            for pending in waiting:
                if not pending.future.done():
                    self._commit_alone(pending)
        except BaseException as error:  # the database is down: every open command fails
            for pending in waiting:
                if not pending.future.done():
                    pending.future.set_exception(error)
            if not isinstance(error, Exception):
                raise

    def _commit_together(self, group: list[Pending]) -> None:
        app = self.app
        claimed: dict[tuple[str, str], tuple[str, Pending]] = {}
        followers: list[tuple[Pending, Pending]] = []
        admitted: list[_Admitted] = []
        events: list[Any] = []
        claims: list[ClaimedEvents] = []
        stored, state = self._prefetch(group)
        for pending in group:
            try:
                if self._answered_otherwise(pending, stored, claimed, followers):
                    continue
                servant, warnings = pending.act(self._latest(state, pending.nip))
                state[pending.nip] = servant
                new = list(servant.collect_events())
                result = app.result_of(servant, warnings)
                start, stop = len(events), len(events) + len(new)
                events.extend(new)
                admitted.append(_Admitted(pending, result, start, stop))
                if pending.idempotency is not None:
                    idem = pending.idempotency
                    claims.append(ClaimedEvents(
                        IdempotencyClaim(idem.key, idem.request_hash, result, idem.subject),
                        start, stop,
                    ))
                    claimed[(idem.subject, idem.key)] = (idem.request_hash, pending)
            except Exception as error:  # this command's own failure
                pending.future.set_exception(error)
        if not events:
            return
        recordings = app.save(*events, idempotency_claims=claims)
        positions = [r.notification.id for r in recordings]
        results: dict[int, dict[str, Any]] = {}
        for entry in admitted:
            results[id(entry.pending)] = {**entry.result, "positions": positions[entry.start:entry.stop]}
            entry.pending.future.set_result(app.acknowledgement(results[id(entry.pending)]))
        for follower, leader in followers:
            follower.future.set_result(app.acknowledgement(results[id(leader)], replayed=True))

    def _answered_otherwise(
        self,
        pending: Pending,
        stored: dict[tuple[str, str], tuple[str, str]],
        claimed: dict[tuple[str, str], tuple[str, Pending]],
        followers: list[tuple[Pending, Pending]],
    ) -> bool:
        """Whether the command's key makes it a replay: of a stored result (answered now) or
        of an earlier command of this group (answered once that one committed)."""
        idem = pending.idempotency
        if idem is None:
            return False
        if (idem.subject, idem.key) in claimed:
            leader_hash, leader = claimed[(idem.subject, idem.key)]
            if leader_hash != idem.request_hash:
                raise self.app.key_reused()
            followers.append((pending, leader))
            return True
        replay = self.app.replay_of(idem, stored.get((idem.subject, idem.key)))
        if replay is not None:
            pending.future.set_result(replay)
            return True
        return False

    def _prefetch(
        self, group: list[Pending]
    ) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, CivilServant | None]]:
        """The group's stored idempotency keys and its servants' latest state, one statement
        each, run at once. If the servants fail to load they are left out: each command loads
        its servant again alone and fails on its own."""
        keys = [(p.idempotency.subject, p.idempotency.key) for p in group if p.idempotency]
        # The keys are read while the servants load, not before.
        stored = self._loaders.submit(stored_requests, self.app, keys) if keys else None
        nips = list(dict.fromkeys(p.nip for p in group))  # valid: checked when submitted
        try:
            state = existing_servants(self.app, nips)
        except Exception:  # each command loads its servant again alone and fails on its own
            state = {}
        return (stored.result() if stored is not None else {}), state

    def _latest(self, state: dict[str, CivilServant | None], nip: str) -> CivilServant | None:
        if nip not in state:
            state[nip] = self.app.existing(nip)
        return state[nip]

    def _commit_alone(self, pending: Pending) -> None:
        try:
            with one_writer_per_servant(pending.nip):
                pending.future.set_result(pending.alone())
        except Exception as error:
            pending.future.set_exception(error)


def require_absent(nip: str, servant: CivilServant | None) -> None:
    if servant is not None:
        raise DomainError(
            "DUPLICATE_APPOINTMENT", f"A servant with NIP {nip} is already appointed.", "nip"
        )
