"""Realistic, reproducible careers built with the domain's own commands (so every event passes
admission), for the benchmark log and the projection tests.

Each servant: CPNS appointment, PNS a year later, a position (mostly functional: teachers,
nurses, midwives; see ``service.sample.functional``; else pelaksana), an annual SKP, one or
two trainings a year, a rank step every four years at a legal period date (within the
diploma's cap), and now and then a unit mutation, an institution transfer, a further degree, a discipline
penalty (some annulled), a correction or retraction of a training, and a retirement."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from domain.discipline import DisciplineLevel, PenaltyType, Regulation, add_months
from domain.envelope import Actor, Envelope
from domain.periods import next_period_date
from domain.rules.education import cap_rank, entry_rank
from domain.servant import CivilServant
from domain.values import (
    AssessmentMethod,
    AssignmentKind,
    EducationLevel,
    Gender,
    LeadershipProgram,
    PositionKind,
    PositionLevel,
    PromotionType,
    Rank,
    Rating,
    TerminationReason,
    TrainingKind,
    predikat_for,
)
from service.sample.functional import FunctionalPart, choose_job, entry_level, technical_assessed
from service.sample.investigations import examined

LAST_YEAR = 2025
UNITS = [(f"U{n:03d}", f"Unit {n:03d}") for n in range(1, 41)]
INSTITUTIONS = [("A1", "Kementerian Keuangan"), ("A2", "Kementerian Kesehatan"), ("A3", "BKN")]
HR_STAFF = [Actor(f"hr-{n}", "hr") for n in range(1, 6)]
TRAININGS = [TrainingKind.TEKNIS, TrainingKind.FUNGSIONAL, TrainingKind.SEMINAR,
             TrainingKind.E_LEARNING, TrainingKind.COACHING, TrainingKind.WORKSHOP]
RATINGS = [Rating.ABOVE_EXPECTATION, Rating.AS_EXPECTED, Rating.AS_EXPECTED, Rating.AS_EXPECTED,
           Rating.BELOW_EXPECTATION]


def nip_for(index: int, cpns_tmt: date, gender: Gender) -> tuple[str, date]:
    birth = date(1980, 1, 1) + timedelta(days=index // 999)
    sequence = index % 999 + 1
    return f"{birth:%Y%m%d}{cpns_tmt:%Y%m}{gender.value}{sequence:03d}", birth


class Career:
    """Builds one servant's aggregate, event by event, in TMT order."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng, self.index = rng, index
        self.servant: CivilServant | None = None
        self.functional: FunctionalPart | None = None

    def envelope(self, tmt: date, actor_rng: random.Random | None = None) -> Envelope:
        recorded = datetime.combine(tmt + timedelta(days=20), time(9), tzinfo=UTC)
        return Envelope(tmt, f"SK-{self.index}-{tmt:%Y%m%d}", tmt, "Kepala BKN",
                        (actor_rng or self.rng).choice(HR_STAFF), recorded)

    def do(self, command: str, tmt: date, *, actor_rng: random.Random | None = None,
           **payload: Any) -> None:
        """Issue ``command``; ``actor_rng`` (the functional part's stream) picks the actor, so
        the extra functional commands leave the career's own random stream as it was."""
        assert self.servant is not None
        getattr(self.servant, command)(self.envelope(tmt, actor_rng), **payload)

    def build(self) -> CivilServant:
        rng = self.rng
        cpns = date(rng.randint(2010, 2016), rng.choice([1, 3, 4]), 1)
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        nip, birth = nip_for(self.index, cpns, gender)
        education = rng.choice([EducationLevel.S1, EducationLevel.S1, EducationLevel.D3,
                                EducationLevel.SLTA])
        unit_id, unit_name = rng.choice(UNITS)
        institution = rng.choice(INSTITUTIONS)
        side = random.Random(self.index * 104_729 + 1)  # the functional choices' own stream
        job = choose_job(side, education)
        if job is not None:
            level = entry_level(education, entry_rank(education))
            self.functional = FunctionalPart(self.do, self.index, job, level)
        self.servant, _ = CivilServant.appoint_cpns(self.envelope(cpns), nip=nip,
            name=f"Pegawai {self.index}", birth_date=birth, birth_place="Jakarta", gender=gender,
            education_level=education, initial_rank=entry_rank(education),
            position_name="Calon Pelaksana", formation_year=cpns.year - 1,
            institution_id=institution[0], institution_name=institution[1], unit_id=unit_id,
            unit_name=unit_name)
        self.do("appoint_pns", add_months(cpns, 12), sttpl_number=f"STTPL-{self.index}",
                spmt_number=None)
        self.position(add_months(cpns, 13), unit_id, unit_name)
        rank, rank_tmt, cap = entry_rank(education), cpns, cap_rank(education)
        predikat = None
        for year in range(cpns.year + 1, LAST_YEAR):
            self.trainings(year)
            if rng.random() < 0.04 and year >= 2022:
                self.discipline(year)
            work, behaviour = rng.choice(RATINGS), rng.choice(RATINGS)
            predikat = predikat_for(work, behaviour)
            self.do("record_appraisal", date(year + 1, 1, 15), year=year, work_result=work,
                    work_behaviour=behaviour, predikat=predikat,
                    appraiser_nip="196001011990031001", appraiser_name="Atasan")
            if self.functional is not None and year > add_months(cpns, 13).year:
                self.functional.year_credited(year, predikat)
            due = next_period_date(add_months(rank_tmt, 48))
            following = rank.next()
            if due.year == year + 1 and following and following.ordinal <= cap.ordinal and (
                    self.functional is None or self.functional.ready_for(
                        following, due, (unit_id, unit_name))):
                self.promote(due, following)
                rank, rank_tmt = following, due
            if rng.random() < 0.05:
                unit_id, unit_name = rng.choice(UNITS)
                self.position(date(year, 7, 1), unit_id, unit_name)
        if self.functional is not None:
            self.functional.talent(LAST_YEAR, predikat)
        self.competence()
        self.extras(cpns, institution[0])
        return self.servant

    def promote(self, due: date, rank: Rank) -> None:
        """KP reguler, or for a functional servant KP pilihan JF with its credit."""
        kind, credit = PromotionType.REGULER, None
        if self.functional is not None:
            kind = PromotionType.PILIHAN_FUNGSIONAL
            credit = self.functional.promotion()
        self.do("promote_rank", due, new_rank=rank, promotion_type=kind, pertek_number=None,
                pertek_date=None, service_years=None, service_months=None,
                credit_score=credit)

    def position(self, tmt: date, unit_id: str, unit_name: str) -> None:
        if self.functional is not None:
            self.functional.assign(tmt, unit_id, unit_name, in_place_of=True)
            return
        self.do("assign_position", tmt, position_kind=PositionKind.PELAKSANA,
                position_level=PositionLevel.PELAKSANA, position_name="Pengadministrasi Umum",
                eselon=None, functional_position_id=None, general_position_id="JU-1",
                functional_level=None, unit_id=unit_id, unit_name=unit_name,
                assignment_kind=AssignmentKind.DEFINITIF, mutation_kind=None,
                inauguration_date=None, supervisor_rank=Rank.IV_A)

    def trainings(self, year: int) -> None:
        for _ in range(self.rng.choice([0, 1, 1, 2])):
            kind = self.rng.choice(TRAININGS)
            end = date(year, self.rng.randint(2, 11), self.rng.randint(1, 28))
            leadership = self.rng.random() < 0.03
            self.do("record_training", end, kind=TrainingKind.STRUKTURAL if leadership else kind,
                    program=LeadershipProgram.PKP if leadership else None,
                    name=f"Pelatihan {kind.name.lower()}", organiser="LAN",
                    hours=self.rng.choice([8, 12, 16, 24, 32]),
                    start_date=end - timedelta(days=3), end_date=end,
                    certificate_number=f"CERT-{self.index}-{end:%Y%m%d}")

    def competence(self) -> None:
        """A share of servants is assessed in 2024 against the pelaksana standard the seed
        records (levels 2, domain.md §6.1); some fall short, and some of those take a training
        that addresses the gap, evaluated three months on. Its own random stream, so the rest
        of each career stays as it was."""
        rng = random.Random(self.index * 7919 + 11)
        if rng.random() >= 0.3:
            return
        levels = {code: rng.choice([1, 2, 2, 3])
                  for code in ("INTEGRITAS", "KERJA_SAMA", "PELAYANAN_PUBLIK")}
        technical = technical_assessed(self.functional.job if self.functional else None, rng)
        levels.update(technical.pop("levels", {}))
        self.do("record_competency_assessment", date(2024, 3, 1), levels=levels,
                method=AssessmentMethod.UJI_KOMPETENSI, assessor_body="UPT Penilaian Kompetensi",
                **technical)
        gaps = [code for code, level in levels.items() if level < 2]
        if not gaps or rng.random() >= 0.6:
            return
        end = date(2024, 6, rng.randint(3, 28))
        self.do("record_training", end, kind=TrainingKind.TEKNIS, program=None,
                name=f"Penguatan {gaps[0].lower()}", organiser="BPSDM", hours=16,
                start_date=end - timedelta(days=2), end_date=end,
                certificate_number=f"KOMP-{self.index}", addresses=",".join(gaps))
        assert self.servant is not None
        self.do("evaluate_training", date(2024, 9, 30), training_version=self.servant.version,
                evaluator="Atasan langsung", reaction=rng.randint(55, 95),
                learning=rng.randint(50, 95), behaviour=rng.randint(45, 90), result=None)

    def discipline(self, year: int) -> None:
        examined(self, year)
        start = date(year, 3, 1)
        if self.rng.random() < 0.5:
            self.do("impose_discipline", start, penalty_type=PenaltyType.TEGURAN_TERTULIS,
                    level=DisciplineLevel.RINGAN, regulation=Regulation.PP_94_2021,
                    duration_months=None, end_date=None, reason="Terlambat")
        else:
            self.do("impose_discipline", start,
                    penalty_type=PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
                    level=DisciplineLevel.SEDANG, regulation=Regulation.PP_94_2021,
                    duration_months=6, end_date=add_months(start, 6), reason="Mangkir")
        assert self.servant is not None
        if self.rng.random() < 0.3:
            self.do("annul_discipline", date(year, 5, 1),
                    penalty_version=self.servant.version, reason="Banding dikabulkan")

    def extras(self, cpns: date, institution_id: str) -> None:
        rng, servant = self.rng, self.servant
        assert servant is not None
        trainings = [e.originator_version for e in servant.events
                     if isinstance(e, CivilServant.TrainingCompleted)]
        if trainings and rng.random() < 0.05:
            self.do("correct_event", date(2025, 6, 1), target_version=rng.choice(trainings),
                    changes={"hours": 40}, reason="JP salah ketik")
        elif trainings and rng.random() < 0.03:
            self.do("retract_event", date(2025, 6, 1), target_version=rng.choice(trainings),
                    reason="Sertifikat tidak sah")
        if rng.random() < 0.03:
            other = next(i for i in INSTITUTIONS if i[0] != institution_id)
            self.do("transfer_institution", date(2025, 2, 1), from_institution_id="",
                    to_institution_id=other[0], to_institution_name=other[1],
                    to_unit_id="U900", to_unit_name="Unit Pindahan")
        if rng.random() < 0.03:
            self.do("record_education", date(2025, 3, 1), level=EducationLevel.S2,
                    institution="Universitas Indonesia", major="Administrasi",
                    graduation_date=date(2025, 2, 1), diploma_number=f"IJ-{self.index}")
        if rng.random() < 0.01:
            self.do("retire", date(2025, 7, 1), reason=TerminationReason.ATAS_PERMINTAAN_SENDIRI)


Keyed = tuple[datetime, int, int, CivilServant.Event]


def build_servants(first_index: int, count: int, seed: int = 7) -> list[CivilServant]:
    return [Career(random.Random(seed * 1_000_003 + i), i).build()
            for i in range(first_index, first_index + count)]


def build_events(first: int, count: int) -> list[Keyed]:
    """Every pending event of ``count`` careers, keyed (recorded, servant, version); the key's
    time never decreases along one servant's stream, so sorting keeps each stream in order."""
    keyed: list[Keyed] = []
    for index, servant in enumerate(build_servants(first, count), start=first):
        latest: datetime | None = None
        for event in servant.collect_events():
            assert isinstance(event, CivilServant.Event)
            latest = event.timestamp if latest is None else max(latest, event.timestamp)
            keyed.append((latest, index, event.originator_version, event))
    return keyed
