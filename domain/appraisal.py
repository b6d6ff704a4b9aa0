"""Appraisal value domains and the predikat matrix (domain.md §3.5)."""

from __future__ import annotations

from domain.notes import NotedEnum, noted


@noted("A rating of work results or work behaviour in an annual appraisal.")
class Rating(NotedEnum):
    """Hasil kerja / perilaku kerja rating (PermenPANRB 6/2022)."""

    ABOVE_EXPECTATION = 1, "Above expectation (di atas ekspektasi)."
    AS_EXPECTED = 2, "As expected (sesuai ekspektasi)."
    BELOW_EXPECTATION = 3, "Below expectation (di bawah ekspektasi)."


@noted("The overall rating of an annual performance appraisal (SKP).")
class Predikat(NotedEnum):
    SANGAT_BAIK = 1, "Sangat Baik: performance well above expectations."
    BAIK = 2, "Baik: performance as expected."
    BUTUH_PERBAIKAN = 3, "Butuh Perbaikan: performance needs improvement."
    KURANG = 4, "Kurang: performance below expectations."
    SANGAT_KURANG = 5, "Sangat Kurang: performance far below expectations."

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
