"""The progress helper draws on a terminal only, and never when asked to be quiet."""

from __future__ import annotations

import io

from service.progress import progress_bar, progress_display, shown_on, track


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress_bar("seeding", 10, unit="servants", stream=stream) as bar:
        bar.advance(10)
    assert list(track(range(5), "importing", stream=stream)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""


def test_quiet_silences_even_a_terminal() -> None:
    stream = _Terminal()
    with progress_bar("verifying", 100, quiet=True, stream=stream) as bar:
        bar.reach(100)
    assert stream.getvalue() == "" and not shown_on(stream, quiet=True)


def test_a_terminal_sees_count_rate_and_time_left() -> None:
    stream = _Terminal()
    rows = list(track(range(3), "importing", unit="rows", stream=stream))
    assert rows == [0, 1, 2]
    drawn = stream.getvalue()
    assert "importing" in drawn and "3/3" in drawn and "rows/s" in drawn and "ETA" in drawn


def test_an_unknown_total_shows_the_time_spent_instead() -> None:
    stream = _Terminal()
    with progress_display(stream=stream) as display:
        bar = display.bar("reading", None, unit="events")
        bar.advance(7)
    drawn = stream.getvalue()
    assert "reading" in drawn and "events/s" in drawn and "ETA" not in drawn
