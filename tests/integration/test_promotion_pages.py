"""Candidate pages and eligibility from the span index equal a direct evaluation of every
servant, on both stores, after corrections and back-dated events, and keyset pages stay
stable while others write."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from domain.envelope import Actor, Envelope
from domain.values import TrainingKind
from projections.read_models import ReadModels
from projections.views.promotion import queries as promotion_queries
from projections.views.promotion.candidates import Candidate
from projections.views.promotion.pages import PageRequest
from service.application import Riwayat

if TYPE_CHECKING:
    from tests.integration.conftest_projections import Seed

pytest_plugins = ["tests.integration.conftest_projections"]

VIEWS = ["promotion"]
DAYS = (date(2024, 1, 1), date(2024, 4, 2), date(2024, 11, 30), date(2025, 2, 1),
        date(2025, 9, 30), date(2025, 10, 2), date(2026, 3, 15), date(2026, 12, 31),
        date(2027, 7, 1), date(2029, 2, 28), date(2033, 5, 17), date(2060, 1, 1))


def _wait(models: ReadModels, position: int) -> None:
    models.catch_up()
    models.wait_for(position, VIEWS, 5)


def _all_pages(models: ReadModels, request: PageRequest) -> tuple[list[Candidate],
                                                                  dict[str, date | None], int]:
    shown: list[Candidate] = []
    earliest: dict[str, date | None] = {}
    after = None
    while True:
        page, found, keyset = models.promotion_page(
            PageRequest(request.day, request.unit_id, request.rank, request.eligible_only,
                        request.order, after, request.scopes, request.limit))
        assert keyset.total is not None
        assert keyset.has_previous == bool(shown)
        assert keyset.has_next == (len(shown) + len(page) < keyset.total)
        uncounted = models.promotion_page(
            PageRequest(request.day, request.unit_id, request.rank, request.eligible_only,
                        request.order, after, request.scopes, request.limit, count_total=False))
        assert uncounted[2] == dataclasses.replace(keyset, total=None)
        if not page:
            return shown, earliest, keyset.total
        shown.extend(page)
        earliest.update(found)
        after = page[-1].sort_key


def _nips_and_units(models: ReadModels) -> list[tuple[str, str, str]]:
    rows = models._query("promotion", lambda c, g: promotion_queries.promotion_rows(c, g))
    return [(nip, unit, facts.rank.name) for nip, _name, unit, _un, facts in rows]


def _back_date_and_correct(app: Riwayat, nip: str) -> int:
    when = datetime(2026, 1, 5, tzinfo=UTC)
    tmt = date(2024, 2, 10)
    envelope = Envelope(tmt, "SK-B", tmt, "Kepala BKN", Actor("hr-1", "hr"), when)
    training = app.record(nip, lambda s: s.record_training(
        envelope, kind=TrainingKind.TEKNIS, program=None, name="Kursus susulan",
        organiser="LAN", hours=30, start_date=date(2024, 2, 1), end_date=tmt,
        certificate_number="C-B"))
    corrected = app.record(nip, lambda s: s.correct_event(
        Envelope(tmt, "SK-K", tmt, "Kepala BKN", Actor("hr-2", "hr"), when),
        target_version=training.version, changes={"hours": 5}, reason="JP salah ketik"))
    return corrected.position


def test_indexed_pages_equal_a_direct_evaluation_of_every_servant(
        app: Riwayat, read_models: ReadModels, seed: Seed) -> None:
    _wait(read_models, seed(0, 30))
    nip, unit, rank = _nips_and_units(read_models)[3]
    _wait(read_models, _back_date_and_correct(app, nip))
    for day in DAYS:
        for unit_id, rank_name, eligible_only in ((None, None, False), (None, None, True),
                                                  (unit, None, False), (None, rank, True),
                                                  (unit, rank, False)):
            for order in ("MERIT", "NIP"):
                direct = read_models.promotion_candidates(
                    day, unit_id=unit_id, rank_name=rank_name, eligible_only=eligible_only,
                    order=order)
                shown, earliest, total = _all_pages(read_models, PageRequest(
                    day, unit_id, rank_name, eligible_only, order, limit=7))
                assert [c.nip for c in shown] == [c.nip for c in direct], (day, order)
                assert total == len(direct)
                assert [(c.eligibility, c.merit) for c in shown] == [
                    (c.eligibility, c.merit) for c in direct]
                assert earliest == {c.nip: c.earliest_eligible() for c in direct}, day


def test_keyset_pages_neither_skip_nor_repeat_unchanged_servants_while_others_write(
        app: Riwayat, read_models: ReadModels, seed: Seed) -> None:
    _wait(read_models, seed(0, 24))
    day = date(2026, 3, 15)
    before = [c.nip for c in read_models.promotion_candidates(day)]
    changed = {before[2], before[9]}
    seen: list[str] = []
    after = None
    writes = iter([lambda: seed(24, 6), *(lambda n=n: _back_date_and_correct(app, n)
                                        for n in sorted(changed))])
    while True:
        page, _earliest, _keyset = read_models.promotion_page(
            PageRequest(day, after=after, limit=5))
        if not page:
            break
        seen.extend(c.nip for c in page)
        after = page[-1].sort_key
        write = next(writes, None)
        if write is not None:
            _wait(read_models, write())
    unchanged = [nip for nip in before if nip not in changed]
    assert [nip for nip in seen if nip in unchanged] == unchanged
