"""Writers of one servant inside one process take turns, and writers in other processes that
still collide retry with capped, jittered exponential backoff.

Without expected versions a write is retried on fresh state after a conflict; twenty
concurrent writers of one servant could exhaust a small fixed number of immediate retries.
Serialising per servant in the process removes the conflicts among its own threads; the
backoff spreads the retries of several processes so the bound is not reached under load."""

from __future__ import annotations

import random
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

# Enough that several processes each writing one hot servant (each attempt losing to another
# process at most once per winner) do not run out; a conflict costs a few milliseconds.
CONFLICT_RETRIES = 40
BACKOFF_FIRST_SECONDS = 0.002
BACKOFF_CAP_SECONDS = 0.1
# Lock stripes: servants share a lock only when their NIPs hash alike.
STRIPES = 256
_LOCKS = tuple(threading.Lock() for _ in range(STRIPES))


@contextmanager
def one_writer_per_servant(nip: str) -> Iterator[None]:
    with _LOCKS[zlib.crc32(nip.encode()) % STRIPES]:
        yield


def back_off(attempt: int) -> None:
    """Sleep before retry ``attempt`` (0-based): full jitter up to a capped exponential."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_FIRST_SECONDS * 2**attempt)
    time.sleep(random.uniform(0, ceiling))
