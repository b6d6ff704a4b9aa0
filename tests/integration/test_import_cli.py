"""The import on the command line: ``sample-siasn`` writes an export, ``import --dry-run``
judges it and writes nothing, ``import`` brings it in with a progress bar (rows/s and time
left) on a terminal, ``import-runs`` lists the runs and prints a run's report CSV, and a
refused row makes the exit status 1."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from service.application import Riwayat
from service.settings import Settings
from tests.integration.cli_run import cli_env, run_on_terminal, run_piped


def test_sample_dry_run_import_and_the_runs_on_the_command_line(
        settings: Settings, tmp_path: Path) -> None:
    env = cli_env(settings.database_url, RIWAYAT_IMPORT_RUNS_DIR=str(tmp_path / "runs"))
    sample = run_piped(["sample-siasn", "--servants", "15", "--out", "siasn"], env, tmp_path)
    assert sample.returncode == 0, sample.stderr
    assert json.loads(sample.stdout)["records"]["data-utama.json"] == 15

    dry = run_piped(["import", "siasn", "--dry-run"], env, tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stderr == ""  # no bar drawn into a pipe
    valid = json.loads(dry.stdout)["counts"]["VALID"]
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        assert not app.recorder.max_notification_id()

        ran = run_on_terminal(["import", "siasn", "--batch", "50", "--report", "report.csv"], env, tmp_path)
        assert ran.returncode == 0, ran.stderr
        summary = json.loads(ran.stdout)
        assert summary["counts"]["IMPORTED"] == valid == app.recorder.max_notification_id()
    finally:
        app.close()
    assert "importing" in ran.stderr and f"{valid}/{valid}" in ran.stderr
    assert re.search(r"[\d,]+ rows/s", ran.stderr) and "ETA" in ran.stderr

    listed = run_piped(["import-runs"], env, tmp_path)
    lines = listed.stdout.splitlines()
    assert len(lines) == 2 and "dry run" in lines[1] and summary["run_id"] in lines[0]
    printed = run_piped(["import-runs", summary["run_id"]], env, tmp_path)
    assert printed.stdout == (tmp_path / "report.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(printed.stdout)))
    assert sum(r["outcome"] == "IMPORTED" for r in rows) == valid

    missing = run_piped(["import-runs", "../etc"], env, tmp_path)
    assert missing.returncode == 2 and "IMPORT_RUN_NOT_FOUND" in missing.stderr


def test_an_import_with_a_refused_row_exits_with_status_1(
        settings: Settings, tmp_path: Path) -> None:
    env = cli_env(settings.database_url, RIWAYAT_IMPORT_RUNS_DIR=str(tmp_path / "runs"))
    (tmp_path / "rw-golongan.json").write_text(json.dumps([
        {"id": "g", "nipBaru": "199001012015031001", "golonganId": "32", "jenisKPId": "101",
         "tmtGolongan": "01-04-2019"}]))
    ran = run_piped(["import", "rw-golongan.json"], env, tmp_path)
    assert ran.returncode == 1
    assert json.loads(ran.stdout)["refusals"] == {"SERVANT_NOT_FOUND": 1}
    absent = run_piped(["import", "nothing-here"], env, tmp_path)
    assert absent.returncode == 2 and "IMPORT_FILE_UNREADABLE" in absent.stderr
