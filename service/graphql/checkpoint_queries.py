"""Auditor queries for the Merkle checkpoints of the log and proofs against them (next to
``integrity``). Only the ``auditor`` role may use them."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from projections import json_codec
from service.audit.checkpoint import Checkpoint
from service.audit.proofs import Inclusion, consistency_since, current_checkpoint, event_inclusion
from service.graphql.derived_types import output_type
from service.graphql.permissions import AUDITORS, require_role
from service.graphql.read_access import on_app

MerkleCheckpoint: Any = output_type(
    "MerkleCheckpoint", Checkpoint,
    given={"saved_form": str, "consistency_proof": Optional[list[str]]})  # noqa: UP045

EventInclusion: Any = output_type("EventInclusion", Inclusion)


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
            return MerkleCheckpoint.from_domain(
                head, saved_form=json_codec.readable_text(head.to_dict()),
                consistency_proof=proof)

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
        return EventInclusion.from_domain(found)
