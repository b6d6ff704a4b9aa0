"""Audit packages verify offline, and any edit to one (or a tampered log) is caught; the
``riwayat verify`` / ``export`` commands report through their exit codes."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.application import Riwayat
from service.audit import verify
from service.audit.checkpoint import Checkpoint
from service.audit.package import export, verify_package
from service.audit_cli import add_audit_commands
from service.settings import Settings
from tests.integration.test_integrity_tampering import NIPS, Attacker, appraise, sample_log


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


def run_cli(settings: Settings, *argv: str) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="riwayat")
    add_audit_commands(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    result: int = args.handler(settings, args)
    return result


def test_exported_package_verifies_offline_and_covers_the_whole_stream(app: Riwayat) -> None:
    sample_log(app)
    package = json.loads(json.dumps(export(app, NIPS[1])))
    assert verify_package(package) == []
    assert [e["event_id"] for e in package["events"]] == [f"{NIPS[1]}:{v}" for v in (1, 2, 3)]
    assert package["checkpoint"]["chain_digest"] == verify(app).digest
    assert package["checkpoint"]["tree_size"] == 9
    assert package["events"][1]["state"]["predikat"]["_data_"] == "BAIK"
    assert "path" not in package  # other servants' events are no longer listed


def _swap_positions(p: dict[str, Any]) -> None:
    first, second = p["events"][0], p["events"][1]
    for key in ("position", "leaf_index", "event_hash", "leaf_hash", "inclusion_proof"):
        first[key], second[key] = second[key], first[key]


def _edit_checkpoint_root(p: dict[str, Any]) -> None:
    p["checkpoint"]["root_hash"] = "0" * 64


def _forge_checkpoint_root(p: dict[str, Any]) -> None:
    """Another root with its digest recomputed, so only the proofs can tell."""
    fields = {k: v for k, v in p["checkpoint"].items() if k not in ("format", "digest")}
    p["checkpoint"] = Checkpoint(**{**fields, "root_hash": "1" * 64}).to_dict()


def _flip_proof_hash(p: dict[str, Any]) -> None:
    proof = p["events"][1]["inclusion_proof"]
    proof[0] = ("1" if proof[0][0] == "0" else "0") + proof[0][1:]


EDITS = {
    "readable-copy": lambda p: p["events"][1]["state"].update(year=1999),
    "stored-bytes": lambda p: p["events"][1].update(
        state_base64=p["events"][2]["state_base64"]),
    "event-dropped": lambda p: p["events"].pop(1),
    "first-event-dropped": lambda p: p["events"].pop(0),
    "events-reordered": lambda p: p["events"].reverse(),
    "positions-swapped": _swap_positions,
    "moved-to-another-leaf": lambda p: p["events"][1].update(leaf_index=p["events"][1]["leaf_index"] + 1),
    "moved-to-another-position": lambda p: p["events"][1].update(position=p["events"][1]["position"] + 1),
    "proof-hash-changed": _flip_proof_hash,
    "proof-hash-dropped": lambda p: p["events"][1]["inclusion_proof"].pop(),
    "checkpoint-root": _edit_checkpoint_root,
    "checkpoint-root-redigested": _forge_checkpoint_root,
    "checkpoint-size": lambda p: p["checkpoint"].update(tree_size=p["checkpoint"]["tree_size"] + 1),
    "hidden-own-event": lambda p: p["events"][2].update(originator_version=9),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_an_edited_package_fails_verification(app: Riwayat, edit: str) -> None:
    sample_log(app)
    package = json.loads(json.dumps(export(app, NIPS[1])))
    edited = copy.deepcopy(package)
    EDITS[edit](edited)
    assert verify_package(edited) != []


def test_export_refuses_a_tampered_log(app: Riwayat, settings: Settings) -> None:
    positions = sample_log(app)
    Attacker(settings).alter_payload(positions[5])
    with pytest.raises(Exception, match="fails verification"):
        export(app, NIPS[0])


def test_cli_verify_export_and_package_exit_codes(
        app: Riwayat, settings: Settings, tmp_path: Path, capsys: Any) -> None:
    positions = sample_log(app)
    assert run_cli(settings, "verify") == 0
    digest = verify(app).digest
    assert digest is not None
    appraise(app, NIPS[0], 2018)
    assert run_cli(settings, "verify", "--digest", digest) == 0
    output = tmp_path / "package.json"
    assert run_cli(settings, "export", "--nip", NIPS[2], "--output", str(output)) == 0
    assert run_cli(settings, "verify", "--package", str(output)) == 0
    package = json.loads(output.read_text())
    assert run_cli(settings, "verify-package", str(output)) == 0
    package["events"][0]["originator_version"] = 7
    output.write_text(json.dumps(package))
    assert run_cli(settings, "verify", "--package", str(output)) == 1
    assert run_cli(settings, "verify-package", str(output)) == 1
    assert run_cli(settings, "verify", "--digest", "nonsense") == 2
    Attacker(settings).alter_payload(positions[3])
    assert run_cli(settings, "verify") == 1
    assert run_cli(settings, "verify", "--digest", digest) == 1
    printed = capsys.readouterr().out
    assert f"BROKEN at position {positions[3]}: CHANGED" in printed
