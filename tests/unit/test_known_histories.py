"""The histories kept between projection batches: found only at the position they were built
up to, and bounded by events."""

from __future__ import annotations

from typing import Any, cast
from uuid import uuid4

from projections.engine.known_histories import KnownHistories

TOPICS = frozenset({"t"})


def _versions(count: int) -> dict[int, tuple[Any, int]]:
    return {v: (cast(Any, f"event {v}"), v * 10) for v in range(1, count + 1)}


def test_a_history_is_found_only_at_the_position_it_was_built_up_to() -> None:
    known, servant = KnownHistories(), uuid4()
    known.put(TOPICS, servant, 30, _versions(3))
    assert known.get(TOPICS, servant, 30) == _versions(3)
    assert known.get(TOPICS, servant, 40) is None
    assert known.get(frozenset({"other"}), servant, 30) is None


def test_the_least_recently_used_histories_go_first_past_the_bound() -> None:
    known = KnownHistories(max_events=5)
    old, used, new = uuid4(), uuid4(), uuid4()
    known.put(TOPICS, old, 20, _versions(2))
    known.put(TOPICS, used, 20, _versions(2))
    assert known.get(TOPICS, old, 20) is not None  # now the most recently used
    known.put(TOPICS, new, 20, _versions(2))
    assert known.get(TOPICS, used, 20) is None
    assert known.get(TOPICS, old, 20) is not None
    assert known.get(TOPICS, new, 20) is not None
