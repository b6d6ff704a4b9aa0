"""Applying one batch of notifications to one view generation, in one transaction.

The transaction checks the tracked position (row-locked), reads the touched servants' earlier
events, replaces their rows and moves the position: either all of it commits or none does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent

from domain.servant import CivilServant as CS
from projections.engine import registry
from projections.engine.applied import applied_base, record_batch
from projections.engine.db import UNSTORABLE_VALUE_ERRORS, Conn
from projections.engine.known_histories import KnownHistories, Versions
from projections.engine.log import LogReader
from projections.engine.view import Row, ServantHistory, View
from projections.engine.written_rows import WrittenRows


class PoisonEvent(Exception):
    """An event the view cannot apply; the projection stops at the position before it."""

    def __init__(self, position: int, description: str, cause: BaseException) -> None:
        super().__init__(f"event at position {position} ({description}): "
                         f"{type(cause).__name__}: {cause}")
        self.position = position


class ViewFailure(Exception):
    """Raised inside a batch when the view's own code failed (as opposed to the database)."""


@dataclass
class Decoded:
    """Events decoded once per batch and shared by every view that needs them."""

    log: LogReader
    cache: dict[int, CS.Event]
    # Views with the same topics at the same position share histories (and their folds).
    histories: dict[tuple[frozenset[str], int, int], tuple[list[ServantHistory], set[UUID]]] = (
        field(default_factory=dict)
    )
    # Histories built by earlier batches (the runner's, kept across batches).
    known: KnownHistories = field(default_factory=KnownHistories)
    # The rows the runner's earlier batches wrote (kept across batches).
    written: WrittenRows = field(default_factory=WrittenRows)

    def event(self, stored: StoredEvent, position: int) -> CS.Event:
        found = self.cache.get(position)
        if found is None:
            found = self.log.decode(stored)
            self.cache[position] = found
        return found


def apply_batch(
    conn: Conn,
    view: View,
    generation: int,
    status: str,
    position: int,
    notes: Sequence[Notification],
    decoded: Decoded,
) -> int:
    """Apply ``notes`` (all after ``position``); returns the new position."""
    if not notes:
        return position
    new_position = notes[-1].id
    try:
        rows = _write(conn, view, generation, status, position, new_position, notes, decoded)
    except BaseException:
        # Rolled back (or unknown): what the tables hold is no longer certain.
        decoded.written.forget(view.name, generation)
        raise
    decoded.written.committed(view.name, generation, new_position, rows)
    return new_position


def _write(conn: Conn, view: View, generation: int, status: str, position: int,
           new_position: int, notes: Sequence[Notification],
           decoded: Decoded) -> dict[str, dict[str, list[Row]]]:
    """The batch's transaction; returns the rows it wrote, per servant."""
    with conn.write():
        found = registry.lock_row(conn, view.name, generation)
        if found != (status, position):
            raise registry.TrackingConflict(
                f"{view.name} g{generation}: expected {(status, position)}, found {found}"
            )
        key = (view.topics, position, new_position)
        if key not in decoded.histories:
            decoded.histories[key] = _histories(conn, view, position, notes, decoded)
        histories, fresh = decoded.histories[key]
        try:
            rows = view.servant_rows(histories)
        except Exception as error:
            raise ViewFailure(f"{type(error).__name__}: {error}") from error
        stale = [str(h.servant_id) for h in histories if h.servant_id not in fresh]
        known = decoded.written.known(view.name, generation, position)
        try:
            view.write_rows(conn, generation, rows, stale, known)
        except UNSTORABLE_VALUE_ERRORS as error:
            # The rows hold a value the database refuses: as final as a bug in the view.
            raise ViewFailure(f"{type(error).__name__}: {error}") from error
        record_batch(conn, view.table_name(applied_base(view.name), generation), histories,
                     position)
        conn.execute(
            "UPDATE projection_tracking SET position = ?, updated_at = ? "
            "WHERE name = ? AND generation = ? AND position = ?",
            (new_position, registry.now_text(), view.name, generation, position),
        )
    return rows


def _histories(
    conn: Conn, view: View, position: int, notes: Sequence[Notification], decoded: Decoded
) -> tuple[list[ServantHistory], set[UUID]]:
    relevant = [n for n in notes if n.topic in view.topics]
    events: dict[UUID, Versions] = {}
    for note in relevant:
        event = _decode(decoded, note, note.id)
        servant = _uuid(note.originator_id)
        events.setdefault(servant, {})[note.originator_version] = (event, note.id)
    # A servant whose appointment is in this batch has no earlier events to read.
    fresh = {servant for servant, versions in events.items() if 1 in versions}
    earlier = []
    for servant, versions in events.items():
        known = None if servant in fresh else decoded.known.get(view.topics, servant, position)
        if known is not None:
            events[servant] = {**known, **versions}
        elif servant not in fresh:
            earlier.append(servant)
    for stored, at in decoded.log.prior_events(conn, earlier, position, view.topics):
        event = _decode(decoded, stored, at)
        events[_uuid(stored.originator_id)][stored.originator_version] = (event, at)
    histories = []
    for servant, versions in events.items():
        decoded.known.put(view.topics, servant, notes[-1].id, versions)
        ordered = sorted(versions.items())
        history = ServantHistory(
            servant, [event for _, (event, _) in ordered],
            {version: at for version, (_, at) in ordered},
        )
        histories.append(history)
    return histories, fresh


def _uuid(originator_id: UUID | str) -> UUID:
    return originator_id if isinstance(originator_id, UUID) else UUID(originator_id)


def _decode(decoded: Decoded, stored: StoredEvent, position: int) -> CS.Event:
    try:
        return decoded.event(stored, position)
    except Exception as error:
        raise ViewFailure(
            f"cannot decode {stored.topic} v{stored.originator_version} at {position}: {error}"
        ) from error
