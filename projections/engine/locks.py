"""Leadership per (view, generation): the worker holding the lock applies, others stand by.

The lock only saves wasted work; correctness comes from the compare-and-set of the tracked
position (``registry.advance``), so even two lock holders could not both apply a batch."""

from __future__ import annotations

import contextlib
import fcntl
import os
from typing import Protocol

from projections.engine.db import Conn
from projections.engine.postgres import PostgresConn


class Lock(Protocol):
    def try_acquire(self) -> bool: ...
    def release(self) -> None: ...


class PostgresAdvisoryLock:
    """A session advisory lock on the runner's own connection: if the worker dies, its
    connection closes and the lock passes to a standby."""

    def __init__(self, conn: PostgresConn, name: str, generation: int) -> None:
        self.conn = conn
        # Advisory locks are per database, so the schema belongs in the key.
        schema = conn.execute("SELECT current_schema()")[0][0]
        self.key = f"riwayat-projection:{schema}:{name}:{generation}"
        self.held = False

    def try_acquire(self) -> bool:
        if not self.held:
            rows = self.conn.execute(
                "SELECT pg_try_advisory_lock(hashtext('riwayat-projection'), hashtext(?))",
                (self.key,),
            )
            self.held = bool(rows[0][0])
        return self.held

    def release(self) -> None:
        if self.held:
            self.held = False
            # If the connection is gone, the lock went with it.
            with contextlib.suppress(Exception):
                self.conn.execute(
                    "SELECT pg_advisory_unlock(hashtext('riwayat-projection'), hashtext(?))",
                    (self.key,),
                )


class FileLock:
    """flock(2) on a file beside the SQLite database; released by the OS if the process dies."""

    def __init__(self, database_path: str, name: str, generation: int) -> None:
        self.path = f"{database_path}.{name}.g{generation}.lock"
        self.fd: int | None = None

    def try_acquire(self) -> bool:
        if self.fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def lock_for(conn: Conn, database_path: str | None, name: str, generation: int) -> Lock:
    if isinstance(conn, PostgresConn):
        return PostgresAdvisoryLock(conn, name, generation)
    assert database_path is not None
    return FileLock(database_path, name, generation)
