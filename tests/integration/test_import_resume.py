"""``riwayat import`` killed with SIGKILL part-way through, then run again, ends with every
record imported exactly once (both stores): the second run skips what the first committed and
appends the rest, and the killed run stays listed as RUNNING."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from service.application import Riwayat
from service.importing import list_import_runs, run_import
from service.importing.sample import sample_records, write_sample
from service.settings import Settings
from tests.integration.cli_run import RIWAYAT, cli_env

SERVANTS = 200


def test_an_import_killed_midway_completes_on_the_next_run_without_duplicates(
        settings: Settings, tmp_path: Path) -> None:
    export = tmp_path / "siasn"
    write_sample(export, SERVANTS)
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        env = cli_env(settings.database_url,
                      RIWAYAT_IMPORT_RUNS_DIR=str(settings.import_runs_dir))
        importer = subprocess.Popen([RIWAYAT, "import", str(export), "--batch", "100", "-q"],
                                    env=env, cwd=tmp_path, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while not app.recorder.max_notification_id() and time.monotonic() < deadline:
            time.sleep(0.01)
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        assert importer.returncode == -signal.SIGKILL
        written = int(app.recorder.max_notification_id() or 0)
        [killed] = list_import_runs(settings)
        assert killed["status"] == "RUNNING"

        report = run_import(settings, export, app=app)
        total = report.counts["ALREADY_IMPORTED"] + report.counts["IMPORTED"]
        assert 0 < written < total, "the first run was not killed part-way"
        assert report.counts["ALREADY_IMPORTED"] == written
        assert report.counts["REFUSED"] == 0, report.refusals
        assert int(app.recorder.max_notification_id() or 0) == total
        keys = [e.source_record_id for record in sample_records(SERVANTS)["data-utama"]
                for e in app.servant(str(record["nipBaru"])).events]
        assert len(keys) == len(set(keys)) == total
    finally:
        app.close()
