"""Value domains of the ASN career record (domain.md §3)."""

from __future__ import annotations

from enum import Enum


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


class EducationLevel(Enum):
    """Ijazah level (§3.2); its entry rank and cap are versioned data in domain.rules.education."""

    SD = ("SD", 1)
    SLTP = ("SLTP", 2)
    SLTP_KEJURUAN = ("SLTP Kejuruan", 2)
    SLTA = ("SLTA", 3)
    SLTA_KEJURUAN = ("SLTA Kejuruan", 3)
    D1 = ("D-I", 4)
    D2 = ("D-II", 5)
    SGPLB = ("SGPLB", 5)
    D3 = ("D-III", 6)
    SARJANA_MUDA = ("Sarjana Muda", 6)
    AKADEMI = ("Akademi", 6)
    S1 = ("S1", 7)
    D4 = ("D-IV", 7)
    S2 = ("S2", 8)
    DOKTER = ("Dokter", 8)
    APOTEKER = ("Apoteker", 8)
    S3 = ("S3", 9)

    @property
    def label(self) -> str:
        label: str = self.value[0]
        return label

    @property
    def tier(self) -> int:
        """Orders levels; equal tiers are alternatives (D-IV and S1)."""
        tier: int = self.value[1]
        return tier


class Gender(Enum):
    MALE = "1"
    FEMALE = "2"


class ServantStatus(Enum):
    CPNS = "CPNS"
    PNS = "PNS"
    RETIRED = "RETIRED"
    TERMINATED = "TERMINATED"


class Source(Enum):
    MANUAL = "MANUAL"
    SIASN_SYNC = "SIASN_SYNC"
    EKINERJA = "EKINERJA"
    MYASN_VERIFIED = "MYASN_VERIFIED"


class PromotionType(Enum):
    """Jenis kenaikan pangkat (§3.4); ANUMERTA and PENGABDIAN carry our own codes."""

    REGULER = "101"
    PILIHAN_STRUKTURAL = "201"
    PILIHAN_FUNGSIONAL = "202"
    PENYESUAIAN_IJAZAH = "203"
    TUGAS_BELAJAR = "204"
    SETELAH_TUGAS_BELAJAR = "205"
    DIPEKERJAKAN = "206"
    PENEMUAN_BARU = "207"
    PRESTASI_LUAR_BIASA = "208"
    PEJABAT_NEGARA = "209"
    DPK_DPB = "210"
    INITIAL = "211"
    ANUMERTA = "301"
    PENGABDIAN = "302"

    @property
    def exempt_from_period_dates(self) -> bool:
        return self in (PromotionType.ANUMERTA, PromotionType.PENGABDIAN, PromotionType.INITIAL)


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


class Rating(Enum):
    """Hasil kerja / perilaku kerja rating (PermenPANRB 6/2022)."""

    ABOVE_EXPECTATION = 1
    AS_EXPECTED = 2
    BELOW_EXPECTATION = 3


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


class TrainingKind(Enum):
    """jenisDiklat grouped as PerLAN 10/2018 classical / non-classical learning."""

    STRUKTURAL = ("STRUKTURAL", True)
    FUNGSIONAL = ("FUNGSIONAL", True)
    TEKNIS = ("TEKNIS", True)
    WORKSHOP = ("WORKSHOP", True)
    MANAJERIAL = ("MANAJERIAL", True)
    SOSIAL_KULTURAL = ("SOSIAL_KULTURAL", True)
    SEMINAR = ("SEMINAR", True)
    KURSUS = ("KURSUS", True)
    BIMTEK = ("BIMTEK", True)
    MAGANG = ("MAGANG", True)
    COACHING = ("COACHING", False)
    MENTORING = ("MENTORING", False)
    E_LEARNING = ("E_LEARNING", False)
    PEMBELAJARAN_JARAK_JAUH = ("PEMBELAJARAN_JARAK_JAUH", False)
    DETASERING = ("DETASERING", False)
    BENCHMARKING = ("BENCHMARKING", False)
    PERTUKARAN = ("PERTUKARAN", False)
    BELAJAR_MANDIRI = ("BELAJAR_MANDIRI", False)
    KOMUNITAS_BELAJAR = ("KOMUNITAS_BELAJAR", False)

    @property
    def is_classical(self) -> bool:
        return self.value[1]


class LeadershipProgram(Enum):
    """latihanStruktural: current LAN programmes and the legacy Diklatpim."""

    LATSAR_CPNS = "LATSAR_CPNS"
    PKP = "PKP"
    PKA = "PKA"
    PKN_II = "PKN_II"
    PKN_I = "PKN_I"
    DIKLATPIM_IV = "DIKLATPIM_IV"
    DIKLATPIM_III = "DIKLATPIM_III"
    DIKLATPIM_II = "DIKLATPIM_II"
    DIKLATPIM_I = "DIKLATPIM_I"


class TerminationReason(Enum):
    """jenisPemberhentian."""

    BUP = "BUP"
    ATAS_PERMINTAAN_SENDIRI = "ATAS_PERMINTAAN_SENDIRI"
    TIDAK_CAKAP_JASMANI_ROHANI = "TIDAK_CAKAP_JASMANI_ROHANI"
    PERAMPINGAN_ORGANISASI = "PERAMPINGAN_ORGANISASI"
    MENINGGAL_DUNIA = "MENINGGAL_DUNIA"
    HUKUMAN_DISIPLIN = "HUKUMAN_DISIPLIN"
    TINDAK_PIDANA = "TINDAK_PIDANA"
    TINDAK_PIDANA_JABATAN = "TINDAK_PIDANA_JABATAN"
    MENINGGALKAN_TUGAS = "MENINGGALKAN_TUGAS"
