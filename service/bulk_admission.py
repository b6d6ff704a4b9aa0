"""Admitting a bulk append's commands, servant by servant: in this process, or for a large
call in worker processes, each admitting whole servants, while this process appends.

Servants are independent (admission reads one servant's stream), so splitting a transaction's
servants over processes changes no verdict: each servant's commands are still admitted in
the order given, on the state left by the ones before them. The workers only decide and
encode; every write stays in this process, in the same transactions, in the same order, so a
kill leaves whole transactions as before.

Workers are forked: they share the commands and the application's mapper with this process
(a copy of its memory) instead of receiving them, since unpickling an event costs as much as
encoding it. They never use this process's connections."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.envelope import Envelope
from domain.errors import DomainError, ServantNotFoundError
from domain.servant import CivilServant
from service.group_commit import require_absent
from service.servant_batches import existing_servants, nip_error

if TYPE_CHECKING:
    from service.application import Riwayat

APPOINTMENT = "appoint_cpns"


@dataclass(frozen=True)
class BulkCommand:
    """One command: a kind's command name (domain.kinds) or ``appoint_cpns``."""

    nip: str
    command: str
    envelope: Envelope
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BulkResult:
    accepted: bool
    event_id: str | None = None
    position: int | None = None
    warnings: tuple[str, ...] = ()
    code: str | None = None
    message: str | None = None


@dataclass
class Batch:
    """One transaction's events (domain events, or stored events when ``stored``)."""

    events: list[Any] = field(default_factory=list)
    # (command index, event id, warning codes, index of its last event in ``events``)
    accepted: list[tuple[int, str, tuple[str, ...], int]] = field(default_factory=list)
    stored: bool = False


def admit_servant(
    nip: str, loaded: Mapping[str, CivilServant | None], commands: list[tuple[int, BulkCommand]],
    batch: Batch, results: MutableMapping[int, BulkResult],
) -> None:
    invalid = nip_error(nip)
    if invalid is not None:  # an invalid NIP: every command of it is refused
        for index, _ in commands:
            results[index] = BulkResult(False, code=invalid.code, message=invalid.message)
        return
    servant = loaded[nip]
    for index, command in commands:
        try:
            if command.command == APPOINTMENT:
                require_absent(nip, servant)
                servant, warnings = CivilServant.appoint_cpns(command.envelope, **command.payload)
            elif servant is None:
                raise ServantNotFoundError(nip)
            else:
                warnings = servant.record(command.command, command.envelope, **command.payload)
        except DomainError as error:
            results[index] = BulkResult(False, code=error.code, message=error.message)
            continue
        except (TypeError, ValueError, KeyError) as error:  # a payload that does not fit
            results[index] = BulkResult(False, code="INVALID_VALUE", message=str(error))
            continue
        batch.events.extend(servant.collect_events())
        batch.accepted.append((
            index, servant.event_id(servant.version), tuple(w.code for w in warnings),
            len(batch.events) - 1,
        ))


def admitted_here(
    app: Riwayat, commands: Sequence[BulkCommand], by_servant: Mapping[str, list[int]],
    servants: list[str], results: MutableMapping[int, BulkResult],
) -> Batch:
    batch = Batch()
    loaded = existing_servants(app, [nip for nip in servants if nip_error(nip) is None])
    for nip in servants:
        admit_servant(nip, loaded, [(i, commands[i]) for i in by_servant[nip]], batch, results)
    return batch


# What forked workers share with the process that forked them, by call: the application (for
# its mapper only) and the commands. Held only while the call's pool of workers is open.
_SHARED: dict[int, tuple[Riwayat, Sequence[BulkCommand]]] = {}
_Part = tuple[list[tuple[UUID | str, int, str, bytes]], list[tuple[int, str, tuple[str, ...], int]],
              dict[int, BulkResult]]


def admitted_by_workers(
    app: Riwayat, commands: Sequence[BulkCommand], by_servant: Mapping[str, list[int]],
    transactions: list[list[str]], workers: int, results: MutableMapping[int, BulkResult],
) -> Iterator[Batch]:
    """Each transaction's batch of stored events, in order, its servants admitted by
    ``workers`` processes; the next transactions are admitted while one is appended."""
    call = id(commands)
    _SHARED[call] = (app, commands)
    try:
        with ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_exit_with_parent, initargs=(os.getpid(),),
        ) as pool:
            # Each transaction keeps every worker busy: one ahead of the one being appended.
            ahead: deque[list[Future[_Part]]] = deque()
            for servants in transactions:
                ahead.append(_submit(app, pool, call, by_servant, servants, workers))
                if len(ahead) > 1:
                    yield _merged([part.result() for part in ahead.popleft()], results)
            while ahead:
                yield _merged([part.result() for part in ahead.popleft()], results)
    finally:
        del _SHARED[call]


def _submit(app: Riwayat, pool: ProcessPoolExecutor, call: int,
            by_servant: Mapping[str, list[int]], servants: list[str],
            workers: int) -> list[Future[_Part]]:
    """One transaction's servants (loaded here, in one statement) in ``workers`` runs."""
    loaded = existing_servants(app, [nip for nip in servants if nip_error(nip) is None])
    size = max(1, -(-len(servants) // workers))  # a call without commands has one empty run
    runs = [servants[start:start + size] for start in range(0, len(servants), size)]
    return [
        pool.submit(_admit_run, call, [(nip, loaded.get(nip), by_servant[nip]) for nip in run])
        for run in runs
    ]


def _admit_run(call: int, servants: list[tuple[str, CivilServant | None, list[int]]]) -> _Part:
    """In a worker: admit each servant's commands, and encode the accepted events."""
    app, commands = _SHARED[call]
    batch, results = Batch(), dict[int, BulkResult]()
    for nip, servant, indices in servants:
        admit_servant(nip, {nip: servant}, [(i, commands[i]) for i in indices], batch, results)
    rows = []
    for event in batch.events:
        stored = app.mapper.to_stored_event(event)
        # A servant's events share one id object, which pickling sends once.
        rows.append((stored.originator_id, stored.originator_version, stored.topic,
                     stored.state))
    return rows, batch.accepted, results


def _merged(parts: list[_Part], results: MutableMapping[int, BulkResult]) -> Batch:
    batch = Batch(stored=True)
    for rows, accepted, refused in parts:
        offset = len(batch.events)
        batch.events += [StoredEvent(*row) for row in rows]
        batch.accepted += [(i, e, w, last + offset) for i, e, w, last in accepted]
        results.update(refused)
    return batch


def _exit_with_parent(parent: int) -> None:
    """A worker waits for tasks on a pipe it holds both ends of, so it would outlive a killed
    parent: it leaves when its parent is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
