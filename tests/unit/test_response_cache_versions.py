"""The response cache keeps an answer only as the rows of the version its key names: the
version the resolver read the rows at when it says so, else the version read again."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from starlette.responses import Response

from service.auth import Principal
from service.graphql.plain_execution import PLAIN_COMPLETIONS
from service.graphql.single_servant_read import HISTORY_VERSION
from service.response_cache import Probe, ResponseCache

HR = Principal("hr-1", "hr", ("*",))
NIP = "199001012015011001"


class _Current:
    """The view's version statement, answering ``row``; counts how often it was asked."""

    def __init__(self, row: tuple[int, int]) -> None:
        self.row, self.asked = row, 0

    async def fetch_async(self, *_args: Any) -> tuple[int, int]:
        self.asked += 1
        return self.row


def _kept(read: tuple[int, int] | None, now: tuple[int, int]) -> tuple[bool, int]:
    """(whether the answer was kept, how often the version was read again) for an answer
    the resolver made of ``read``'s rows (None: it did not say), the view now at ``now``."""
    cache = ResponseCache(max_bytes=1 << 20, max_tokens=2000)
    probe = Probe((object(), b"{}", "hr", (), 3, 7), NIP, (3, 7), HR)
    context: dict[str, Any] = {"failed": False, PLAIN_COMPLETIONS: [True]}
    if read is not None:
        context[HISTORY_VERSION] = read
    current = _Current(now)
    services = SimpleNamespace(read_models=SimpleNamespace(current=current))
    response = Response(b'{"data":{}}', 200, media_type="application/json")
    asyncio.run(cache.keep(probe, response, context, services))
    return cache.answer(probe) is not None, current.asked


def test_an_answer_made_of_the_probed_version_is_kept_without_reading_it_again() -> None:
    assert _kept((3, 7), now=(3, 8)) == (True, 0)


def test_an_answer_made_of_another_version_is_never_kept() -> None:
    # The view still shows the probed version, but the rows the answer shows are not it.
    assert _kept((3, 6), now=(3, 7)) == (False, 0)
    assert _kept((4, 7), now=(3, 7)) == (False, 0)


def test_without_the_read_version_the_version_is_read_again() -> None:
    assert _kept(None, now=(3, 7)) == (True, 1)
    assert _kept(None, now=(3, 8)) == (False, 1)
