"""Building fresh generations in one pass: the bulk load of a rebuild (or a first start).

The batch path replaces every touched servant's rows once per batch, recomputing the
servant's whole history each time; in a real log, where servants' events interleave over
years, that is once per batch for nearly every servant. Here the log is read once up to its
head, grouped by servant, each servant's rows are computed once (in worker processes when
asked) and inserted (COPY on PostgreSQL), and the tracking position moves to the head **in the
same transaction** as the rows: a crash leaves the generation at position 0 and empty.

The rows are the ones the batch path would produce for the same events (same histories, same
``View.rows``). A view whose code fails on some servant is left out of the bulk load and
rebuilt by the batch path, which finds and records the exact event that stops it."""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from projections import registry
from projections.db import Conn
from projections.log import LogReader, Raw
from projections.view import Row, ServantHistory, View

log = logging.getLogger("riwayat.projections")
CHUNK_SERVANTS = 1000
MIN_EVENTS_FOR_WORKERS = 50_000


@dataclass
class BulkTarget:
    view: View
    generation: int


# A chunk's outcome per view: rows per table, or the error that stopped the view.
Outcome = dict[str, dict[str, list[Row]] | str]
# What forked workers read (inherited, never pickled): the grouped log and the views.
_SHARED: dict[str, Any] = {}


def load(conn: Conn, log_reader: LogReader, targets: Sequence[BulkTarget],
         workers: int = 0) -> tuple[int, set[str]]:
    """Bulk-load ``targets`` (each at BUILDING, position 0) up to the log's head. Returns the
    position reached and the names of views left to the batch path."""
    head = log_reader.head()
    if not targets or head == 0:
        return 0, set()
    started = time.perf_counter()
    views = [t.view for t in targets]
    needed = frozenset().union(*(v.topics for v in views))
    grouped: dict[UUID, list[Raw]] = {}
    events = 0
    for raw in log_reader.scan(conn, 0, head):
        if raw[2] in needed:
            grouped.setdefault(raw[0], []).append(raw)
            events += 1
    servants = list(grouped)
    chunks = [servants[i : i + CHUNK_SERVANTS] for i in range(0, len(servants), CHUNK_SERVANTS)]
    read = time.perf_counter()
    _SHARED.update(grouped=grouped, views=views, decoder=log_reader.decoder, chunks=chunks)
    try:
        outcomes = _outcomes(len(chunks), workers if events >= MIN_EVENTS_FOR_WORKERS else 0)
        if conn.dialect != "postgres":
            # SQLite has one writer: compute first, so the write lock is held only to write.
            outcomes = iter(list(outcomes))
        failed = _write(conn, targets, head, outcomes)
    finally:
        _SHARED.clear()
    log.info("bulk load of %s to %s: %s events of %s servants, read %.1fs, total %.1fs",
             ",".join(v.name for v in views), head, events, len(servants), read - started,
             time.perf_counter() - started)
    return head, failed


def _outcomes(count: int, workers: int) -> Iterator[Outcome]:
    if workers <= 1 or count <= 1:
        yield from map(_chunk, range(count))
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(workers, count)) as pool:
        yield from pool.imap(_chunk, range(count))


def _chunk(index: int) -> Outcome:
    """Rows of one chunk of servants for every view (runs in a worker after a fork)."""
    grouped: dict[UUID, list[Raw]] = _SHARED["grouped"]
    views: list[View] = _SHARED["views"]
    decode = _SHARED["decoder"].decode
    groups: dict[frozenset[str], list[View]] = {}
    for view in views:
        groups.setdefault(view.topics, []).append(view)
    outcome: Outcome = {v.name: {t.base: [] for t in v.tables} for v in views}
    for servant in _SHARED["chunks"][index]:
        raws = sorted(grouped[servant], key=lambda r: r[1])
        decoded = [(r[1], r[2], decode(servant, r[1], r[2], r[3]), r[4]) for r in raws]
        for topics, members in groups.items():
            chosen = [d for d in decoded if d[1] in topics]
            history = ServantHistory(servant, [d[2] for d in chosen], {d[0]: d[3] for d in chosen})
            for view in members:
                tables = outcome[view.name]
                if isinstance(tables, str):
                    continue
                try:
                    produced = view.rows(history)
                except Exception as error:
                    outcome[view.name] = f"{servant}: {type(error).__name__}: {error}"
                    continue
                for base, rows in produced.items():
                    tables[base].extend(rows)
    return outcome


def _write(conn: Conn, targets: Sequence[BulkTarget], head: int,
           outcomes: Iterator[Outcome]) -> set[str]:
    failed: set[str] = set()
    with conn.write():
        for target in targets:
            found = registry.lock_row(conn, target.view.name, target.generation)
            if found != (registry.BUILDING, 0):
                raise registry.TrackingConflict(
                    f"{target.view.name} g{target.generation}: bulk load found {found}")
            target.view.drop_indexes(conn, target.generation)
        for outcome in outcomes:
            for target in targets:
                name = target.view.name
                tables = outcome[name]
                if name in failed:
                    continue
                if isinstance(tables, str):
                    log.warning("bulk load leaves %s to the batch path: %s", name, tables)
                    failed.add(name)
                    target.view.clear_tables(conn, target.generation)
                    continue
                for table in target.view.tables:
                    conn.insert_rows(target.view.table_name(table.base, target.generation),
                                     table.column_names, tables[table.base])
        for target in targets:
            target.view.create_indexes(conn, target.generation)
            if target.view.name not in failed:
                registry.advance(conn, target.view.name, target.generation, registry.BUILDING,
                                 0, head)
    return failed
