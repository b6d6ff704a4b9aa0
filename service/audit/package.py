"""Audit packages: one servant's events with the chain evidence to check them offline.

A package holds the servant's stored events byte for byte (base64, plus a decoded copy for
reading), each with its stored link and the chain hash before it, and a *path*: the identity,
topic and payload digest of every other event from the servant's first event up to the digest
position. ``verify_package`` recomputes the chain from the chain hash before the first event
through the path to the digest, with no database.

It proves: these exact events sit at these positions in a chain whose head at the digest's
position is the digest's hash; and no other event of the servant exists up to that position.
It does not prove that the digest is the real log's (compare it with one saved independently,
or run ``riwayat verify --digest`` against the database), nor anything recorded after it.
Other servants' payloads are not disclosed, only their stream ids, versions, topics and the
SHA-256 of their payloads."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from domain.errors import DomainError
from domain.nip import validate_nip
from domain.servant import servant_id
from service.audit import reporting, tables_of, verify
from service.audit.integrity import format_digest, parse_digest
from service.store.chain import GENESIS, event_hash, link_hash

FORMAT = "riwayat-audit-package/1"


def export(app: Any, nip: str, now: datetime | None = None,
           progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """The package for ``nip`` (a JSON-ready dict); refused when the log fails verification.
    ``progress`` is told each log position of the two passes, ``verify`` then ``package``."""
    validate_nip(nip)
    report = verify(app, progress=None if progress is None else partial(progress, "verify"))
    if not report.ok:
        raise DomainError("LOG_TAMPERED", f"The log fails verification: {report.describe()}")
    tables = tables_of(app)
    stream_id = str(servant_id(nip))
    rows = [r for r in tables.stream(stream_id) if r.position <= report.head_position]
    if not rows:
        raise DomainError("SERVANT_NOT_FOUND", f"No civil servant is recorded with NIP {nip}.", "nip")
    before = tables.chain_before(rows[0].position)
    ours = {r.position for r in rows}
    links = {link.position: link for link in tables.links(rows[0].position - 1, report.head_position)
             if link.position in ours}
    events, path, previous = [], [], before[1] if before else GENESIS
    passing = tables.events(rows[0].position - 1, report.head_position)
    if progress is not None:
        passing = reporting(passing, partial(progress, "package"))
    for row in passing:
        digest = hashlib.sha256(row.state).hexdigest()
        if row.position in ours:
            link = links[row.position]
            events.append({
                "event_id": f"{nip}:{row.version}", "position": row.position,
                "originator_id": row.originator_id, "originator_version": row.version,
                "topic": row.topic, "state_base64": base64.b64encode(row.state).decode(),
                "state": json.loads(row.state),
                "link": {"event_hash": link.event_hash, "chain_hash": link.chain_hash,
                         "previous_chain_hash": previous},
            })
        else:
            path.append([row.position, row.originator_id, row.version, row.topic, digest])
        previous = link_hash(previous, event_hash(row.position, row.originator_id, row.version,
                                                  row.topic, row.state))
    return {
        "format": FORMAT, "nip": nip, "originator_id": stream_id,
        "exported_at": (now or datetime.now(UTC)).isoformat(),
        "digest": format_digest(report.head_hash, report.head_position),
        "chain_start": {"position": before[0] if before else 0,
                        "chain_hash": before[1] if before else GENESIS},
        "events": events, "path": path,
    }


def verify_package(package: dict[str, Any]) -> list[str]:
    """Problems found in a package; an empty list means it verifies."""
    problems: list[str] = []
    try:
        chain_hash, position = parse_digest(package["digest"])
        nip, events, path = package["nip"], package["events"], package["path"]
        running = package["chain_start"]["chain_hash"]
    except (KeyError, TypeError, DomainError) as error:
        return [f"not an audit package: {error}"]
    if package.get("format") != FORMAT:
        problems.append(f"unknown format {package.get('format')!r}")
    stream_id = str(servant_id(nip))
    versions = [e.get("originator_version") for e in events]
    if versions != list(range(1, len(events) + 1)):
        problems.append(f"the servant's versions are not 1..{len(events)}: {versions}")
    entries = [(e["position"], e) for e in events] + [(p[0], p) for p in path]
    entries.sort(key=lambda item: item[0])
    last = package["chain_start"]["position"]
    for at, entry in entries:
        if at <= last:
            problems.append(f"position {at} is out of order or repeated")
        last = at
        if isinstance(entry, dict):
            digest, problem = _own_event(entry, stream_id, running)
            if problem:
                problems.append(problem)
        else:
            _, originator_id, version, topic, state_sha = entry
            if originator_id == stream_id:
                problems.append(f"position {at} holds the servant's v{version}, left out")
            digest = hash_from_payload_digest(at, originator_id, version, topic, state_sha)
        running = link_hash(running, digest)
    if last != position:
        problems.append(f"the package ends at position {last}, not at the digest's {position}")
    elif running != chain_hash:
        problems.append("the recomputed chain does not end in the digest's hash")
    return problems


def hash_from_payload_digest(position: int, originator_id: str, version: int, topic: str,
                             state_sha256: str) -> str:
    """``service.store.chain.event_hash`` for an event known only by its payload's digest."""
    canonical = json.dumps([position, originator_id, version, topic, state_sha256],
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _own_event(event: dict[str, Any], stream_id: str, previous: str) -> tuple[str, str | None]:
    at, version = event["position"], event["originator_version"]
    state = base64.b64decode(event["state_base64"])
    digest = event_hash(at, event["originator_id"], version, event["topic"], state)
    link = event["link"]
    if event["originator_id"] != stream_id:
        return digest, f"event at {at} belongs to another stream"
    if json.loads(state) != event["state"]:
        return digest, f"the readable copy of v{version} differs from its stored bytes"
    if digest != link["event_hash"]:
        return digest, f"v{version} at {at} does not match its chained hash"
    if link["previous_chain_hash"] != previous or link_hash(previous, digest) != link["chain_hash"]:
        return digest, f"the link of v{version} at {at} does not follow from the chain before it"
    return digest, None
