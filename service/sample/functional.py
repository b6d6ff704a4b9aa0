"""The functional part of the generated careers: most servants hold a functional position
(teachers and health workers, as in most agencies' rolls), earn a PAK a year from their SKP
(PermenPANRB 1/2023, §7.3), step up a level after a passed uji kompetensi when the next rank
needs it, are promoted by KP pilihan JF with the credit gathered, and a share of them is
mapped on the nine-box.

Every choice here draws on the servant's own side stream of random numbers, so the servants
who stay pelaksana keep exactly the careers they had."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.competence.assessment import AssessmentMethod
from domain.competence.dictionary import MANAGERIAL
from domain.competence.standards import TYPICAL_MANAGERIAL_LEVEL
from domain.competence.talent import PotentialAxis, box_for, performance_axis_for
from domain.discipline import add_months
from domain.functional.coefficients import NEXT_LEVEL
from domain.functional.credit import annual_credit
from domain.values import (
    AssignmentKind,
    EducationLevel,
    FunctionalLevel,
    PositionKind,
    PositionLevel,
    Predikat,
    Rank,
)

Do = Callable[..., None]  # a career's command: do(command, tmt, **payload)


@dataclass(frozen=True)
class Job:
    position_id: str
    name: str


TEACHER = Job("JF-GURU", "Guru")
NURSE = Job("JF-PERAWAT", "Perawat")
MIDWIFE = Job("JF-BIDAN", "Bidan")
# (share of the diploma's servants, job); the rest stay pelaksana.
JOBS_BY_EDUCATION: dict[EducationLevel, tuple[tuple[float, Job], ...]] = {
    EducationLevel.S1: ((0.55, TEACHER), (0.30, NURSE)),
    EducationLevel.D3: ((0.40, NURSE), (0.30, MIDWIFE)),
}
_EXPERT = (FunctionalLevel.AHLI_PERTAMA, FunctionalLevel.AHLI_MUDA, FunctionalLevel.AHLI_MADYA)
_SKILLED = (FunctionalLevel.TERAMPIL, FunctionalLevel.MAHIR, FunctionalLevel.PENYELIA)
TALENT_SHARE = 0.45
# The health ministry's technical competency of nurses, as the seed defines it first (its
# dictionary stream's version 1); generated nurses' assessments rely on that definition.
NURSING_CARE = "A2.ASUHAN_KEPERAWATAN"
NURSING_CARE_DEFINITION = "A2:1"
SUCCESSION_TARGET = "ADM-YANKES-01"  # an administrator post the sample's succession list is for

# Position competency standards the seed records (service.seed), in force from 2020, by
# position id and by class for every pelaksana; [DESIGN] levels of a sample agency. Each is
# its stream's first version, "<key>:1", which generated assessments record as relied on.
SAMPLE_STANDARDS: dict[str, dict[str, int]] = {
    "JF-ASDM": {"INTEGRITAS": 3, "KERJA_SAMA": 3, "KOMUNIKASI": 3, "ORIENTASI_PADA_HASIL": 3},
    "JFU-PU": {"INTEGRITAS": 2, "KERJA_SAMA": 3, "PELAYANAN_PUBLIK": 2},
    "PENGAWAS": {"INTEGRITAS": 3, "KERJA_SAMA": 3, "PENGAMBILAN_KEPUTUSAN": 3},
    "PELAKSANA": {"INTEGRITAS": 2, "KERJA_SAMA": 2, "PELAYANAN_PUBLIK": 2},
    # The generated functional servants' positions (service.sample.functional).
    "JF-GURU": {"INTEGRITAS": 2, "KERJA_SAMA": 2, "PELAYANAN_PUBLIK": 2},
    "JF-PERAWAT": {"INTEGRITAS": 2, "KERJA_SAMA": 2, "PELAYANAN_PUBLIK": 2, NURSING_CARE: 2},
    "JF-BIDAN": {"INTEGRITAS": 2, "KERJA_SAMA": 2, "PELAYANAN_PUBLIK": 3},
    # A key position the succession list is asked about: rank III/c and PKA at least.
    SUCCESSION_TARGET: {"INTEGRITAS": 3, "KERJA_SAMA": 3, "PELAYANAN_PUBLIK": 3},
}


def choose_job(rng: random.Random, education: EducationLevel) -> Job | None:
    draw, total = rng.random(), 0.0
    for share, job in JOBS_BY_EDUCATION.get(education, ()):
        total += share
        if draw < total:
            return job
    return None


def technical_assessed(job: Job | None, rng: random.Random) -> dict[str, Any]:
    """What admission would settle on a generated assessment (the standard of the position
    held, and for a nurse the technical definition), and a nurse's technical level."""
    key = job.position_id if job is not None else "PELAKSANA"
    levels = ",".join(f"{code}={level}" for code, level in SAMPLE_STANDARDS[key].items())
    settled: dict[str, Any] = {"standard_relied_on": f"{key}:1;{levels}"}
    if job is not NURSE:
        return settled
    return {**settled, "levels": {NURSING_CARE: rng.choice([1, 2, 2, 3])},
            "technical_definitions": f"{NURSING_CARE}={NURSING_CARE_DEFINITION}"}


def entry_level(education: EducationLevel, rank: Rank) -> FunctionalLevel:
    track = _EXPERT if education is EducationLevel.S1 else _SKILLED
    return next((level for level in track if level.admits(rank)), track[0])


class FunctionalPart:
    """The functional steps of one generated career, issued through the career's ``do``."""

    def __init__(self, do: Do, index: int, job: Job, level: FunctionalLevel) -> None:
        self.career_do, self.job, self.level = do, job, level
        self.rng = random.Random(index * 104_729 + 3)
        self.credit = Decimal(0)

    def do(self, command: str, tmt: date, **payload: Any) -> None:
        self.career_do(command, tmt, actor_rng=self.rng, **payload)

    def assign(self, tmt: date, unit_id: str, unit_name: str, *, in_place_of: bool = False
               ) -> None:
        """The functional assignment; ``in_place_of`` the pelaksana one the career would
        have made, it draws its actor from the career's stream as that one would."""
        do = self.career_do if in_place_of else self.do
        do("assign_position", tmt, position_kind=PositionKind.FUNGSIONAL,
                position_level=PositionLevel.FUNGSIONAL,
                position_name=f"{self.job.name} {self.level.name.replace('_', ' ').title()}",
                eselon=None, functional_position_id=self.job.position_id,
                general_position_id=None, functional_level=self.level, unit_id=unit_id,
                unit_name=unit_name, assignment_kind=AssignmentKind.DEFINITIF,
                mutation_kind=None, inauguration_date=tmt, supervisor_rank=Rank.IV_A)

    def year_credited(self, year: int, predikat: Predikat) -> None:
        """The PAK of ``year``: its SKP's percentage times the level's coefficient. Before
        2023 credit came from each JF's activity tables, not modelled: the sample states a PAK
        of the size the 2023 coefficients give."""
        amount = annual_credit(predikat, self.level, date(max(year, 2023), 1, 1)).amount
        self.do("determine_credit_score", date(year + 1, 1, 20), period_start=date(year, 1, 1),
                period_end=date(year, 12, 31), credit_score=amount)
        self.credit += amount

    def ready_for(self, rank: Rank, due: date, unit: tuple[str, str]) -> bool:
        """Whether the level held admits ``rank`` on ``due``, after a level step (a passed uji
        kompetensi two months before, then the new level's assignment) when it must."""
        if self.level.admits(rank):
            return True
        following = NEXT_LEVEL[self.level]
        if following is None or not following.admits(rank):
            return False
        required = TYPICAL_MANAGERIAL_LEVEL[following.code]
        self.do("record_competency_assessment", add_months(due, -2),
                levels={c.code: required + (self.rng.random() < 0.2) for c in MANAGERIAL},
                method=AssessmentMethod.UJI_KOMPETENSI, assessor_body="UPT Penilaian Kompetensi")
        self.level = following
        self.assign(due, *unit)
        return True

    def promotion(self) -> Decimal:
        """The credit gathered since the last rank step, which a KP pilihan JF states."""
        credit, self.credit = self.credit, Decimal(0)
        return credit

    def talent(self, year: int, predikat: Predikat | None) -> None:
        """A share is assessed for potential and mapped on the nine-box, early in ``year``."""
        if predikat is None or self.rng.random() >= TALENT_SHARE:
            return
        potential = self.rng.choice([PotentialAxis.HIGH, PotentialAxis.MEDIUM,
                                     PotentialAxis.MEDIUM, PotentialAxis.LOW])
        performance = performance_axis_for(predikat)
        self.do("assess_potential", date(year, 2, 1), potential=potential,
                assessor_body="UPT Penilaian Kompetensi", instrument="ASSESSMENT_CENTER")
        self.do("map_talent", date(year, 3, 1), box=box_for(performance, potential),
                performance=performance, potential=potential, period_start=date(year - 1, 1, 1),
                period_end=date(year - 1, 12, 31), inputs=f"SKP {year - 1}; potential {year}")
