"""Value domains of the ASN career record (domain.md §3): the servant's own here, the others in
their concept's module and importable from here."""

from __future__ import annotations

from enum import Enum

from domain.appraisal import PREDIKAT_MATRIX, Predikat, Rating, predikat_for
from domain.competence.assessment import AssessmentMethod
from domain.learning import LeadershipProgram, TrainingKind
from domain.notes import noted
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

    @property
    def label(self) -> str:
        label: str = self.value[0]
        return label

    @property
    def tier(self) -> int:
        """Orders levels; equal tiers are alternatives (D-IV and S1)."""
        tier: int = self.value[1]
        return tier


@noted(
    "Gender as recorded on the appointment.",
    MALE="Male.",
    FEMALE="Female.",
)
class Gender(Enum):
    MALE = "1"
    FEMALE = "2"


@noted(
    "Where a servant stands in their career.",
    CPNS="Candidate civil servant in the probation period.",
    PNS="Civil servant.",
    RETIRED="Retired; no further career events except annulments and corrections.",
    TERMINATED="Dismissed or otherwise ended; no further career events.",
)
class ServantStatus(Enum):
    CPNS = "CPNS"
    PNS = "PNS"
    RETIRED = "RETIRED"
    TERMINATED = "TERMINATED"


@noted(
    "Where a record comes from.",
    MANUAL="Entered by HR staff.",
    SIASN_SYNC="Copied from the national civil service system (SIASN).",
    EKINERJA="Copied from the performance system (e-Kinerja).",
    MYASN_VERIFIED="Submitted by the servant through MyASN and verified by HR.",
)
class Source(Enum):
    MANUAL = "MANUAL"
    SIASN_SYNC = "SIASN_SYNC"
    EKINERJA = "EKINERJA"
    MYASN_VERIFIED = "MYASN_VERIFIED"


@noted(
    "Why a servant's service ended.",
    BUP="Reached the retirement age.",
    ATAS_PERMINTAAN_SENDIRI="At the servant's own request.",
    TIDAK_CAKAP_JASMANI_ROHANI="Physically or mentally unfit for duty.",
    PERAMPINGAN_ORGANISASI="Organisational downsizing.",
    MENINGGAL_DUNIA="Death.",
    HUKUMAN_DISIPLIN="A disciplinary penalty of dismissal.",
    TINDAK_PIDANA="A criminal conviction.",
    TINDAK_PIDANA_JABATAN="A criminal conviction for an offence in office.",
    MENINGGALKAN_TUGAS="Absence from duty without leave.",
)
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
