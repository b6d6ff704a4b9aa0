"""A bulk append admitting in worker processes, killed with SIGKILL part-way through, leaves
whole servants only (each transaction committed whole or not at all), its workers leave with
it, and appending the servants it did not reach completes the log (both stores)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from service.application import Riwayat
from service.audit import verify
from service.bulk_append import bulk_append
from service.sample.career_commands import career_commands
from service.settings import Settings

SERVANTS = 40
_APPEND = f"""
import sys
from service.application import Riwayat
from service.bulk_append import bulk_append
from service.sample.career_commands import career_commands
from service.settings import Settings
commands = career_commands(0, {SERVANTS})
app = Riwayat(env=Settings(database_url=sys.argv[1]).eventsourcing_env())
print("ready", flush=True)
bulk_append(app, commands, events_per_transaction=60, workers=2)
"""


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_a_killed_bulk_append_leaves_whole_servants_and_no_workers(
        settings: Settings, tmp_path: Path) -> None:
    commands = career_commands(0, SERVANTS)
    per_servant = Counter(command.nip for command in commands)
    app = Riwayat(env=settings.eventsourcing_env())
    try:
        with subprocess.Popen(
            [sys.executable, "-c", _APPEND, settings.database_url], cwd=Path.cwd(),
            env={**os.environ, "PYTHONPATH": str(Path.cwd())}, stdout=subprocess.PIPE, text=True,
        ) as appender:
            assert appender.stdout is not None and appender.stdout.readline() == "ready\n"
            deadline = time.monotonic() + 120
            workers: list[int] = []
            while not app.recorder.max_notification_id() and time.monotonic() < deadline:
                workers = _children(appender.pid) or workers
                time.sleep(0.005)
            appender.send_signal(signal.SIGKILL)
        assert appender.returncode == -signal.SIGKILL
        assert workers, "the append used no worker processes"
        deadline = time.monotonic() + 10
        while any(_running(worker) for worker in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_running(worker) for worker in workers)

        written = int(app.recorder.max_notification_id() or 0)
        assert 0 < written < len(commands), "the append was not killed part-way"
        stored = {nip: app.existing(nip) for nip in per_servant}
        assert all(s is None or s.version == per_servant[nip] for nip, s in stored.items())
        rest = [c for c in commands if stored[c.nip] is None]
        results = bulk_append(app, rest, events_per_transaction=60, workers=2)
        assert all(r.accepted for r in results)
        assert int(app.recorder.max_notification_id() or 0) == len(commands)
        assert verify(app).ok
    finally:
        app.close()
