"""Auditor queries for the Merkle checkpoints of the log and proofs against them (next to
``integrity``). Only the ``auditor`` role may use them."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from projections import json_codec
from service.audit.proofs import consistency_since, current_checkpoint, event_inclusion
from service.graphql.permissions import AUDITORS, require_role
from service.graphql.read_access import on_app


@strawberry.type(description="The log's Merkle tree head (RFC 6962 tree hash over the event "
                             "hashes in log order), for an auditor to save.")
class MerkleCheckpoint:
    tree_size: int = strawberry.field(description="How many events the tree covers.")
    root_hash: str = strawberry.field(description="The tree's root hash, 64 hexadecimal digits.")
    head_position: int = strawberry.field(description="Log position of the tree's last event.")
    chain_digest: str = strawberry.field(
        description="HASH@POSITION of the hash chain at the same event, as integrity gives it.")
    taken_at: str = strawberry.field(description="When the checkpoint was taken (ISO 8601).")
    digest: str = strawberry.field(
        description="SHA-256 of the checkpoint's statement: one hash to note down.")
    saved_form: str = strawberry.field(
        description="The checkpoint as JSON, to save to a file for riwayat verify-package.")
    consistency_proof: Optional[list[str]] = strawberry.field(  # noqa: UP045
        description="With sinceTreeSize: the hashes proving this tree extends the tree of that "
                    "size unchanged (RFC 6962 consistency proof), from the leaves upward.")


@strawberry.type(description="Proof that one event is a leaf of the log's Merkle tree.")
class EventInclusion:
    event_id: str = strawberry.field(description="The event, as <nip>:<version>.")
    position: int = strawberry.field(description="The event's log position.")
    leaf_index: int = strawberry.field(description="The event's leaf, counted from 0.")
    event_hash: str = strawberry.field(description="The event's hash: the leaf's bytes.")
    leaf_hash: str = strawberry.field(description="SHA-256 of 0x00 and the event hash.")
    tree_size: int = strawberry.field(description="The size of the tree the proof is for.")
    proof: list[str] = strawberry.field(
        description="Sibling hashes from the leaf upward (RFC 6962 audit path).")


@strawberry.type
class CheckpointQuery:
    @strawberry.field(description="The log's Merkle checkpoint now; with sinceTreeSize, also "
                                  "the proof that it extends a checkpoint of that size.")
    async def integrity_checkpoint(self, info: Info[Any, Any],
                         since_tree_size: Annotated[Optional[int], strawberry.argument(  # noqa: UP045
                             description="The size of a checkpoint saved earlier, to prove "
                             "the log only grew since.")] = None,
                         ) -> MerkleCheckpoint:
        require_role(info, AUDITORS, "take checkpoints")
        services = info.context["services"]
        taken_at = services.clock().isoformat()

        def build() -> MerkleCheckpoint:
            log, head = current_checkpoint(services.app, taken_at)
            proof = (consistency_since(log, since_tree_size, head)
                     if since_tree_size is not None else None)
            return MerkleCheckpoint(
                tree_size=head.tree_size, root_hash=head.root_hash,
                head_position=head.head_position, chain_digest=head.chain_digest,
                taken_at=head.taken_at, digest=head.digest,
                saved_form=json_codec.readable_text(head.to_dict()), consistency_proof=proof)

        return await asyncio.to_thread(build)

    @strawberry.field(description="The inclusion proof of one event in the log's Merkle tree, "
                                  "now or at treeSize events.")
    async def integrity_inclusion_proof(self, info: Info[Any, Any],
                              event_id: Annotated[str, strawberry.argument(
                                  description="The event, as <nip>:<version>.")],
                              tree_size: Annotated[Optional[int], strawberry.argument(  # noqa: UP045
                                  description="Prove against a tree of this many events; "
                                  "default the whole log now.")] = None,
                              ) -> EventInclusion:
        require_role(info, AUDITORS, "prove events")
        found = await on_app(info, event_inclusion, event_id, tree_size)
        return EventInclusion(event_id=found.event_id, position=found.position,
                              leaf_index=found.leaf_index, event_hash=found.event_hash,
                              leaf_hash=found.leaf_hash, tree_size=found.tree_size,
                              proof=found.proof)
