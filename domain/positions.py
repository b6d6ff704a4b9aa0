"""Position value domains (domain.md §3.3)."""

from __future__ import annotations

from enum import Enum

from domain.notes import noted
from domain.ranks import Rank


@noted(
    "The kind of a position (jenis jabatan).",
    STRUKTURAL="A structural (leadership) position.",
    FUNGSIONAL="A functional position (jabatan fungsional) with credit points.",
    RANGKAP="A structural and a functional position held together.",
    PELAKSANA="An executive (general) position.",
)
class PositionKind(Enum):
    """SIASN jenisJabatan."""

    STRUKTURAL = "1"
    FUNGSIONAL = "2"
    RANGKAP = "3"
    PELAKSANA = "4"


@noted(
    "The level of a position (structural levels, functional or executive).",
    JPT_UTAMA="Top senior leadership (Jabatan Pimpinan Tinggi Utama).",
    JPT_MADYA="Senior leadership, middle (Jabatan Pimpinan Tinggi Madya, eselon I).",
    JPT_PRATAMA="Senior leadership, first (Jabatan Pimpinan Tinggi Pratama, eselon II).",
    ADMINISTRATOR="Administrator (eselon III).",
    PENGAWAS="Supervisor (eselon IV).",
    FUNGSIONAL="A functional position.",
    PELAKSANA="An executive (general) position.",
)
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


@noted(
    "A level of a functional position's track (jenjang).",
    AHLI_PERTAMA="Expert track, first level (Ahli Pertama).",
    AHLI_MUDA="Expert track, junior level (Ahli Muda).",
    AHLI_MADYA="Expert track, middle level (Ahli Madya).",
    AHLI_UTAMA="Expert track, top level (Ahli Utama).",
    PEMULA="Skill track, beginner level (Pemula).",
    TERAMPIL="Skill track, skilled level (Terampil).",
    MAHIR="Skill track, proficient level (Mahir).",
    PENYELIA="Skill track, supervising level (Penyelia).",
)
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


@noted(
    "How a position is held: in one's own right or as a stand-in.",
    DEFINITIF="The servant holds the position in their own right.",
    TUGAS_TAMBAHAN="An additional duty beside the position held.",
    PLT="Pelaksana tugas: acting holder while the post is vacant.",
    PLH="Pelaksana harian: stand-in while the holder is temporarily away.",
    PJ="Penjabat: appointed acting head of a region or agency.",
)
class AssignmentKind(Enum):
    """SIASN jenisPenugasan."""

    DEFINITIF = "D"
    TUGAS_TAMBAHAN = "TT"
    PLT = "PLT"
    PLH = "PLH"
    PJ = "PJ"


@noted(
    "What a move between positions changes.",
    MUTASI_JABATAN="A move to another position.",
    MUTASI_UNIT="A move to another unit in the same position.",
)
class MutationKind(Enum):
    """SIASN jenisMutasi."""

    MUTASI_JABATAN = "MJ"
    MUTASI_UNIT = "MU"
