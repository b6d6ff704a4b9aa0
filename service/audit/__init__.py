"""Audit: hash-chain verification, digests, offline audit packages and promotion audits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from service.audit.integrity import Break, IntegrityReport, check, check_digest, parse_digest
from service.audit.tables import LogTables, StoredRow

# Told each log position as it is checked (for a progress bar).
PositionCallback = Callable[[int], None]


def tables_of(app_or_recorder: Any) -> LogTables:
    return LogTables(getattr(app_or_recorder, "recorder", app_or_recorder))


def verify(app_or_recorder: Any, through: int | None = None,
           progress: PositionCallback | None = None) -> IntegrityReport:
    """Recompute the chain over the whole log (or through a position) and compare."""
    tables = tables_of(app_or_recorder)
    events = tables.events(0, through)
    if progress is not None:
        events = reporting(events, progress)
    return check(events, tables.links(0, through), tables)


def reporting(rows: Iterable[StoredRow], progress: PositionCallback) -> Iterator[StoredRow]:
    """``rows`` unchanged, telling ``progress`` each one's position once it was used."""
    for row in rows:
        yield row
        progress(row.position)


def verify_digest(app_or_recorder: Any, digest: str,
                  progress: PositionCallback | None = None) -> IntegrityReport:
    """Is the log up to the digest's position exactly what it was when the digest was taken?"""
    _, position = parse_digest(digest)
    return check_digest(verify(app_or_recorder, through=position, progress=progress), digest)


__all__ = ["Break", "IntegrityReport", "LogTables", "verify", "verify_digest"]
