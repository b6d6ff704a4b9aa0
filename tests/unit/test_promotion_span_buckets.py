"""Span rows are cut at New Year into yearly buckets, so that a page reads one bucket only: the
pieces cover exactly the span's days, and each day's piece is filed under that day's bucket."""

from __future__ import annotations

from datetime import date, timedelta

from projections.views.promotion.spans import LAST_BUCKET, bucket, yearly_pieces

CASES = [(date(2024, 1, 1), None), (date(2024, 3, 5), date(2024, 9, 1)),
         (date(2024, 12, 31), date(2025, 1, 2)), (date(2025, 6, 1), date(2031, 1, 1)),
         (date(2030, 2, 2), date(2040, 5, 5)), (date(LAST_BUCKET, 7, 1), None)]


def testyearly_pieces_cover_the_span_day_by_day_each_under_its_days_bucket() -> None:
    for valid_from, valid_to in CASES:
        pieces = list(yearly_pieces(valid_from, valid_to))
        assert pieces[0][0] == valid_from and pieces[-1][1] == valid_to
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))
        last = valid_to or date(LAST_BUCKET + 3, 1, 1)
        day = valid_from
        while day < last:
            covering = [p for p in pieces if p[0] <= day and (p[1] is None or day < p[1])]
            assert len(covering) == 1 and covering[0][2] == bucket(day), (valid_from, day)
            day += timedelta(days=1)


def test_a_bucket_holds_one_year_until_the_last_which_holds_every_later_day() -> None:
    assert len(list(yearly_pieces(date(2024, 1, 1), None))) == LAST_BUCKET - 2024 + 1
    assert bucket(date(2026, 12, 1)) == 2026
    assert bucket(date(2199, 1, 1)) == LAST_BUCKET
