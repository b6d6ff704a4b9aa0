"""Audit: hash-chain verification, digests, offline audit packages and promotion audits."""

from __future__ import annotations

from typing import Any

from service.audit.integrity import Break, IntegrityReport, check, check_digest, parse_digest
from service.audit.tables import LogTables


def tables_of(app_or_recorder: Any) -> LogTables:
    return LogTables(getattr(app_or_recorder, "recorder", app_or_recorder))


def verify(app_or_recorder: Any, through: int | None = None) -> IntegrityReport:
    """Recompute the chain over the whole log (or through a position) and compare."""
    tables = tables_of(app_or_recorder)
    return check(tables.events(0, through), tables.links(0, through), tables)


def verify_digest(app_or_recorder: Any, digest: str) -> IntegrityReport:
    """Is the log up to the digest's position exactly what it was when the digest was taken?"""
    _, position = parse_digest(digest)
    return check_digest(verify(app_or_recorder, through=position), digest)


__all__ = ["Break", "IntegrityReport", "LogTables", "verify", "verify_digest"]
