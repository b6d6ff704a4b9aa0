"""Position value domains (domain.md §3.3)."""

from __future__ import annotations

from enum import Enum

from domain.ranks import Rank


class PositionKind(Enum):
    """SIASN jenisJabatan."""

    STRUKTURAL = "1"
    FUNGSIONAL = "2"
    RANGKAP = "3"
    PELAKSANA = "4"


class PositionLevel(Enum):
    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"


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


class FunctionalLevel(Enum):
    """JF jenjang with the rank range of PermenPANRB 1/2023 (skilled track is [VERIFY])."""

    AHLI_PERTAMA = ("PT", Rank.III_A, Rank.III_B)
    AHLI_MUDA = ("MU", Rank.III_C, Rank.III_D)
    AHLI_MADYA = ("MA", Rank.IV_A, Rank.IV_C)
    AHLI_UTAMA = ("UT", Rank.IV_D, Rank.IV_E)
    PEMULA = ("PM", Rank.II_A, Rank.II_A)
    TERAMPIL = ("TR", Rank.II_B, Rank.II_D)
    MAHIR = ("MH", Rank.III_A, Rank.III_B)
    PENYELIA = ("PY", Rank.III_C, Rank.III_D)

    @property
    def code(self) -> str:
        return self.value[0]

    def admits(self, rank: Rank) -> bool:
        return self.value[1].ordinal <= rank.ordinal <= self.value[2].ordinal


class AssignmentKind(Enum):
    """SIASN jenisPenugasan."""

    DEFINITIF = "D"
    TUGAS_TAMBAHAN = "TT"
    PLT = "PLT"
    PLH = "PLH"
    PJ = "PJ"


class MutationKind(Enum):
    """SIASN jenisMutasi."""

    MUTASI_JABATAN = "MJ"
    MUTASI_UNIT = "MU"
