"""Checkpoints: a statement of the log's Merkle tree head (tree size, root hash, the log
position of its last leaf, the chain digest there, and when it was taken) for an auditor to
save, like a Certificate Transparency signed tree head.

The statement is digested, not signed: ``digest`` is the SHA-256 of its canonical JSON, one
hash short enough to note in minutes or a letter. What makes a checkpoint trustworthy is that
the auditor keeps the copy they were given; every later package and consistency proof is
checked against that copy, offline."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from domain.errors import DomainError
from projections import json_codec

FORMAT = "riwayat-checkpoint/1"
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Checkpoint:
    tree_size: int
    root_hash: str  # hex
    head_position: int  # log position of the last leaf (0 for an empty log)
    chain_digest: str  # HASH@POSITION of the hash chain at head_position
    taken_at: str  # ISO 8601

    def statement(self) -> dict[str, Any]:
        return {"format": FORMAT, **asdict(self)}

    @property
    def digest(self) -> str:
        return hashlib.sha256(json_codec.canonical_bytes(self.statement())).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {**self.statement(), "digest": self.digest}

    @property
    def root(self) -> bytes:
        return bytes.fromhex(self.root_hash)


def parse_checkpoint(data: Any) -> Checkpoint:
    """A checkpoint from its saved form; INVALID_CHECKPOINT when it is not one, or its
    digest does not match its statement."""
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, not {FORMAT}")
        checkpoint = Checkpoint(
            tree_size=_count(data["tree_size"]), root_hash=_hex(data["root_hash"]),
            head_position=_count(data["head_position"]), chain_digest=str(data["chain_digest"]),
            taken_at=str(data["taken_at"]))
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise DomainError("INVALID_CHECKPOINT", f"Not a Riwayat checkpoint: {error}.",
                          "checkpoint") from error
    if data.get("digest") != checkpoint.digest:
        raise DomainError("INVALID_CHECKPOINT",
                          "The checkpoint's digest does not match its statement: it was edited.",
                          "checkpoint")
    return checkpoint


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _hex(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 64 or not set(value) <= _HEX:
        raise ValueError(f"{value!r} is not a SHA-256 hash in hex")
    return value
