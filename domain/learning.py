"""Training value domains (domain.md §3.7)."""

from __future__ import annotations

from enum import Enum, auto

from domain.notes import NotedEnum, noted


@noted("The kind of a training or development activity.")
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


@noted("The leadership and basic training programmes the promotion rules know.")
class LeadershipProgram(NotedEnum):
    """latihanStruktural: current LAN programmes and the legacy Diklatpim."""

    LATSAR_CPNS = auto(), "Basic training for candidate civil servants (Latihan Dasar CPNS)."
    PKP = auto(), "Leadership training for supervisors (Pelatihan Kepemimpinan Pengawas)."
    PKA = auto(), "Leadership training for administrators (Pelatihan Kepemimpinan Administrator)."
    PKN_II = auto(), "National leadership training, level II (Pelatihan Kepemimpinan Nasional II)."
    PKN_I = auto(), "National leadership training, level I (Pelatihan Kepemimpinan Nasional I)."
    DIKLATPIM_IV = auto(), "Former leadership training, level IV (now PKP)."
    DIKLATPIM_III = auto(), "Former leadership training, level III (now PKA)."
    DIKLATPIM_II = auto(), "Former leadership training, level II (now PKN II)."
    DIKLATPIM_I = auto(), "Former leadership training, level I (now PKN I)."
