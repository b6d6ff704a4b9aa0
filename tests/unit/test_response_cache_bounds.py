"""The response cache holds at most its byte budget, dropping the least recently used."""

from __future__ import annotations

from service.auth import Principal
from service.response_cache import ENTRY_OVERHEAD, Probe, ResponseCache

VIEWER = Principal("v", "viewer")


def _probe(n: int) -> Probe:
    return Probe((object(), b"{}", "viewer", (), 1, n), f"nip{n}", (1, n), VIEWER)


def test_the_cache_never_holds_more_than_its_budget_and_drops_the_oldest() -> None:
    entry = 1000 + 2 + ENTRY_OVERHEAD
    cache = ResponseCache(max_bytes=3 * entry, max_tokens=2000)
    probes = [_probe(n) for n in range(5)]
    for probe in probes[:3]:
        cache._store(probe, b"x" * 1000)
    assert cache.answer(probes[0]) is not None  # now the most recently used
    cache._store(probes[3], b"x" * 1000)
    assert cache.size_bytes <= 3 * entry
    assert cache.answer(probes[1]) is None  # the least recently used went first
    assert all(cache.answer(p) is not None for p in (probes[0], probes[2], probes[3]))
    cache._store(probes[4], b"x" * (4 * entry))  # larger than the whole budget: not kept
    assert cache.answer(probes[4]) is None and cache.size_bytes <= 3 * entry
