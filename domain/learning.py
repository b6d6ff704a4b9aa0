"""Training value domains (domain.md §3.7)."""

from __future__ import annotations

from enum import Enum


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
