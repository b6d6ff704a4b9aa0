"""The Merkle module against the RFC 6962 reference vectors.

The leaves, node hashes, roots and proofs below are the known-answer data of the Certificate
Transparency reference code as kept in transparency-dev/merkle (``testonly/constants.go``:
LeafInputs, NodeHashes, RootHashes; ``testonly/reference_test.go``: TestRefInclusionProof,
TestRefConsistencyProof)."""

from __future__ import annotations

import itertools

import pytest

from service.audit.merkle import (
    EMPTY_ROOT,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_hash,
    subtree_over,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f")]
LEAF_HASHES = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = {  # (index, size): proof
    (0, 1): [],
    (0, 2): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"],
    (1, 2): ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
    (0, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (5, 8): ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
}
CONSISTENCY = {  # (old size, new size): proof
    (1, 1): [],
    (1, 8): ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    (2, 5): ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"],
    (6, 8): ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],
}
HASHED = [leaf_hash(leaf) for leaf in LEAVES]
TREE = subtree_over(HASHED)


def root(size: int) -> bytes:
    return root_hash(size, TREE)


def test_leaf_hashes_match_the_reference_vectors() -> None:
    assert [h.hex() for h in HASHED] == LEAF_HASHES


def test_roots_of_every_size_match_the_reference_vectors() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    assert [root(size).hex() for size in range(9)] == ROOTS


@pytest.mark.parametrize(("index", "size"), INCLUSION, ids=[f"{i}:{n}" for i, n in INCLUSION])
def test_inclusion_proofs_match_the_reference_vectors(index: int, size: int) -> None:
    proof = inclusion_proof(index, size, TREE)
    assert [h.hex() for h in proof] == INCLUSION[(index, size)]
    assert verify_inclusion(index, size, HASHED[index], proof, root(size))


@pytest.mark.parametrize(("old", "new"), CONSISTENCY, ids=[f"{m}:{n}" for m, n in CONSISTENCY])
def test_consistency_proofs_match_the_reference_vectors(old: int, new: int) -> None:
    proof = consistency_proof(old, new, TREE)
    assert [h.hex() for h in proof] == CONSISTENCY[(old, new)]
    assert verify_consistency(old, new, root(old), root(new), proof)


def test_every_inclusion_proof_of_the_eight_leaf_trees_verifies_only_for_its_own_leaf() -> None:
    for size in range(1, 9):
        for index in range(size):
            proof = inclusion_proof(index, size, TREE)
            assert verify_inclusion(index, size, HASHED[index], proof, root(size))
            others = [i for i in range(size) if i != index]
            assert not any(verify_inclusion(i, size, HASHED[index], proof, root(size))
                           for i in others)
            assert not any(verify_inclusion(index, size, HASHED[i], proof, root(size))
                           for i in others)
            if size < 8:  # a proof for one tree head proves nothing for the next
                assert not verify_inclusion(index, size + 1, HASHED[index], proof, root(size + 1))
            if proof:
                assert not verify_inclusion(index, size, HASHED[index], proof[:-1], root(size))
                flipped = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
                assert not verify_inclusion(index, size, HASHED[index], flipped, root(size))


def test_every_consistency_proof_of_the_eight_leaf_trees_verifies_and_rejects_edits() -> None:
    for old, new in itertools.combinations_with_replacement(range(1, 9), 2):
        proof = consistency_proof(old, new, TREE)
        assert verify_consistency(old, new, root(old), root(new), proof)
        if old < new:
            assert not verify_consistency(old, new, root(old - 1) if old > 1 else root(new),
                                          root(new), proof)
            assert not verify_consistency(old, new, root(old), root(new - 1), proof)
            assert not verify_consistency(old, new, root(old), root(new), proof[:-1])


def test_a_tree_whose_old_leaves_changed_is_not_consistent() -> None:
    changed = subtree_over([HASHED[0], leaf_hash(b"changed"), *HASHED[2:]])
    proof = consistency_proof(3, 8, changed)
    assert not verify_consistency(3, 8, root(3), root_hash(8, changed), proof)
