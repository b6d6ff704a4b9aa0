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
so neither a servant nor an event costs a round trip of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import IntegrityError

from domain.envelope import Envelope
from domain.errors import DomainError, ServantNotFoundError
from domain.servant import CivilServant
from service.application import Riwayat
from service.group_commit import require_absent
from service.servant_batches import existing_servants, nip_error

APPOINTMENT = "appoint_cpns"
EVENTS_PER_TRANSACTION = 5000


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
class _Batch:
    events: list[Any] = field(default_factory=list)
    # (command index, event id, warning codes, index of its last event in ``events``)
    accepted: list[tuple[int, str, tuple[str, ...], int]] = field(default_factory=list)


def bulk_append(
    app: Riwayat, commands: Sequence[BulkCommand], *,
    events_per_transaction: int = EVENTS_PER_TRANSACTION,
) -> list[BulkResult]:
    """The result of each command, in the order given."""
    results: list[BulkResult | None] = [None] * len(commands)
    by_servant: dict[str, list[int]] = {}
    for index, command in enumerate(commands):
        by_servant.setdefault(command.nip, []).append(index)
    for servants in _transactions(by_servant, events_per_transaction):
        batch = _Batch()
        loaded = existing_servants(app, [nip for nip in servants if nip_error(nip) is None])
        for nip in servants:
            _admit_servant(nip, loaded, [(i, commands[i]) for i in by_servant[nip]], batch, results)
        _append(app, batch, results)
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


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



def _admit_servant(
    nip: str, loaded: dict[str, CivilServant | None], commands: list[tuple[int, BulkCommand]],
    batch: _Batch, results: list[BulkResult | None],
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


def _append(app: Riwayat, batch: _Batch, results: list[BulkResult | None]) -> None:
    if not batch.events:
        return
    try:
        _append_or_raise(app, batch, results)
    except IntegrityError:
        # Another writer got there first; the transaction holds whole servants, so retry
        # each servant of it alone and refuse only the ones that collide.
        _append_servant_by_servant(app, batch, results)


def _append_servant_by_servant(
    app: Riwayat, batch: _Batch, results: list[BulkResult | None]
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
        alone = _Batch(
            batch.events[start_event : batch.accepted[stop - 1][3] + 1],
            [(i, e, w, last - start_event) for i, e, w, last in batch.accepted[first:stop]],
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


def _append_or_raise(app: Riwayat, batch: _Batch, results: list[BulkResult | None]) -> None:
    positions = app.append_bulk(batch.events)
    for index, event_id, warnings, last in batch.accepted:
        results[index] = BulkResult(True, event_id, positions[last], warnings)
