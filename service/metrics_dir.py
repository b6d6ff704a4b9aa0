"""The directory where the API processes of one ``riwayat serve`` keep their counters.

Prepared by the parent before any worker imports ``prometheus_client`` (the library reads
``PROMETHEUS_MULTIPROC_DIR`` once, at import). Emptied at every start, so counters never
carry over from an earlier run; removed on exit when the service made it itself."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def metrics_directory() -> Iterator[Path]:
    given = os.environ.get(VARIABLE)
    path = Path(given) if given else Path(tempfile.mkdtemp(prefix="riwayat-metrics-"))
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    os.environ[VARIABLE] = str(path)
    try:
        yield path
    finally:
        if not given:
            shutil.rmtree(path, ignore_errors=True)
