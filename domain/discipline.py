"""Discipline penalty catalogue: PP 94/2021 and the legacy PP 53/2010 (domain.md §3.6)."""

from __future__ import annotations

from datetime import date
from enum import Enum

from domain.notes import NotedEnum, noted

PP94_IN_FORCE = date(2021, 8, 31)


@noted("The weight of a disciplinary penalty.")
class DisciplineLevel(NotedEnum):
    RINGAN = "R", "Light penalty."
    SEDANG = "S", "Medium penalty."
    BERAT = "B", "Heavy penalty."


@noted("The discipline regulation a penalty is imposed under.")
class Regulation(NotedEnum):
    PP_53_2010 = (
        "53/2010", "Government Regulation 53 of 2010 on discipline (before 31 August 2021).")
    PP_94_2021 = "94/2021", "Government Regulation 94 of 2021 on discipline (from 31 August 2021)."


_R, _S, _B = DisciplineLevel.RINGAN, DisciplineLevel.SEDANG, DisciplineLevel.BERAT
_P53, _P94 = Regulation.PP_53_2010, Regulation.PP_94_2021


@noted("A disciplinary penalty, with the regulation and weight it belongs to.")
class PenaltyType(Enum):
    """Each type: (code, regulation, level, allowed durations in months; () = no period)."""

    TEGURAN_LISAN = ("TEGURAN_LISAN", _P94, _R, ())
    TEGURAN_TERTULIS = ("TEGURAN_TERTULIS", _P94, _R, ())
    PERNYATAAN_TIDAK_PUAS = ("PERNYATAAN_TIDAK_PUAS", _P94, _R, ())
    POTONGAN_TUNJANGAN_KINERJA = ("POTONGAN_TUNJANGAN_KINERJA", _P94, _S, (6, 9, 12))
    PENURUNAN_JABATAN_SETINGKAT = ("PENURUNAN_JABATAN_SETINGKAT", _P94, _B, (12,))
    PEMBEBASAN_KE_JABATAN_PELAKSANA = ("PEMBEBASAN_KE_JABATAN_PELAKSANA", _P94, _B, (12,))
    PEMBERHENTIAN_DENGAN_HORMAT = ("PEMBERHENTIAN_DENGAN_HORMAT", _P94, _B, ())
    TEGURAN_LISAN_PP53 = ("TEGURAN_LISAN_PP53", _P53, _R, ())
    TEGURAN_TERTULIS_PP53 = ("TEGURAN_TERTULIS_PP53", _P53, _R, ())
    PERNYATAAN_TIDAK_PUAS_PP53 = ("PERNYATAAN_TIDAK_PUAS_PP53", _P53, _R, ())
    PENUNDAAN_KGB_PP53 = ("PENUNDAAN_KGB_PP53", _P53, _S, (12,))
    PENUNDAAN_KENAIKAN_PANGKAT_PP53 = ("PENUNDAAN_KENAIKAN_PANGKAT_PP53", _P53, _S, (12,))
    PENURUNAN_PANGKAT_1_TAHUN_PP53 = ("PENURUNAN_PANGKAT_1_TAHUN_PP53", _P53, _S, (12,))
    PENURUNAN_PANGKAT_3_TAHUN_PP53 = ("PENURUNAN_PANGKAT_3_TAHUN_PP53", _P53, _B, (36,))
    PEMINDAHAN_PENURUNAN_JABATAN_PP53 = ("PEMINDAHAN_PENURUNAN_JABATAN_PP53", _P53, _B, ())
    PEMBEBASAN_JABATAN_PP53 = ("PEMBEBASAN_JABATAN_PP53", _P53, _B, ())
    PEMBERHENTIAN_DENGAN_HORMAT_PP53 = ("PEMBERHENTIAN_DENGAN_HORMAT_PP53", _P53, _B, ())
    PEMBERHENTIAN_TIDAK_DENGAN_HORMAT_PP53 = ("PEMBERHENTIAN_TIDAK_DENGAN_HORMAT_PP53", _P53, _B, ())

    def __init__(self, code: str, regulation: Regulation, level: DisciplineLevel,
                 durations: tuple[int, ...]) -> None:
        self.regulation = regulation
        self.level = level
        self.durations = durations


def add_months(start: date, months: int) -> date:
    """Calendar month arithmetic, clamping to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
