"""Recomputing the hash chain from the events table and comparing it with the stored links.

The stored links are evidence, not truth: the chain is recomputed from the events alone, and
the first position where the two disagree is classified by what the links still say:

- CHANGED: the link names this event, but its content hashes differently (or a link row was
  edited so it no longer follows from the one before it);
- MISSING: a link names an event no longer in the table (or the chain jumps over positions
  whose links were removed along with their events);
- REORDERED: the event exists, but the chain placed it at another position;
- INSERTED: an event the chain never recorded.

A saved digest (``HASH@POSITION``) catches what the links cannot: an attacker who rewrites
events *and* recomputes every later link keeps the table self-consistent, but not its hash."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from domain.errors import DomainError
from service.audit.tables import LinkRow, StoredRow
from service.store.chain import GENESIS, event_hash, link_hash

CHANGED, MISSING, REORDERED, INSERTED = "CHANGED", "MISSING", "REORDERED", "INSERTED"
DIGEST_MISMATCH = "DIGEST_MISMATCH"


@dataclass(frozen=True)
class Break:
    position: int
    kind: str
    reason: str
    event: str | None = None  # "<originator id> v<version>" of the row involved


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    checked: int
    head_position: int  # the last position verified intact (0 for an empty log)
    head_hash: str
    first_break: Break | None = None

    @property
    def digest(self) -> str | None:
        return format_digest(self.head_hash, self.head_position) if self.ok else None

    def describe(self) -> str:
        if self.ok:
            return f"OK: {self.checked} events, head {self.digest}"
        brk = self.first_break
        assert brk is not None
        return (f"BROKEN at position {brk.position}: {brk.kind}: {brk.reason} "
                f"(intact through position {self.head_position})")


class Locator(Protocol):
    """Where an event identity sits elsewhere, to tell a move from a change."""

    def event_position(self, originator_id: str, version: int) -> int | None: ...
    def link_position(self, originator_id: str, version: int) -> int | None: ...


def check(events: Iterable[StoredRow], links: Iterable[LinkRow], locator: Locator) -> IntegrityReport:
    running, head, checked, previous_link = GENESIS, 0, 0, 0
    for row, link in _merge(events, links):
        position = row.position if row is not None else link.position  # type: ignore[union-attr]
        brk = _compare(row, link, running, previous_link, locator)
        if brk is not None:
            return IntegrityReport(False, checked, head, running, brk)
        assert row is not None and link is not None
        running, head, previous_link = link.chain_hash, position, position
        checked += 1
    return IntegrityReport(True, checked, head, running)


def _compare(row: StoredRow | None, link: LinkRow | None, running: str, previous_link: int,
             locator: Locator) -> Break | None:
    if row is None:
        assert link is not None
        ident = _ident(link.originator_id, link.version)
        moved = locator.event_position(link.originator_id, link.version)
        if moved is not None:
            return Break(link.position, REORDERED,
                         f"the chain has {ident} here, but the table holds it at {moved}", ident)
        return Break(link.position, MISSING, f"{ident} was chained here and is gone", ident)
    ident = _ident(row.originator_id, row.version)
    if link is None:
        chained = locator.link_position(row.originator_id, row.version)
        if chained is not None:
            return Break(row.position, REORDERED,
                         f"{ident} sits here, but the chain placed it at {chained}", ident)
        return Break(row.position, INSERTED, f"{ident} was never chained", ident)
    if (row.originator_id, row.version) != (link.originator_id, link.version):
        chained = locator.link_position(row.originator_id, row.version)
        if chained is not None:
            return Break(row.position, REORDERED,
                         f"{ident} sits here, but the chain placed it at {chained} and expects "
                         f"{_ident(link.originator_id, link.version)} here", ident)
        return Break(row.position, CHANGED,
                     f"the chain expects {_ident(link.originator_id, link.version)} here, "
                     f"the table holds {ident}", ident)
    digest = event_hash(row.position, row.originator_id, row.version, row.topic, row.state)
    if digest != link.event_hash:
        return Break(row.position, CHANGED,
                     f"the stored content of {ident} no longer matches its chained hash", ident)
    if link_hash(running, digest) != link.chain_hash:
        # The link does not follow from the one before it. Across a gap in positions that
        # means events were removed together with their links (on PostgreSQL a gap alone is
        # normal: a rolled-back append consumes sequence numbers); otherwise the link changed.
        if previous_link < row.position - 1:
            return Break(row.position, MISSING,
                         f"the chain at {row.position} does not follow from position "
                         f"{previous_link}: events between them were removed with their links "
                         "(or this link was altered)", ident)
        return Break(row.position, CHANGED, f"the chain link at {row.position} was altered", ident)
    return None


def _merge(events: Iterable[StoredRow], links: Iterable[LinkRow]
           ) -> Iterator[tuple[StoredRow | None, LinkRow | None]]:
    """Pairs by position; either side is None where the other has a position it lacks."""
    rows, chain = iter(events), iter(links)
    row, link = next(rows, None), next(chain, None)
    while row is not None or link is not None:
        if link is None or (row is not None and row.position < link.position):
            yield row, None
            row = next(rows, None)
        elif row is None or link.position < row.position:
            yield None, link
            link = next(chain, None)
        else:
            yield row, link
            row, link = next(rows, None), next(chain, None)


def _ident(originator_id: str, version: int) -> str:
    return f"{originator_id} v{version}"


def format_digest(chain_hash: str, position: int) -> str:
    return f"{chain_hash}@{position}"


def parse_digest(text: str) -> tuple[str, int]:
    chain_hash, _, position = text.strip().partition("@")
    if len(chain_hash) != 64 or any(c not in "0123456789abcdef" for c in chain_hash) or \
            not position.isdigit():
        raise DomainError("INVALID_DIGEST",
                          f"{text!r} is not a digest; expected HASH@POSITION (64 hex digits).",
                          "digest")
    return chain_hash, int(position)


def check_digest(report: IntegrityReport, digest: str) -> IntegrityReport:
    """``report`` covers the log through the digest's position; does it end in the digest?"""
    chain_hash, position = parse_digest(digest)
    if not report.ok:
        return report
    if report.head_position != position:
        brk = Break(position, MISSING,
                    f"the digest ends at position {position}, but the log's last event up to "
                    f"it is at {report.head_position}")
        return IntegrityReport(False, report.checked, report.head_position, report.head_hash, brk)
    if report.head_hash != chain_hash:
        brk = Break(position, DIGEST_MISMATCH,
                    "the log up to this position is self-consistent but hashes differently "
                    "from the digest: events and their links were rewritten before it, or the "
                    "digest was not taken from this log")
        return IntegrityReport(False, report.checked, report.head_position, report.head_hash, brk)
    return report
