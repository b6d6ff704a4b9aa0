"""A projection worker killed with SIGKILL part-way through a catch-up, then restarted, has
applied every event exactly once (each servant's last applied position and count of applied
events equal the log's) and ends with exactly the rows a clean rebuild produces (both stores)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from projections.read_models import ReadModels
from service.settings import Settings
from tests.exactly_once import assert_applied_exactly_once

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Contents, Seed

pytest_plugins = ["tests.integration.conftest_projections"]

MY_VIEWS = ["career_history", "promotion", "training_ledger"]
ROOT = Path(__file__).resolve().parents[2]
WORKER = """
import sys
from service.application import Riwayat
from service.projection_wiring import open_read_models
from service.settings import Settings
from tests.exactly_once import assert_applied_exactly_once
settings = Settings(database_url=sys.argv[1], projection_batch_size=3)
app = Riwayat(env=settings.eventsourcing_env())
open_read_models(settings, app).catch_up()
"""


def applied(read_models: ReadModels) -> int:
    try:
        return sum(s.position for s in read_models.status(MY_VIEWS))
    except Exception:  # the worker may not have created the tables yet
        return 0


def test_a_worker_killed_mid_catch_up_resumes_to_the_rebuilt_rows(
    settings: Settings, read_models: ReadModels, seed: Seed, contents: Contents
) -> None:
    head = seed(0, 40)
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, settings.database_url], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 60
    while applied(read_models) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert worker.returncode == -signal.SIGKILL
    assert applied(read_models) < 3 * head, "the worker finished before it was killed"

    read_models.catch_up()
    resumed = contents()
    assert {s.position for s in read_models.status(MY_VIEWS)} == {head}
    assert_applied_exactly_once(read_models, MY_VIEWS)
    read_models.rebuild()
    assert contents() == resumed
    assert_applied_exactly_once(read_models, MY_VIEWS)
