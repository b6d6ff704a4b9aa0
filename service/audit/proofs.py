"""Checkpoints and proofs on request, for the API: read from the stored Merkle subtrees, so a
request costs a few indexed reads however long the log is (see ``merkle_log``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import DomainError, EventNotFoundError
from domain.servant import parse_event_id, servant_id
from service.audit import tables_of
from service.audit.checkpoint import Checkpoint
from service.audit.merkle import consistency_proof, inclusion_proof, leaf_hash
from service.audit.merkle_log import MerkleLog


@dataclass(frozen=True)
class Inclusion:
    event_id: str
    position: int
    leaf_index: int
    event_hash: str
    leaf_hash: str
    tree_size: int
    proof: list[str]


def current_checkpoint(app: Any, taken_at: str) -> tuple[MerkleLog, Checkpoint]:
    log = MerkleLog(tables_of(app))
    return log, log.checkpoint(taken_at)


def consistency_since(log: MerkleLog, since_tree_size: int, checkpoint: Checkpoint) -> list[str]:
    """The proof that ``checkpoint`` extends the log's head at ``since_tree_size``."""
    if since_tree_size < 0:
        raise DomainError("INVALID_CHECKPOINT", "A tree size cannot be negative.", "sinceTreeSize")
    if since_tree_size > checkpoint.tree_size:
        raise DomainError("CHECKPOINT_AHEAD",
                          f"The log holds {checkpoint.tree_size} events, not {since_tree_size}.",
                          "sinceTreeSize")
    return [h.hex() for h in consistency_proof(since_tree_size, checkpoint.tree_size, log.subtree)]


def event_inclusion(app: Any, event_id: str, tree_size: int | None = None) -> Inclusion:
    """The inclusion proof of one event in the tree of ``tree_size`` leaves (default: now)."""
    parsed = parse_event_id(event_id)
    if parsed is None:
        raise EventNotFoundError(event_id)
    nip, version = parsed
    tables = tables_of(app)
    row = next((r for r in tables.stream(str(servant_id(nip))) if r.version == version), None)
    log = MerkleLog(tables)
    index = log.leaf_index(row.position) if row is not None else None
    if row is None or index is None:
        raise EventNotFoundError(event_id)
    size = log.size if tree_size is None else tree_size
    if not index < size <= log.size:
        raise DomainError("CHECKPOINT_AHEAD" if size > log.size else "INVALID_CHECKPOINT",
                          f"Event {event_id} is leaf {index}; a tree of {size} events cannot "
                          f"prove it (the log holds {log.size}).", "treeSize")
    link = tables.link_at(row.position)
    assert link is not None
    return Inclusion(event_id, row.position, index, link.event_hash,
                     leaf_hash(bytes.fromhex(link.event_hash)).hex(), size,
                     [h.hex() for h in inclusion_proof(index, size, log.subtree)])
