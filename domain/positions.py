"""Position value domains (domain.md §3.3)."""

from __future__ import annotations

from enum import auto

from domain.notes import NotedEnum, noted
from domain.ranks import Rank


@noted("The kind of a position (jenis jabatan).")
class PositionKind(NotedEnum):
    """SIASN jenisJabatan."""

    STRUKTURAL = "1", "A structural (leadership) position."
    FUNGSIONAL = "2", "A functional position (jabatan fungsional) with credit points."
    RANGKAP = "3", "A structural and a functional position held together."
    PELAKSANA = "4", "An executive (general) position."


@noted("The level of a position (structural levels, functional or executive).")
class PositionLevel(NotedEnum):
    JPT_UTAMA = auto(), "Top senior leadership (Jabatan Pimpinan Tinggi Utama)."
    JPT_MADYA = auto(), "Senior leadership, middle (Jabatan Pimpinan Tinggi Madya, eselon I)."
    JPT_PRATAMA = auto(), "Senior leadership, first (Jabatan Pimpinan Tinggi Pratama, eselon II)."
    ADMINISTRATOR = auto(), "Administrator (eselon III)."
    PENGAWAS = auto(), "Supervisor (eselon IV)."
    FUNGSIONAL = auto(), "A functional position."
    PELAKSANA = auto(), "An executive (general) position."


STRUCTURAL_LEVELS = frozenset(
    {
        PositionLevel.JPT_UTAMA,
        PositionLevel.JPT_MADYA,
        PositionLevel.JPT_PRATAMA,
        PositionLevel.ADMINISTRATOR,
        PositionLevel.PENGAWAS,
    }
)

# SIASN eselonId → ASN position level (§3.3); 51/52 (eselon V) is legacy.
ESELON_LEVELS: dict[str, PositionLevel] = {
    "10": PositionLevel.JPT_UTAMA,
    "11": PositionLevel.JPT_MADYA,
    "12": PositionLevel.JPT_MADYA,
    "21": PositionLevel.JPT_PRATAMA,
    "22": PositionLevel.JPT_PRATAMA,
    "31": PositionLevel.ADMINISTRATOR,
    "32": PositionLevel.ADMINISTRATOR,
    "41": PositionLevel.PENGAWAS,
    "42": PositionLevel.PENGAWAS,
    "51": PositionLevel.PENGAWAS,
    "52": PositionLevel.PENGAWAS,
}


@noted("A level of a functional position's track (jenjang).")
class FunctionalLevel(NotedEnum):
    """JF jenjang with the rank range of PermenPANRB 1/2023 (skilled track is [VERIFY])."""

    AHLI_PERTAMA = ("PT", Rank.III_A, Rank.III_B), "Expert track, first level (Ahli Pertama)."
    AHLI_MUDA = ("MU", Rank.III_C, Rank.III_D), "Expert track, junior level (Ahli Muda)."
    AHLI_MADYA = ("MA", Rank.IV_A, Rank.IV_C), "Expert track, middle level (Ahli Madya)."
    AHLI_UTAMA = ("UT", Rank.IV_D, Rank.IV_E), "Expert track, top level (Ahli Utama)."
    PEMULA = ("PM", Rank.II_A, Rank.II_A), "Skill track, beginner level (Pemula)."
    TERAMPIL = ("TR", Rank.II_B, Rank.II_D), "Skill track, skilled level (Terampil)."
    MAHIR = ("MH", Rank.III_A, Rank.III_B), "Skill track, proficient level (Mahir)."
    PENYELIA = ("PY", Rank.III_C, Rank.III_D), "Skill track, supervising level (Penyelia)."

    def __init__(self, value: tuple[str, Rank, Rank], note: str) -> None:
        self.code, self.lowest_rank, self.highest_rank = value

    def admits(self, rank: Rank) -> bool:
        return self.lowest_rank.ordinal <= rank.ordinal <= self.highest_rank.ordinal

@noted("How a position is held: in one's own right or as a stand-in.")
class AssignmentKind(NotedEnum):
    """SIASN jenisPenugasan."""

    DEFINITIF = "D", "The servant holds the position in their own right."
    TUGAS_TAMBAHAN = "TT", "An additional duty beside the position held."
    PLT = "PLT", "Pelaksana tugas: acting holder while the post is vacant."
    PLH = "PLH", "Pelaksana harian: stand-in while the holder is temporarily away."
    PJ = "PJ", "Penjabat: appointed acting head of a region or agency."


@noted("What a move between positions changes.")
class MutationKind(NotedEnum):
    """SIASN jenisMutasi."""

    MUTASI_JABATAN = "MJ", "A move to another position."
    MUTASI_UNIT = "MU", "A move to another unit in the same position."
