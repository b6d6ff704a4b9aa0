"""The Merkle tree hash of RFC 6962 / RFC 9162 (Certificate Transparency), with inclusion and
consistency proofs. Pure: standard library only, no I/O.

MTH of one leaf is H(0x00 || leaf bytes); of more, H(0x01 || MTH(left) || MTH(right)), the left
part being the largest power of two smaller than the size. Proofs are built through a
``SubtreeHash``: any function giving MTH of leaves[start:end], so a caller may answer from
stored subtrees instead of rehashing every leaf. Proof hashes run from the leaf upward, as in
RFC 9162 §2.1.3 and §2.1.4 (and in transparency-dev/merkle)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

SubtreeHash = Callable[[int, int], bytes]

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(size: int) -> int:
    """The largest power of two strictly smaller than ``size`` (``size`` >= 2)."""
    if size < 2:
        raise ValueError("a tree of fewer than two leaves does not split")
    return 1 << ((size - 1).bit_length() - 1)


def is_perfect(size: int) -> bool:
    return size > 0 and size & (size - 1) == 0


def subtree_over(leaf_hashes: Sequence[bytes]) -> SubtreeHash:
    """A ``SubtreeHash`` that hashes the given (already leaf-hashed) entries from scratch."""

    def subtree(start: int, end: int) -> bytes:
        if end - start == 1:
            return leaf_hashes[start]
        k = split_point(end - start)
        return node_hash(subtree(start, start + k), subtree(start + k, end))

    return subtree


def root_hash(size: int, subtree: SubtreeHash) -> bytes:
    return EMPTY_ROOT if size == 0 else subtree(0, size)


def inclusion_proof(index: int, size: int, subtree: SubtreeHash) -> list[bytes]:
    """PATH(index, D[0:size]) of RFC 9162 §2.1.3.1."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")

    def path(start: int, end: int) -> list[bytes]:
        if end - start == 1:
            return []
        k = split_point(end - start)
        if index < start + k:
            return path(start, start + k) + [subtree(start + k, end)]
        return path(start + k, end) + [subtree(start, start + k)]

    return path(0, size)


def consistency_proof(old_size: int, new_size: int, subtree: SubtreeHash) -> list[bytes]:
    """PROOF(old_size, D[0:new_size]) of RFC 9162 §2.1.4.1 (empty for equal or zero sizes)."""
    if not 0 <= old_size <= new_size:
        raise ValueError(f"no consistency proof from {old_size} to {new_size}")
    if old_size in (0, new_size):
        return []

    def subproof(m: int, start: int, end: int, complete: bool) -> list[bytes]:
        if m == end - start:
            return [] if complete else [subtree(start, end)]
        k = split_point(end - start)
        if m <= k:
            return subproof(m, start, start + k, complete) + [subtree(start + k, end)]
        return subproof(m - k, start + k, end, False) + [subtree(start, start + k)]

    return subproof(old_size, 0, new_size, True)


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes],
                     root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` put ``leaf`` at ``index`` in the tree ``root``?"""
    if not 0 <= index < size:
        return False
    sides = _sides(index, size - 1, proof)
    if sides is None:
        return False
    running = leaf
    for sibling, left in zip(proof, sides, strict=True):
        running = node_hash(sibling, running) if left else node_hash(running, sibling)
    return running == root


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: is the tree ``new_root`` an append-only extension of ``old_root``?"""
    if not 0 <= old_size <= new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    path = list(proof)
    if is_perfect(old_size):
        path = [old_root, *path]
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    sides = _sides(fn, sn, path[1:])
    if sides is None:
        return False
    old_running = new_running = path[0]
    for sibling, left in zip(path[1:], sides, strict=True):
        if left:
            old_running = node_hash(sibling, old_running)
            new_running = node_hash(sibling, new_running)
        else:
            new_running = node_hash(new_running, sibling)
    return old_running == old_root and new_running == new_root


def _sides(fn: int, sn: int, proof: Sequence[bytes]) -> list[bool] | None:
    """The walk both RFC 9162 verifications make from node ``fn`` (of last node ``sn``) up to
    the root: for each proof hash, whether it is the left sibling. None when the proof is too
    long or too short to end at the root."""
    sides = []
    for _ in proof:
        if sn == 0:
            return None
        left = bool(fn & 1) or fn == sn
        sides.append(left)
        if left:
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        fn, sn = fn >> 1, sn >> 1
    return sides if sn == 0 else None
