"""Progress bars for the long commands (seed, rebuild, verify, export, import), on stderr.

A bar shows the count, the rate and, where the total is known, the time left. It draws only
when stderr is a terminal and the command was not given ``--quiet``: piped into a file, a
script or a CI log, the commands write nothing but their own output."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

T = TypeVar("T")


class Bar:
    """One counter on the display; this base class is the silent one (nothing is drawn)."""

    def advance(self, count: int = 1) -> None:
        """``count`` more items are done."""

    def reach(self, completed: int) -> None:
        """``completed`` items are done in all (a log position, for passes over the log)."""

    def set_total(self, total: int | None) -> None:
        """The number of items, once it is known (None: unknown, no time left is shown)."""


class Display:
    """The bars of one command; silent unless drawing on a terminal."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress

    def bar(self, description: str, total: int | None = None, unit: str = "events") -> Bar:
        if self._progress is None:
            return Bar()
        task = self._progress.add_task(description, total=total, unit=unit)
        return _DrawnBar(self._progress, task)


class _DrawnBar(Bar):
    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress, self._task = progress, task

    def advance(self, count: int = 1) -> None:
        self._progress.advance(self._task, count)

    def reach(self, completed: int) -> None:
        self._progress.update(self._task, completed=completed)

    def set_total(self, total: int | None) -> None:
        self._progress.update(self._task, total=total)


class _RateColumn(ProgressColumn):
    """Items per second, in the task's own unit (events/s, servants/s, rows/s)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "items")
        if task.speed is None:
            return Text(f"- {unit}/s", style="progress.data.speed")
        return Text(f"{task.speed:,.0f} {unit}/s", style="progress.data.speed")


class _RemainingColumn(TimeRemainingColumn):
    """Time left where the total is known; time spent where it is not."""

    def __init__(self) -> None:
        super().__init__()
        self._elapsed = TimeElapsedColumn()

    def render(self, task: Task) -> Text:
        if task.total is None:
            return self._elapsed.render(task)
        return Text.assemble("ETA ", super().render(task))


def shown_on(stream: TextIO, quiet: bool) -> bool:
    """Whether bars are drawn: on a terminal, unless asked to be quiet."""
    if quiet:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_display(quiet: bool = False, stream: TextIO | None = None) -> Iterator[Display]:
    """A display for a command's bars, on ``stream`` (default: stderr); bars stay on screen
    when the command ends, so the last rate and count remain readable."""
    stream = sys.stderr if stream is None else stream
    if not shown_on(stream, quiet):
        yield Display(None)
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        _RemainingColumn(),
        console=Console(file=stream, force_terminal=True),
        refresh_per_second=8,
    )
    with progress:
        yield Display(progress)


@contextmanager
def progress_bar(description: str, total: int | None = None, *, unit: str = "events",
                 quiet: bool = False, stream: TextIO | None = None) -> Iterator[Bar]:
    """One bar for the length of the block."""
    with progress_display(quiet, stream) as display:
        yield display.bar(description, total, unit)


def track(items: Iterable[T], description: str, total: int | None = None, *,
          unit: str = "rows", quiet: bool = False, stream: TextIO | None = None) -> Iterator[T]:
    """``items`` one by one, counting each on a bar (the total from ``len`` when it has one)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with progress_bar(description, total, unit=unit, quiet=quiet, stream=stream) as bar:
        for item in items:
            yield item
            bar.advance()


def add_quiet_option(parser: Any) -> None:
    """``--quiet`` for a command that shows progress."""
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (none is drawn anyway when stderr is not a terminal)")
