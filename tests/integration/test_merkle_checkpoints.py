"""The log's Merkle tree on both stores: the stored subtrees give the roots and proofs that
hashing every leaf gives, across several chunks and as the log grows; checkpoints, consistency
proofs and packages check offline; an altered stored subtree is caught."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.errors import DomainError
from service.application import Riwayat
from service.audit import tables_of
from service.audit.checkpoint import Checkpoint, parse_checkpoint
from service.audit.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    subtree_over,
    verify_consistency,
    verify_inclusion,
)
from service.audit.merkle_log import CHUNK, MerkleLog
from service.audit.package import export, verify_package
from service.sample.careers import build_events
from service.settings import Settings
from tests.integration.test_integrity_package import run_cli
from tests.integration.test_integrity_tampering import Attacker

TAKEN = "2026-01-01T00:00:00+00:00"


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


def generate(app: Riwayat, first: int, servants: int) -> None:
    """Careers from the project's generator, interleaved in recording order."""
    keyed = sorted(build_events(first, servants), key=lambda k: k[:3])
    for start in range(0, len(keyed), 500):
        app.save(*(k[3] for k in keyed[start:start + 500]))


def all_leaves(app: Riwayat) -> list[bytes]:
    return [leaf_hash(bytes.fromhex(link.event_hash)) for link in tables_of(app).links(0)]


def nip_of(app: Riwayat, index: int) -> str:
    row = next(iter(tables_of(app).events(index, index + 1)))
    state = json.loads(row.state)
    return str(state["nip"])


def test_stored_subtrees_give_the_roots_and_proofs_of_hashing_every_leaf(app: Riwayat) -> None:
    generate(app, 0, 25)
    leaves = all_leaves(app)
    assert len(leaves) > 2 * CHUNK + 1
    log = MerkleLog(tables_of(app))
    assert log.size == len(leaves) and log.complete_chunks == len(leaves) // CHUNK
    reference = subtree_over(leaves)
    for size in (1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, len(leaves)):
        assert log.subtree(0, size) == reference(0, size)
    for index in (0, CHUNK - 1, CHUNK, 2 * CHUNK + 3, len(leaves) - 1):
        assert inclusion_proof(index, len(leaves), log.subtree) == \
            inclusion_proof(index, len(leaves), reference)
        assert log.leaf_index(log.position_of(index)) == index
    assert consistency_proof(CHUNK + 5, len(leaves), log.subtree) == \
        consistency_proof(CHUNK + 5, len(leaves), reference)
    assert log.first_stored_mismatch() is None


def test_a_later_checkpoint_is_proved_consistent_with_an_earlier_one(app: Riwayat) -> None:
    generate(app, 0, 12)
    earlier = MerkleLog(tables_of(app)).checkpoint(TAKEN)
    generate(app, 12, 12)
    log = MerkleLog(tables_of(app))
    later = log.checkpoint(TAKEN)
    assert later.tree_size > earlier.tree_size > CHUNK
    assert later.root == subtree_over(all_leaves(app))(0, later.tree_size)
    proof = consistency_proof(earlier.tree_size, later.tree_size, log.subtree)
    assert verify_consistency(earlier.tree_size, later.tree_size, earlier.root, later.root, proof)
    assert log.checkpoint(TAKEN, earlier.tree_size) == earlier


def test_a_package_from_a_long_log_checks_against_a_saved_checkpoint(app: Riwayat) -> None:
    generate(app, 0, 12)
    saved = MerkleLog(tables_of(app)).checkpoint(TAKEN).to_dict()
    generate(app, 12, 12)
    nip = nip_of(app, 3)
    package = json.loads(json.dumps(export(app, nip, since=parse_checkpoint(saved))))
    assert verify_package(package, saved) == []
    assert len(package["events"]) > 10
    size = package["checkpoint"]["tree_size"]
    assert all(len(e["inclusion_proof"]) <= size.bit_length() for e in package["events"])
    without = export(app, nip)
    assert verify_package(without) == []
    assert any("--since-checkpoint" in p for p in verify_package(without, saved))
    assert verify_package(package, {**saved, "root_hash": "2" * 64}) != []
    fields = {k: v for k, v in saved.items() if k not in ("format", "digest")}
    redigested = Checkpoint(**{**fields, "root_hash": "2" * 64}).to_dict()
    assert any("does not extend" in p or "no consistency proof" in p
               for p in verify_package(package, redigested))


def test_export_refuses_a_saved_checkpoint_this_log_never_had(app: Riwayat) -> None:
    generate(app, 0, 3)
    log = MerkleLog(tables_of(app))
    head = log.checkpoint(TAKEN)
    nip = nip_of(app, 0)
    rewritten = Checkpoint(head.tree_size - 1, "3" * 64, 0, "0" * 64 + "@0", TAKEN)
    with pytest.raises(DomainError) as mismatch:
        export(app, nip, since=rewritten)
    assert mismatch.value.code == "CHECKPOINT_MISMATCH"
    ahead = Checkpoint(head.tree_size + 1, head.root_hash, 0, head.chain_digest, TAKEN)
    with pytest.raises(DomainError) as too_new:
        export(app, nip, since=ahead)
    assert too_new.value.code == "CHECKPOINT_AHEAD"


def test_an_altered_stored_subtree_is_caught_by_verify_and_export(
        app: Riwayat, settings: Settings) -> None:
    generate(app, 0, 12)
    MerkleLog(tables_of(app))  # stores the completed chunks
    with Attacker(settings).sql() as conn:
        if settings.is_postgres:
            conn.execute("DROP TRIGGER riwayat_merkle_no_change ON riwayat_merkle_nodes")
        else:
            conn.execute("DROP TRIGGER riwayat_merkle_nodes_no_update")
        conn.execute(f"UPDATE riwayat_merkle_nodes SET hash = '{'4' * 64}' WHERE idx = 0")
    assert "level 8, index 0" in str(MerkleLog(tables_of(app)).first_stored_mismatch())
    with pytest.raises(DomainError, match="fails verification"):
        export(app, nip_of(app, 0))
    assert run_cli(settings, "verify") == 1


def test_cli_checkpoint_export_since_and_verify_package(
        app: Riwayat, settings: Settings, tmp_path: Path) -> None:
    generate(app, 0, 12)
    saved = tmp_path / "checkpoint.json"
    assert run_cli(settings, "checkpoint", "--output", str(saved)) == 0
    generate(app, 12, 4)
    package = tmp_path / "package.json"
    nip = nip_of(app, 0)
    assert run_cli(settings, "export", "--nip", nip, "--output", str(package),
                   "--since-checkpoint", str(saved)) == 0
    assert run_cli(settings, "verify-package", str(package), "--checkpoint", str(saved)) == 0
    assert run_cli(settings, "verify", "--package", str(package), "--checkpoint", str(saved)) == 0
    newer = tmp_path / "newer.json"
    generate(app, 16, 2)
    assert run_cli(settings, "checkpoint", "--output", str(newer)) == 0
    assert run_cli(settings, "verify-package", str(package), "--checkpoint", str(newer)) == 1
    edited = json.loads(saved.read_text()) | {"tree_size": 1}
    saved.write_text(json.dumps(edited))
    assert run_cli(settings, "verify-package", str(package), "--checkpoint", str(saved)) == 1
    assert run_cli(settings, "export", "--nip", nip, "--since-checkpoint", str(saved)) == 2
    proof = json.loads(package.read_text())["events"][0]
    checkpoint = json.loads(package.read_text())["checkpoint"]
    assert verify_inclusion(proof["leaf_index"], checkpoint["tree_size"],
                            bytes.fromhex(proof["leaf_hash"]),
                            [bytes.fromhex(h) for h in proof["inclusion_proof"]],
                            bytes.fromhex(checkpoint["root_hash"]))
