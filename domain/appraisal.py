"""Appraisal value domains and the predikat matrix (domain.md §3.5)."""

from __future__ import annotations

from enum import Enum

from domain.notes import noted


@noted(
    "A rating of work results or work behaviour in an annual appraisal.",
    ABOVE_EXPECTATION="Above expectation (di atas ekspektasi).",
    AS_EXPECTED="As expected (sesuai ekspektasi).",
    BELOW_EXPECTATION="Below expectation (di bawah ekspektasi).",
)
class Rating(Enum):
    """Hasil kerja / perilaku kerja rating (PermenPANRB 6/2022)."""

    ABOVE_EXPECTATION = 1
    AS_EXPECTED = 2
    BELOW_EXPECTATION = 3


@noted(
    "The overall rating of an annual performance appraisal (SKP).",
    SANGAT_BAIK="Sangat Baik: performance well above expectations.",
    BAIK="Baik: performance as expected.",
    BUTUH_PERBAIKAN="Butuh Perbaikan: performance needs improvement.",
    KURANG="Kurang: performance below expectations.",
    SANGAT_KURANG="Sangat Kurang: performance far below expectations.",
)
class Predikat(Enum):
    SANGAT_BAIK = 1
    BAIK = 2
    BUTUH_PERBAIKAN = 3
    KURANG = 4
    SANGAT_KURANG = 5

    @property
    def is_good(self) -> bool:
        return self in (Predikat.SANGAT_BAIK, Predikat.BAIK)


_A, _M, _B = Rating.ABOVE_EXPECTATION, Rating.AS_EXPECTED, Rating.BELOW_EXPECTATION
PREDIKAT_MATRIX: dict[tuple[Rating, Rating], Predikat] = {
    (_A, _A): Predikat.SANGAT_BAIK,
    (_A, _M): Predikat.BAIK,
    (_A, _B): Predikat.KURANG,
    (_M, _A): Predikat.BAIK,
    (_M, _M): Predikat.BAIK,
    (_M, _B): Predikat.KURANG,
    (_B, _A): Predikat.BUTUH_PERBAIKAN,
    (_B, _M): Predikat.BUTUH_PERBAIKAN,
    (_B, _B): Predikat.SANGAT_KURANG,
}


def predikat_for(work_result: Rating, work_behaviour: Rating) -> Predikat:
    """§3.5 matrix: rows are hasil kerja, columns perilaku kerja."""
    return PREDIKAT_MATRIX[(work_result, work_behaviour)]
