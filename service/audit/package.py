"""Audit packages: one servant's events with Merkle inclusion proofs against a checkpoint, to
check offline with no database.

A package holds the servant's stored events byte for byte (base64, plus a decoded copy for
reading), each with its leaf index, its event hash (the leaf's bytes, see
``service.store.chain.event_hash``), its Merkle leaf hash and its inclusion proof; the
checkpoint they are proved against; and, when the auditor passed an earlier checkpoint, a
consistency proof from it. Every proof holds about log2(log size) hashes, so a package grows
with the servant's events and the logarithm of the log, not with the log.

``verify_package`` proves: these exact events sit at these positions in the log whose Merkle
tree head is the checkpoint; the servant's versions run 1..n with no gap; and, given a saved
checkpoint, that the package's log extends the saved one without changing anything in it.
It does not prove that the servant has no event after version n up to the checkpoint (an
inclusion proof shows presence, never absence): compare n with the servant's version read
from the service, or with an earlier package. Other servants' events are not disclosed at all,
only hashes of subtrees."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from domain.errors import DomainError
from domain.nip import validate_nip
from domain.servant import servant_id
from projections import json_codec
from service.audit import reporting, tables_of, verify
from service.audit.checkpoint import Checkpoint, parse_checkpoint
from service.audit.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from service.audit.merkle_log import MerkleLog
from service.store.chain import event_hash

FORMAT = "riwayat-audit-package/2"


def export(app: Any, nip: str, now: datetime | None = None,
           since: Checkpoint | None = None,
           progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """The package for ``nip`` (a JSON-ready dict); refused when the log fails verification.
    ``progress`` is told each log position of the two passes, ``verify`` then ``package``."""
    validate_nip(nip)
    report = verify(app, progress=None if progress is None else partial(progress, "verify"))
    if not report.ok:
        raise DomainError("LOG_TAMPERED", f"The log fails verification: {report.describe()}")
    tables = tables_of(app)
    log = MerkleLog(tables)
    mismatch = log.first_stored_mismatch()
    if mismatch:
        raise DomainError("LOG_TAMPERED", f"The log fails verification: {mismatch}")
    stream_id = str(servant_id(nip))
    rows = [r for r in tables.stream(stream_id) if r.position <= report.head_position]
    if not rows:
        raise DomainError("SERVANT_NOT_FOUND", f"No civil servant is recorded with NIP {nip}.", "nip")
    head_index = log.leaf_index(report.head_position)
    assert head_index is not None
    size = head_index + 1
    checkpoint = log.checkpoint((now or datetime.now(UTC)).isoformat(), size)
    events = []
    for row in rows if progress is None else reporting(rows, partial(progress, "package")):
        index = log.leaf_index(row.position)
        assert index is not None
        digest = event_hash(row.position, row.originator_id, row.version, row.topic, row.state)
        events.append({
            "event_id": f"{nip}:{row.version}", "position": row.position, "leaf_index": index,
            "originator_id": row.originator_id, "originator_version": row.version,
            "topic": row.topic, "state_base64": base64.b64encode(row.state).decode(),
            "state": json_codec.loads_lenient(row.state), "event_hash": digest,
            "leaf_hash": leaf_hash(bytes.fromhex(digest)).hex(),
            "inclusion_proof": [h.hex() for h in inclusion_proof(index, size, log.subtree)],
        })
    package: dict[str, Any] = {
        "format": FORMAT, "nip": nip, "originator_id": stream_id,
        "exported_at": checkpoint.taken_at, "checkpoint": checkpoint.to_dict(), "events": events,
    }
    if since is not None:
        package["consistency"] = consistency_from(log, since, checkpoint)
    return package


def consistency_from(log: MerkleLog, since: Checkpoint, checkpoint: Checkpoint) -> dict[str, Any]:
    """The proof that ``checkpoint`` extends ``since``; refused when ``since`` is not a head
    this log ever had."""
    if since.tree_size > checkpoint.tree_size:
        raise DomainError("CHECKPOINT_AHEAD",
                          f"The saved checkpoint covers {since.tree_size} events, more than the "
                          f"log's {checkpoint.tree_size}: it was not taken from this log.",
                          "sinceCheckpoint")
    if since.tree_size and log.subtree(0, since.tree_size) != since.root:
        raise DomainError("CHECKPOINT_MISMATCH",
                          f"The log's first {since.tree_size} events no longer hash to the saved "
                          "checkpoint's root: they were rewritten, or the checkpoint is from "
                          "another log.", "sinceCheckpoint")
    proof = consistency_proof(since.tree_size, checkpoint.tree_size, log.subtree)
    return {"from": since.to_dict(), "proof": [h.hex() for h in proof]}


def verify_package(package: dict[str, Any], saved: dict[str, Any] | None = None) -> list[str]:
    """Problems found in a package (checked against a saved checkpoint when given); an empty
    list means it verifies."""
    try:
        checkpoint = parse_checkpoint(package["checkpoint"])
        nip, events = package["nip"], list(package["events"])
    except (KeyError, TypeError, DomainError) as error:
        return [f"not an audit package: {error}"]
    problems: list[str] = []
    if package.get("format") != FORMAT:
        problems.append(f"unknown format {package.get('format')!r}")
    stream_id = str(servant_id(nip))
    versions = [e.get("originator_version") for e in events]
    if versions != list(range(1, len(events) + 1)):
        problems.append(f"the servant's versions are not 1..{len(events)}: {versions}")
    last_position, last_index = 0, -1
    for event in events:
        try:
            problem = _own_event(event, stream_id, checkpoint)
        except (KeyError, TypeError, ValueError) as error:
            problem = f"event {event.get('event_id')!r} is malformed: {error}"
        if problem:
            problems.append(problem)
        position, index = event.get("position", 0), event.get("leaf_index", -1)
        if position <= last_position or index <= last_index:
            problems.append(f"position {position} (leaf {index}) is out of order or repeated")
        last_position, last_index = position, index
    problems += _consistency(package.get("consistency"), checkpoint, saved)
    return problems


def _own_event(event: dict[str, Any], stream_id: str, checkpoint: Checkpoint) -> str | None:
    at, version, index = event["position"], event["originator_version"], event["leaf_index"]
    state = base64.b64decode(event["state_base64"], validate=True)
    digest = event_hash(at, event["originator_id"], version, event["topic"], state)
    leaf = leaf_hash(bytes.fromhex(digest))
    if event["originator_id"] != stream_id:
        return f"event at {at} belongs to another stream"
    if json_codec.loads_lenient(state) != event["state"]:
        return f"the readable copy of v{version} differs from its stored bytes"
    if digest != event["event_hash"] or leaf.hex() != event["leaf_hash"]:
        return f"v{version} at {at} does not match its leaf hash"
    if at > checkpoint.head_position:
        return f"v{version} at {at} lies after the checkpoint's last position"
    proof = [bytes.fromhex(h) for h in event["inclusion_proof"]]
    if not verify_inclusion(index, checkpoint.tree_size, leaf, proof, checkpoint.root):
        return (f"the inclusion proof of v{version} (leaf {index}) does not lead to the "
                "checkpoint's root")
    return None


def _consistency(given: Any, checkpoint: Checkpoint, saved: dict[str, Any] | None) -> list[str]:
    earlier = None
    if given is not None:
        try:
            earlier = parse_checkpoint(given["from"])
            proof = [bytes.fromhex(h) for h in given["proof"]]
        except (KeyError, TypeError, ValueError, DomainError) as error:
            return [f"the consistency proof is malformed: {error}"]
        if not verify_consistency(earlier.tree_size, checkpoint.tree_size, earlier.root,
                                  checkpoint.root, proof):
            return [f"the checkpoint does not extend the earlier one of {earlier.tree_size} "
                    "events: the log was rewritten or the proof is false"]
    if saved is None:
        return []
    try:
        mine = parse_checkpoint(saved)
    except DomainError as error:
        return [f"the saved checkpoint: {error.message}"]
    if mine.tree_size == checkpoint.tree_size:
        return [] if mine.root == checkpoint.root else [
            "the package's checkpoint has the saved size but another root: the log was rewritten"]
    if mine.tree_size > checkpoint.tree_size:
        return [f"the saved checkpoint ({mine.tree_size} events) is newer than the package's "
                f"({checkpoint.tree_size}); export a new package"]
    if earlier is None or earlier.to_dict() != mine.to_dict():
        return [f"the package carries no consistency proof from the saved checkpoint of "
                f"{mine.tree_size} events; export it with --since-checkpoint"]
    return []


def hash_from_payload_digest(position: int, originator_id: str, version: int, topic: str,
                             state_sha256: str) -> str:
    """``service.store.chain.event_hash`` for an event known only by its payload's digest."""
    canonical = json_codec.canonical_bytes([position, originator_id, version, topic, state_sha256])
    return hashlib.sha256(canonical).hexdigest()
