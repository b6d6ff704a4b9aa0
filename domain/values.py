"""Value domains of the ASN career record (domain.md §3): the servant's own here, the others in
their concept's module and importable from here."""

from __future__ import annotations

from enum import Enum, auto

from domain.appraisal import PREDIKAT_MATRIX, Predikat, Rating, predikat_for
from domain.competence.assessment import AssessmentMethod
from domain.learning import LeadershipProgram, TrainingKind
from domain.notes import NotedEnum, noted
from domain.positions import (
    ESELON_LEVELS,
    STRUCTURAL_LEVELS,
    AssignmentKind,
    FunctionalLevel,
    MutationKind,
    PositionKind,
    PositionLevel,
)
from domain.ranks import PromotionType, Rank

__all__ = [
    "AssessmentMethod",
    "AssignmentKind",
    "ESELON_LEVELS",
    "EducationLevel",
    "FunctionalLevel",
    "Gender",
    "LeadershipProgram",
    "MutationKind",
    "PREDIKAT_MATRIX",
    "PositionKind",
    "PositionLevel",
    "Predikat",
    "PromotionType",
    "Rank",
    "Rating",
    "STRUCTURAL_LEVELS",
    "ServantStatus",
    "Source",
    "TerminationReason",
    "TrainingKind",
    "predikat_for",
]


@noted("The level of a diploma (ijazah).")
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

    def __init__(self, label: str, tier: int) -> None:
        self.label = label
        # Orders levels; equal tiers are alternatives (D-IV and S1).
        self.tier = tier

@noted("Gender as recorded on the appointment.")
class Gender(NotedEnum):
    MALE = "1", "Male."
    FEMALE = "2", "Female."


@noted("Where a servant stands in their career.")
class ServantStatus(NotedEnum):
    CPNS = auto(), "Candidate civil servant in the probation period."
    PNS = auto(), "Civil servant."
    RETIRED = auto(), "Retired; no further career events except annulments and corrections."
    TERMINATED = auto(), "Dismissed or otherwise ended; no further career events."


@noted("Where a record comes from.")
class Source(NotedEnum):
    MANUAL = auto(), "Entered by HR staff."
    SIASN_SYNC = auto(), "Copied from the national civil service system (SIASN)."
    EKINERJA = auto(), "Copied from the performance system (e-Kinerja)."
    MYASN_VERIFIED = auto(), "Submitted by the servant through MyASN and verified by HR."


@noted("Why a servant's service ended.")
class TerminationReason(NotedEnum):
    """jenisPemberhentian."""

    BUP = auto(), "Reached the retirement age."
    ATAS_PERMINTAAN_SENDIRI = auto(), "At the servant's own request."
    TIDAK_CAKAP_JASMANI_ROHANI = auto(), "Physically or mentally unfit for duty."
    PERAMPINGAN_ORGANISASI = auto(), "Organisational downsizing."
    MENINGGAL_DUNIA = auto(), "Death."
    HUKUMAN_DISIPLIN = auto(), "A disciplinary penalty of dismissal."
    TINDAK_PIDANA = auto(), "A criminal conviction."
    TINDAK_PIDANA_JABATAN = auto(), "A criminal conviction for an offence in office."
    MENINGGALKAN_TUGAS = auto(), "Absence from duty without leave."
