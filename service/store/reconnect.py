"""Reads that survive the database cutting the pool's connections.

The pool hands out connections without a liveness round trip (no pre-ping): a dead one is
found by the statement that fails on it. Then every idle connection is checked at once
(psycopg_pool's ``check``), so the retry runs on a live one instead of the next dead one."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.postgres import PostgresDatastore

ATTEMPTS = 5
WAIT_SECONDS = 0.2
CONNECTION_ERRORS = (InterfaceError, OperationalError)

P = ParamSpec("P")
R = TypeVar("R")


class HasDatastore(Protocol):
    datastore: PostgresDatastore


S = TypeVar("S", bound=HasDatastore)


def drop_dead_connections(datastore: PostgresDatastore) -> None:
    datastore.pool.check()


def reconnecting(read: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """``read`` again (up to ATTEMPTS times) after a connection error, once the pool has
    dropped its dead connections. Only for reads: a write whose commit may have landed is
    not repeated."""

    @functools.wraps(read)
    def again(recorder: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(ATTEMPTS):
            try:
                return read(recorder, *args, **kwargs)
            except CONNECTION_ERRORS:
                if attempt == ATTEMPTS - 1:
                    raise
                drop_dead_connections(recorder.datastore)
                time.sleep(WAIT_SECONDS * attempt)
        raise AssertionError("unreachable")

    return again

