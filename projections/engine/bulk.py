"""Building fresh generations in one pass: the bulk load of a rebuild (or a first start).

The batch path replaces every touched servant's rows once per batch, recomputing the
servant's whole history each time; in a real log, where servants' events interleave over
years, that is once per batch for nearly every servant. Here the log is read once up to its
head, servant by servant (ranges of servant ids, each read and computed by a worker process
when asked), each servant's rows are computed once and inserted (COPY on PostgreSQL), and the tracking position moves to the head **in the
same transaction** as the rows: a crash leaves the generation at position 0 and empty.

The rows are the ones the batch path would produce for the same events (same histories, same
``View.rows``). A view whose code fails on some servant is left out of the bulk load and
rebuilt by the batch path, which finds and records the exact event that stops it."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from projections.engine import registry
from projections.engine.applied import applied_base, bulk_row
from projections.engine.copy_text import copy_text
from projections.engine.db import Conn, Store
from projections.engine.log import BASE_TOPICS, LogReader
from projections.engine.postgres import PostgresConn
from projections.engine.view import Row, ServantHistory, View

log = logging.getLogger("riwayat.projections")
EVENTS_PER_PART = 50_000
MIN_EVENTS_FOR_WORKERS = 50_000


@dataclass
class BulkTarget:
    view: View
    generation: int


@dataclass
class Outcome:
    """One range of servants: per view, rows per table or the error that stopped the view."""

    views: dict[str, dict[str, list[Row] | bytes] | str]
    events: int = 0
    servants: int = 0

@dataclass
class Timings:
    events: int = 0
    servants: int = 0
    waiting: float = 0.0
    inserting: float = 0.0
    indexing: float = 0.0


# What forked workers read (inherited, never pickled): the views, the store, the ranges.
_SHARED: dict[str, Any] = {}


def load(conn: Conn, store: Store, log_reader: LogReader, targets: Sequence[BulkTarget],
         workers: int = 0, progress: Callable[[int], None] | None = None) -> tuple[int, set[str]]:
    """Bulk-load ``targets`` (each at BUILDING, position 0) up to the log's head. Returns the
    position reached and the names of views left to the batch path; ``progress`` hears the
    number of events read so far as each range of servants is computed."""
    head = log_reader.head()
    if not targets or head == 0:
        return 0, set()
    started = time.perf_counter()
    views = [t.view for t in targets]
    if head < MIN_EVENTS_FOR_WORKERS:
        workers = 0
    # Servant ids are uniform (uuid5), so equal id ranges hold about equal shares of the log.
    parts = max(1, workers * 4, head // EVENTS_PER_PART)
    bounds = [UUID(int=(i << 128) // parts) for i in range(parts)]
    ranges = [(low, bounds[i + 1] if i + 1 < parts else None) for i, low in enumerate(bounds)]
    _SHARED.update(views=views, log=log_reader, store=store, conn=conn, head=head,
                   ranges=ranges, forked=workers > 1)
    try:
        outcomes = _outcomes(parts, workers)
        if progress is not None:
            outcomes = _counted(outcomes, progress)
        if conn.dialect != "postgres":
            # SQLite has one writer: compute first, so the write lock is held only to write.
            outcomes = iter(list(outcomes))
        failed, timings = _write(conn, targets, head, outcomes)
    finally:
        _SHARED.clear()
    log.info("bulk load of %s to %s: %s events of %s servants in %s parts, %s workers, %.1fs "
             "(writer waited %.1fs for rows, inserted for %.1fs, indexed for %.1fs)",
             ",".join(v.name for v in views), head, timings.events, timings.servants, parts,
             workers, time.perf_counter() - started, timings.waiting, timings.inserting,
             timings.indexing)
    return head, failed


def _counted(outcomes: Iterator[Outcome], progress: Callable[[int], None]) -> Iterator[Outcome]:
    read = 0
    for outcome in outcomes:
        read += outcome.events
        progress(read)
        yield outcome


def _outcomes(count: int, workers: int) -> Iterator[Outcome]:
    if workers <= 1 or count <= 1:
        yield from map(_part, range(count))
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, count)) as pool:
        yield from pool.imap_unordered(_part, range(count))


def _part(index: int) -> Outcome:
    """Rows of one range of servants for every view (in a worker after a fork, reading the
    log on its own connection, or in the caller on the caller's connection)."""
    views: list[View] = _SHARED["views"]
    reader: LogReader = _SHARED["log"]
    low, high = _SHARED["ranges"][index]
    needed = frozenset().union(*(v.topics for v in views))
    conn: Conn = _SHARED["store"].connect() if _SHARED["forked"] else _SHARED["conn"]
    try:
        raws = list(reader.servants_in(conn, low, high, _SHARED["head"], needed))
    finally:
        if _SHARED["forked"]:
            conn.close()
    groups: dict[frozenset[str], list[View]] = {}
    for view in views:
        groups.setdefault(view.topics, []).append(view)
    # Widest topic sets first: a narrower history takes its effective events from a wider one.
    ordered = sorted(groups.items(), key=lambda group: -len(group[0]))
    outcome = Outcome({v.name: {t.base: [] for t in v.stored_tables} for v in views}, len(raws))
    decode = reader.decoder.decode
    start = 0
    while start < len(raws):
        servant, end = raws[start][0], start + 1
        while end < len(raws) and raws[end][0] == servant:
            end += 1
        decoded = [(r[1], r[2], decode(servant, r[1], r[2], r[3]), r[4])
                   for r in raws[start:end]]
        start = end
        outcome.servants += 1
        built: list[tuple[frozenset[str], ServantHistory]] = []
        for topics, members in ordered:
            chosen = [d for d in decoded if d[1] in topics]
            history = ServantHistory(servant, [d[2] for d in chosen], {d[0]: d[3] for d in chosen})
            _share_effective(history, topics, built)
            built.append((topics, history))
            for view in members:
                _add(outcome, view, history)
    if conn.dialect == "postgres":
        _encode(outcome)
    return outcome


def _share_effective(history: ServantHistory, topics: frozenset[str],
                     built: list[tuple[frozenset[str], ServantHistory]]) -> None:
    """Give ``history`` the effective events of a wider history of the same servant, kept to
    its own events. Both hold every correction and retraction (``BASE_TOPICS``), and
    ``effective_events`` treats each event on its own given those, so this equals computing
    them again; the bulk-load tests compare the result with the batch path's."""
    if not topics >= BASE_TOPICS:
        return
    wider = next((h for t, h in built if topics <= t), None)
    if wider is None:
        return
    mine = history.positions
    history.__dict__["effective"] = [i for i in wider.effective if i.version in mine]


def _add(outcome: Outcome, view: View, history: ServantHistory) -> None:
    tables = outcome.views[view.name]
    if isinstance(tables, str):
        return
    try:
        produced = view.rows(history)
    except Exception as error:
        outcome.views[view.name] = f"{history.servant_id}: {type(error).__name__}: {error}"
        return
    for base, rows in produced.items():
        table = tables[base]
        assert isinstance(table, list)
        table.extend(rows)
    record = tables[applied_base(view.name)]
    assert isinstance(record, list)
    record.append(bulk_row(history))


def _encode(outcome: Outcome) -> None:
    """Rows as COPY text, formatted here in the worker rather than in the writing process."""
    for tables in outcome.views.values():
        if isinstance(tables, str):
            continue
        for base, rows in tables.items():
            if isinstance(rows, list):
                # An unusual value type (TypeError): the rows go as tuples.
                with contextlib.suppress(TypeError):
                    tables[base] = copy_text(rows)


def _write(conn: Conn, targets: Sequence[BulkTarget], head: int,
           outcomes: Iterator[Outcome]) -> tuple[set[str], Timings]:
    failed: set[str] = set()
    timings = Timings()
    with conn.write():
        for target in targets:
            found = registry.lock_row(conn, target.view.name, target.generation)
            if found != (registry.BUILDING, 0):
                raise registry.TrackingConflict(
                    f"{target.view.name} g{target.generation}: bulk load found {found}")
            target.view.drop_indexes(conn, target.generation)
        waited = time.perf_counter()
        for outcome in outcomes:
            started = time.perf_counter()
            timings.waiting += started - waited
            timings.events += outcome.events
            timings.servants += outcome.servants
            for target in targets:
                if target.view.name not in failed:
                    _insert(conn, target, outcome, failed)
            waited = time.perf_counter()
            timings.inserting += waited - started
        for target in targets:
            target.view.index_loaded(conn, target.generation)
            if target.view.name not in failed:
                registry.advance(conn, target.view.name, target.generation, registry.BUILDING,
                                 0, head)
        timings.indexing = time.perf_counter() - waited
    return failed, timings


def _insert(conn: Conn, target: BulkTarget, outcome: Outcome, failed: set[str]) -> None:
    view = target.view
    tables = outcome.views[view.name]
    if isinstance(tables, str):
        log.warning("bulk load leaves %s to the batch path: %s", view.name, tables)
        failed.add(view.name)
        view.clear_tables(conn, target.generation)
        return
    for table in view.stored_tables:
        name, rows = view.table_name(table.base, target.generation), tables[table.base]
        if isinstance(rows, bytes):
            assert isinstance(conn, PostgresConn)
            conn.copy_data(name, table.column_names, rows)
        else:
            conn.insert_rows(name, table.column_names, rows)
