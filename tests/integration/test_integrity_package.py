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
    assert package["digest"] == verify(app).digest
    assert package["events"][1]["state"]["predikat"]["_data_"] == "BAIK"
    assert all(entry[1] != package["originator_id"] for entry in package["path"])


EDITS = {
    "readable-copy": lambda p: p["events"][1]["state"].update(year=1999),
    "stored-bytes": lambda p: p["events"][1].update(
        state_base64=p["events"][2]["state_base64"]),
    "event-dropped": lambda p: p["events"].pop(1),
    "other-event-dropped": lambda p: p["path"].pop(0),
    "digest": lambda p: p.update(digest="0" * 64 + "@" + p["digest"].split("@")[1]),
    "hidden-own-event": lambda p: p["path"].__setitem__(
        0, [p["path"][0][0], p["originator_id"], 9, *p["path"][0][3:]]),
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
    package["events"][0]["originator_version"] = 7
    output.write_text(json.dumps(package))
    assert run_cli(settings, "verify", "--package", str(output)) == 1
    assert run_cli(settings, "verify", "--digest", "nonsense") == 2
    Attacker(settings).alter_payload(positions[3])
    assert run_cli(settings, "verify") == 1
    assert run_cli(settings, "verify", "--digest", digest) == 1
    printed = capsys.readouterr().out
    assert f"BROKEN at position {positions[3]}: CHANGED" in printed
