"""Bulk append, for imports and migrations: many commands for many servants, each admitted
by the same rules as a mutation, their events appended many per transaction.

Each servant's commands are admitted in the order given (an import gives them in TMT order;
references by version, such as a correction's target, count in that order), each on the
state left by the ones before it, so the log ends exactly as if the commands had been posted
one by one. A refused command is answered with its code and message and the servant's later
commands go on from the state without it. Transactions only end between servants, so a
servant whose events collide with a concurrent writer loses all of this call's commands
(refused, VERSION_CONFLICT) and never a part of them.

Each transaction's servants are loaded in one statement and its events appended in one
(``servant_batches``: COPY on PostgreSQL, one executemany on SQLite), with their chain links,
so neither a servant nor an event costs a round trip of its own. A large call admits its
servants in worker processes while this one appends (``bulk_admission``): the same
transactions, in the same order, with the same answers and the same stored bytes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from eventsourcing.persistence import IntegrityError

from service.application import Riwayat
from service.bulk_admission import (
    APPOINTMENT,
    Batch,
    BulkCommand,
    BulkResult,
    admitted_by_workers,
    admitted_here,
)
from service.servant_batches import append_stored
from service.store.eventsourcing_adapter import CommitHooks

__all__ = ["APPOINTMENT", "BulkCommand", "BulkResult", "bulk_append"]

EVENTS_PER_TRANSACTION = 5000
# From this many commands on, admission is spread over worker processes (one per core): a
# smaller call would spend more on starting them than it saves. Beyond a few workers the one
# appending process is the limit (it encodes nothing, but chains and copies every event).
PARALLEL_FROM = 20_000
MOST_WORKERS = 8


def bulk_append(
    app: Riwayat, commands: Sequence[BulkCommand], *,
    events_per_transaction: int = EVENTS_PER_TRANSACTION, workers: int | None = None,
) -> list[BulkResult]:
    """The result of each command, in the order given. ``workers``: how many processes
    admit (default: one per core for a call of ``PARALLEL_FROM`` commands or more, else
    none but this one); the results and the log are the same for any number."""
    results: dict[int, BulkResult] = {}
    by_servant: dict[str, list[int]] = {}
    for index, command in enumerate(commands):
        by_servant.setdefault(command.nip, []).append(index)
    transactions = _transactions(by_servant, events_per_transaction)
    count = _workers(app, len(commands), workers)
    if count > 1:
        for batch in admitted_by_workers(app, commands, by_servant, transactions, count, results):
            _append(app, batch, results)
    else:
        for servants in transactions:
            _append(app, admitted_here(app, commands, by_servant, servants, results), results)
    assert len(results) == len(commands)
    return [results[index] for index in range(len(commands))]


def _workers(app: Riwayat, commands: int, asked: int | None) -> int:
    """Workers are forked (``bulk_admission``), where the platform forks; an application with
    commit hooks gets its domain events, which the workers do not send back."""
    if isinstance(app, CommitHooks) or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if asked is not None:
        return asked
    return min(os.cpu_count() or 1, MOST_WORKERS) if commands >= PARALLEL_FROM else 1


def _transactions(by_servant: dict[str, list[int]], commands_per_transaction: int) -> list[list[str]]:
    """The servants in order, in runs of at least ``commands_per_transaction`` commands (one
    accepted command is one event), each run loaded, admitted and appended together."""
    runs: list[list[str]] = [[]]
    count = 0
    for nip, indices in by_servant.items():
        if count >= commands_per_transaction:
            runs.append([])
            count = 0
        runs[-1].append(nip)
        count += len(indices)
    return runs


def _append(app: Riwayat, batch: Batch, results: dict[int, BulkResult]) -> None:
    if not batch.events:
        return
    try:
        _append_or_raise(app, batch, results)
    except IntegrityError:
        # Another writer got there first; the transaction holds whole servants, so retry
        # each servant of it alone and refuse only the ones that collide.
        _append_servant_by_servant(app, batch, results)


def _append_servant_by_servant(
    app: Riwayat, batch: Batch, results: dict[int, BulkResult]
) -> None:
    first = 0
    while first < len(batch.accepted):
        stream = batch.events[batch.accepted[first][3]].originator_id
        stop = first
        while stop < len(batch.accepted) and (
            batch.events[batch.accepted[stop][3]].originator_id == stream
        ):
            stop += 1
        start_event = batch.accepted[first - 1][3] + 1 if first else 0
        alone = Batch(
            batch.events[start_event : batch.accepted[stop - 1][3] + 1],
            [(i, e, w, last - start_event) for i, e, w, last in batch.accepted[first:stop]],
            batch.stored,
        )
        try:
            _append_or_raise(app, alone, results)
        except IntegrityError:
            for index, *_ in alone.accepted:
                results[index] = BulkResult(
                    False, code="VERSION_CONFLICT",
                    message="The servant was written concurrently; nothing of it was imported.",
                )
        first = stop


def _append_or_raise(app: Riwayat, batch: Batch, results: dict[int, BulkResult]) -> None:
    positions = (
        append_stored(app, batch.events) if batch.stored else app.append_bulk(batch.events)
    )
    for index, event_id, warnings, last in batch.accepted:
        results[index] = BulkResult(True, event_id, positions[last], warnings)
