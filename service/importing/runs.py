"""Past import runs, kept as files under ``Settings.import_runs_dir`` (RIWAYAT_IMPORT_RUNS_DIR):
one directory per run with ``summary.json`` and ``report.csv``, whichever store the log is in.

Files rather than a table: a report is a document to download, it is written once when the
run ends, and a dry run (which must write nothing to the database) keeps one too. The summary
is written when the run starts (status RUNNING) and again when it ends (FINISHED); a run
killed midway keeps RUNNING and no report, and running the same import again completes it."""

from __future__ import annotations

import os
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from projections import json_codec
from service.importing.report import ImportReport

RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}$")


def new_run_id(now: datetime) -> str:
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _directory(settings: Any, run_id: str) -> Path:
    if not RUN_ID.match(run_id):  # also keeps a web request's id inside the runs directory
        raise DomainError("IMPORT_RUN_NOT_FOUND", f"{run_id!r} is not an import run id.", "runId")
    return Path(settings.import_runs_dir) / run_id


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # readers never see half a file


def save_summary(settings: Any, report: ImportReport) -> None:
    _write(_directory(settings, report.run_id) / "summary.json",
           json_codec.pretty_text(report.summary()))


def save_report(settings: Any, report: ImportReport) -> None:
    directory = _directory(settings, report.run_id)
    _write(directory / "report.csv", report.csv_text())
    save_summary(settings, report)


def list_import_runs(settings: Any) -> list[dict[str, Any]]:
    """The summaries of past runs, newest first (what a run's page shows, without rows)."""
    root = Path(settings.import_runs_dir)
    if not root.is_dir():
        return []
    runs = []
    for directory in root.iterdir():
        summary = directory / "summary.json"
        if RUN_ID.match(directory.name) and summary.is_file():
            runs.append(json_codec.loads(summary.read_text(encoding="utf-8")))
    return sorted(runs, key=lambda run: str(run["run_id"]), reverse=True)


def import_run_report(settings: Any, run_id: str) -> Path:
    """The report CSV of run ``run_id``; IMPORT_RUN_NOT_FOUND when there is none (yet)."""
    path = _directory(settings, run_id) / "report.csv"
    if not path.is_file():
        raise DomainError("IMPORT_RUN_NOT_FOUND", f"Import run {run_id} has no report.", "runId")
    return path
