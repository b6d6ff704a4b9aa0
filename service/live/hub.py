"""One poller per process reads the log's new notifications and fans them out.

The same on SQLite and PostgreSQL: the poller asks the recorder for notifications after the
last position it saw (SQLite has no LISTEN/NOTIFY, and the events may be written by another
process), decodes each once, and hands it to every subscriber's queue. Subscribers never
touch the database themselves, so a thousand of them cost one query per interval."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.servant import CivilServant
from service.scope import servant_scope

log = logging.getLogger("riwayat.live")
QUEUE_SIZE = 1000
BATCH = 500


@dataclass(frozen=True)
class LiveEvent:
    """A new event of the log, with the servant's agency and unit on the day it was seen."""

    position: int
    nip: str
    event: Any  # the domain event
    institution_id: str
    unit_id: str
    stream: tuple[Any, ...] = ()  # the servant's events, for what a correction changed


class LogHub:
    """Polls the log from the head it finds at start; ``subscribe`` yields what follows."""

    def __init__(self, app: Any, poll_seconds: float, today: Callable[[], date]) -> None:
        self.app = app
        self.poll_seconds = poll_seconds
        self.today = today
        self.queues: set[asyncio.Queue[LiveEvent | None]] = set()
        self.ticks: set[asyncio.Event] = set()
        self.position: int | None = None
        self.task: asyncio.Task[None] | None = None
        self.polls = 0  # for tests and metrics: one count per poll, whatever the subscribers

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None
        for queue in self.queues:
            queue.put_nowait(None)

    async def events(self) -> AsyncIterator[LiveEvent]:
        """Every event appended after the subscription started, in log order."""
        self.start()
        queue: asyncio.Queue[LiveEvent | None] = asyncio.Queue(QUEUE_SIZE)
        self.queues.add(queue)
        try:
            while (item := await queue.get()) is not None:
                yield item
        finally:
            self.queues.discard(queue)

    async def wait_tick(self, timeout: float) -> None:
        """Wait until the next poll that found new events (or ``timeout``)."""
        self.start()
        tick = asyncio.Event()
        self.ticks.add(tick)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(tick.wait(), timeout)
        finally:
            self.ticks.discard(tick)

    async def _run(self) -> None:
        if self.position is None:
            self.position = int(await asyncio.to_thread(self.app.recorder.max_notification_id) or 0)
        while True:
            try:
                found = await asyncio.to_thread(self._poll)
            except Exception:  # the database may be away for a while: keep the feed alive
                log.warning("live feed poll failed; retrying", exc_info=True)
                found = []
            self.polls += 1
            for item in found:
                for queue in list(self.queues):
                    if queue.full():  # a subscriber too slow to keep up loses the oldest
                        queue.get_nowait()
                    queue.put_nowait(item)
            if found:
                for tick in list(self.ticks):
                    tick.set()
            if len(found) < BATCH:
                await asyncio.sleep(self.poll_seconds)

    def _poll(self) -> list[LiveEvent]:
        assert self.position is not None
        notifications = self.app.recorder.select_notifications(self.position + 1, BATCH)
        found: list[LiveEvent] = []
        for notification in notifications:
            self.position = notification.id
            if not (self.queues or self.ticks):
                continue
            event = self.app.mapper.to_domain_event(notification)
            placed = self._placed(notification.id, event)
            if placed is not None:
                found.append(placed)
        return found

    def _placed(self, position: int, event: Any) -> LiveEvent | None:
        servant = self.app.repository.get(event.originator_id)
        if not isinstance(servant, CivilServant):
            return None  # another stream (a position standard): not a servant's career
        institution, unit = servant_scope(servant, self.today())
        return LiveEvent(position, servant.nip, event, institution, unit, tuple(servant.events))
