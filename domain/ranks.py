"""The rank ladder (domain.md §3.1) and the kinds of promotion (§3.4)."""

from __future__ import annotations

from enum import Enum

from domain.notes import NotedEnum, noted


@noted("A civil servant's rank: golongan I/a to IV/e, each with its pangkat title.")
class Rank(Enum):
    """Golongan/ruang with its pangkat; the ordinal 1..17 orders the ladder (§3.1)."""

    I_A = ("I/a", "Juru Muda", 11)
    I_B = ("I/b", "Juru Muda Tingkat I", 12)
    I_C = ("I/c", "Juru", 13)
    I_D = ("I/d", "Juru Tingkat I", 14)
    II_A = ("II/a", "Pengatur Muda", 21)
    II_B = ("II/b", "Pengatur Muda Tingkat I", 22)
    II_C = ("II/c", "Pengatur", 23)
    II_D = ("II/d", "Pengatur Tingkat I", 24)
    III_A = ("III/a", "Penata Muda", 31)
    III_B = ("III/b", "Penata Muda Tingkat I", 32)
    III_C = ("III/c", "Penata", 33)
    III_D = ("III/d", "Penata Tingkat I", 34)
    IV_A = ("IV/a", "Pembina", 41)
    IV_B = ("IV/b", "Pembina Tingkat I", 42)
    IV_C = ("IV/c", "Pembina Utama Muda", 43)
    IV_D = ("IV/d", "Pembina Utama Madya", 44)
    IV_E = ("IV/e", "Pembina Utama", 45)

    @property
    def golongan(self) -> str:
        return self.value[0]

    @property
    def pangkat(self) -> str:
        return self.value[1]

    @property
    def siasn_id(self) -> int:
        return self.value[2]

    @property
    def ordinal(self) -> int:
        return _RANK_ORDER.index(self) + 1

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Rank:
        return _RANK_ORDER[ordinal - 1]

    def next(self) -> Rank | None:
        return None if self is Rank.IV_E else Rank.from_ordinal(self.ordinal + 1)


_RANK_ORDER = list(Rank)


@noted("The kind of a rank promotion (jenis kenaikan pangkat).")
class PromotionType(NotedEnum):
    """Jenis kenaikan pangkat (§3.4); ANUMERTA and PENGABDIAN carry our own codes."""

    REGULER = "101", "Regular promotion after the minimum years in rank."
    PILIHAN_STRUKTURAL = "201", "Promotion by choice for holders of a structural position."
    PILIHAN_FUNGSIONAL = (
        "202", "Promotion by choice for holders of a functional position, by credit.")
    PENYESUAIAN_IJAZAH = "203", "Adjustment to a higher diploma obtained in service."
    TUGAS_BELAJAR = "204", "Promotion while on study leave (tugas belajar)."
    SETELAH_TUGAS_BELAJAR = "205", "Promotion after returning from study leave."
    DIPEKERJAKAN = "206", "Promotion while seconded to another agency."
    PENEMUAN_BARU = "207", "Promotion for an invention of benefit to the state."
    PRESTASI_LUAR_BIASA = "208", "Promotion for exceptional achievement."
    PEJABAT_NEGARA = "209", "Promotion while serving as a state official."
    DPK_DPB = "210", "Promotion while employed or placed outside the home agency (DPK/DPB)."
    INITIAL = "211", "The rank given at appointment."
    ANUMERTA = "301", "Posthumous promotion."
    PENGABDIAN = "302", "Promotion for long service before retirement."

    @property
    def exempt_from_period_dates(self) -> bool:
        return self in (PromotionType.ANUMERTA, PromotionType.PENGABDIAN, PromotionType.INITIAL)
