"""The scripted part of the sample (``riwayat seed``): four careers written through the
application's commands in TMT order, exercising every event kind and several rules (one due
for IV/a on merit, one blocked by a running penalty, one retired, one deceased), and a
functional servant whose competency gap opens and closes."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal

from domain.appraisal import Rating, predikat_for
from domain.competence.assessment import AssessmentMethod
from domain.competence.talent import PerformanceAxis, PotentialAxis
from domain.discipline import DisciplineLevel, PenaltyType, Regulation, add_months
from domain.events import LegalStatus
from domain.learning import LeadershipProgram, TrainingKind
from domain.periods import next_period_date
from domain.positions import AssignmentKind, FunctionalLevel, PositionKind, PositionLevel
from domain.ranks import PromotionType, Rank
from domain.values import EducationLevel, Gender, TerminationReason
from service.application import Riwayat
from service.sample.declared import declared_samples
from service.sample.recording import SampleCareer

INSTITUTIONS = {
    "KEMENKEU": ("Kementerian Keuangan", ["KEU-SDM", "KEU-ANGGARAN", "KEU-PAJAK"]),
    "BKN": ("Badan Kepegawaian Negara", ["BKN-KINERJA", "BKN-MUTASI"]),
    "PEMKOT-SOLO": ("Pemerintah Kota Surakarta", ["SOLO-BKPSDM", "SOLO-DINKES", "SOLO-DISDIK"]),
    "PEMKAB-GOWA": ("Pemerintah Kabupaten Gowa", ["GOWA-BKD", "GOWA-BAPPEDA"]),
}
ENTRY_EDUCATION = [EducationLevel.SLTA, EducationLevel.D3, EducationLevel.S1, EducationLevel.S1, EducationLevel.S2]
TRAINING_KINDS = [TrainingKind.TEKNIS, TrainingKind.FUNGSIONAL, TrainingKind.SEMINAR, TrainingKind.BIMTEK,
                  TrainingKind.E_LEARNING, TrainingKind.COACHING, TrainingKind.WORKSHOP]


def _position(career: SampleCareer, tmt: date, unit_id: str, education: EducationLevel) -> None:
    rng = career.rng
    if education.tier >= EducationLevel.S1.tier and rng.random() < 0.5:
        career.record("assign_position", career.envelope(tmt), position_kind=PositionKind.FUNGSIONAL,
                      position_level=PositionLevel.FUNGSIONAL, position_name="Analis SDM Aparatur Ahli Pertama",
                      eselon=None, functional_position_id="JF-ASDM", general_position_id=None,
                      functional_level=FunctionalLevel.AHLI_PERTAMA, unit_id=unit_id, unit_name=unit_id.title(),
                      assignment_kind=AssignmentKind.DEFINITIF, mutation_kind=None, inauguration_date=tmt,
                      supervisor_rank=Rank.IV_A)
    elif rng.random() < 0.1:
        career.record("assign_position", career.envelope(tmt), position_kind=PositionKind.STRUKTURAL,
                      position_level=PositionLevel.PENGAWAS, position_name="Kepala Subbagian Umum",
                      eselon="41", functional_position_id=None, general_position_id=None,
                      functional_level=None, unit_id=unit_id, unit_name=unit_id.title(),
                      assignment_kind=AssignmentKind.DEFINITIF, mutation_kind=None, inauguration_date=tmt,
                      supervisor_rank=Rank.IV_A)
    else:
        career.record("assign_position", career.envelope(tmt), position_kind=PositionKind.PELAKSANA,
                      position_level=PositionLevel.PELAKSANA, position_name="Pengadministrasi Umum",
                      eselon=None, functional_position_id=None, general_position_id="JFU-PU",
                      functional_level=None, unit_id=unit_id, unit_name=unit_id.title(),
                      assignment_kind=AssignmentKind.DEFINITIF, mutation_kind=None, inauguration_date=None,
                      supervisor_rank=Rank.III_D)


def _functional_and_talent(career: SampleCareer, rank: Rank, unit_id: str) -> None:
    """A move into a functional position with a PAK, then a potential assessment and a talent map."""
    level = FunctionalLevel.AHLI_PERTAMA if rank.ordinal <= Rank.III_B.ordinal else FunctionalLevel.AHLI_MUDA
    career.record("assign_position", career.envelope(date(2023, 1, 2)), position_kind=PositionKind.FUNGSIONAL,
                  position_level=PositionLevel.FUNGSIONAL, position_name="Analis SDM Aparatur",
                  eselon=None, functional_position_id="JF-ASDM", general_position_id=None,
                  functional_level=level, unit_id=unit_id, unit_name=unit_id.title(),
                  assignment_kind=AssignmentKind.DEFINITIF, mutation_kind=None,
                  inauguration_date=date(2023, 1, 2), supervisor_rank=Rank.IV_A)
    career.record("determine_credit_score", career.envelope(date(2024, 1, 15)),
                  period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), credit_score=Decimal("25.000"))
    career.record("assess_potential", career.envelope(date(2024, 2, 1)), potential=PotentialAxis.HIGH,
                  assessor_body="BKN Assessment Center", instrument="ASSESSMENT_CENTER")
    career.record("map_talent", career.envelope(date(2024, 3, 1)), box=8, performance=PerformanceAxis.MEETS,
                  potential=PotentialAxis.HIGH, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31),
                  inputs="SKP 2023; assessment 2024")


def _competency_gap_closed(career: SampleCareer) -> None:
    """An assessment below the standard (KERJA_SAMA 2 of 3) opens a need, a training that
    addresses it and a positive evaluation close it."""
    career.record("record_competency_assessment", career.envelope(date(2023, 3, 1)),
                  levels={"INTEGRITAS": 3, "KERJA_SAMA": 2, "PELAYANAN_PUBLIK": 2,
                          "PENGAMBILAN_KEPUTUSAN": 3},
                  method=AssessmentMethod.UJI_KOMPETENSI, assessor_body="UPT Penilaian Kompetensi BKN")
    trained = career.record("record_training", career.envelope(date(2023, 6, 30), date(2023, 6, 30)),
                            kind=TrainingKind.TEKNIS, program=None, name="Kerja Sama Tim", organiser="BPSDM",
                            hours=24, start_date=date(2023, 6, 27), end_date=date(2023, 6, 30),
                            certificate_number="KST-2023", addresses="KERJA_SAMA")
    if trained:
        career.record("evaluate_training", career.envelope(date(2023, 9, 29)), training_version=trained,
                      evaluator="Kepala Bagian", reaction=88, learning=80, behaviour=75, result=None)


def _study_leave_and_demotion(career: SampleCareer, index: int, rank: Rank) -> None:
    """A finished study assignment (tugas belajar) for the second career; a demotion one rank
    down, as a discipline outcome, for the third before it retires."""
    if index == 1:
        career.record("change_legal_status", career.envelope(date(2021, 9, 1)),
                      legal_status=LegalStatus.TUGAS_BELAJAR, until=date(2023, 9, 1),
                      reason="Tugas belajar S2")
    lower = next((r for r in Rank if r.ordinal == rank.ordinal - 1), None)
    if index == 2 and lower is not None:
        career.record("demote_rank", career.envelope(date(2025, 10, 1)), new_rank=lower,
                      reason="Hukuman disiplin berat: penurunan pangkat")


def showcase(app: Riwayat, today: date) -> Counter[str]:
    """Four scripted careers that exercise every event kind and several promotion rules: one due
    for IV/a on merit, one blocked by a running penalty and a weak appraisal, one retired, one deceased."""
    rng, counts = random.Random(7), Counter[str]()
    specs = [("198203152008031001", date(1982, 3, 15), Gender.MALE, "KEMENKEU"),
             ("198811202010012001", date(1988, 11, 20), Gender.FEMALE, "BKN"),
             ("196805051990031002", date(1968, 5, 5), Gender.MALE, "PEMKOT-SOLO")]
    for index, (nip, birth, gender, institution_id) in enumerate(specs):
        cpns = date(int(nip[8:12]), int(nip[12:14]), 1)
        unit_id = INSTITUTIONS[institution_id][1][0]
        career = SampleCareer(app, rng, nip, today, counts)
        app.appoint_cpns(career.envelope(cpns), dict(
            nip=nip, name=["Andi Wijaya", "Sri Rahayu", "Bambang Susilo"][index], birth_date=birth,
            birth_place="Surakarta", gender=gender, education_level=EducationLevel.S1,
            initial_rank=Rank.III_A, position_name="Calon analis", formation_year=cpns.year - 1,
            institution_id=institution_id, institution_name=INSTITUTIONS[institution_id][0],
            unit_id=unit_id, unit_name=unit_id.title(),
        ))
        counts["CpnsAppointed"] += 1
        career.record("appoint_pns", career.envelope(add_months(cpns, 12)), sttpl_number=f"STTPL-{nip[-6:]}",
                      spmt_number=None)
        _position(career, add_months(cpns, 13), unit_id, EducationLevel.D3)
        rank, rank_tmt = Rank.III_A, cpns
        for year in range(cpns.year, today.year):
            weak = index == 1 and year == today.year - 2
            work = Rating.BELOW_EXPECTATION if weak else Rating.AS_EXPECTED
            version = career.record(
                "record_appraisal", career.envelope(date(year + 1, 1, 31)), year=year, work_result=work,
                work_behaviour=Rating.AS_EXPECTED, predikat=predikat_for(work, Rating.AS_EXPECTED),
                appraiser_nip="197001011995031001", appraiser_name="Kepala Biro")
            if index == 0 and year == 2019 and version:
                career.record("correct_event", career.envelope(date(2020, 1, 31), date(2020, 6, 1)),
                              target_version=version, changes={"work_result": Rating.ABOVE_EXPECTATION,
                              "predikat": predikat_for(Rating.ABOVE_EXPECTATION, Rating.AS_EXPECTED)},
                              reason="Hasil keberatan penilaian kinerja")
            end = date(year, 10, 15)
            career.record("record_training", career.envelope(end, end), kind=TrainingKind.TEKNIS, program=None,
                          name=f"Bimtek Manajemen ASN {year}", organiser="BKN", hours=24,
                          start_date=date(year, 10, 12), end_date=end, certificate_number=f"BT-{year}")
            due = next_period_date(add_months(rank_tmt, 48))
            nxt = rank.next()
            if nxt and nxt.ordinal <= Rank.III_D.ordinal and due.year == year + 1:
                career.record("promote_rank", career.envelope(due), new_rank=nxt,
                              promotion_type=PromotionType.REGULER, pertek_number=f"PERTEK-{due.year}",
                              pertek_date=None, service_years=None, service_months=None, credit_score=None)
                rank, rank_tmt = nxt, due
        if index == 0:
            _competency_gap_closed(career)
            career.record("record_education", career.envelope(date(2021, 9, 1), date(2021, 9, 1)),
                          level=EducationLevel.S2, institution="Universitas Sebelas Maret", major="Manajemen",
                          graduation_date=date(2021, 8, 20), diploma_number="IJZ-S2-001")
            career.record("record_training", career.envelope(date(2022, 11, 30)), kind=TrainingKind.STRUKTURAL,
                          program=LeadershipProgram.PKP, name="Pelatihan Kepemimpinan Pengawas",
                          organiser="LAN RI", hours=120, start_date=date(2022, 7, 1), end_date=date(2022, 11, 30),
                          certificate_number="PKP-2022-01")
        if index == 0:
            _functional_and_talent(career, rank, unit_id)
        if index == 1:
            target = "KEMENKEU"
            career.record("transfer_institution", career.envelope(date(2020, 7, 1)), to_institution_id=target,
                          to_institution_name=INSTITUTIONS[target][0], to_unit_id="KEU-SDM", to_unit_name="Keu-Sdm")
            warning = career.record("impose_discipline", career.envelope(date(2024, 2, 1)),
                                    penalty_type=PenaltyType.TEGURAN_TERTULIS, level=DisciplineLevel.RINGAN,
                                    regulation=Regulation.PP_94_2021, duration_months=None, end_date=None,
                                    reason="Terlambat berulang")
            if warning:
                career.record("annul_discipline", career.envelope(date(2024, 5, 1)), penalty_version=warning,
                              reason="Keberatan dikabulkan")
            start = add_months(today.replace(day=1), -3)
            career.record("impose_discipline", career.envelope(start), penalty_type=PenaltyType.POTONGAN_TUNJANGAN_KINERJA,
                          level=DisciplineLevel.SEDANG, regulation=Regulation.PP_94_2021, duration_months=12,
                          end_date=add_months(start, 12), reason="Tidak masuk kerja tanpa keterangan")
        _study_leave_and_demotion(career, index, rank)
        if index == 2:
            career.record("retract_event", career.envelope(today, today), target_version=5,
                          reason="Diklat tercatat ganda")
            career.record("retire", career.envelope(date(2026, 6, 1)), reason=TerminationReason.BUP)
    nip, cpns = "199107072015032001", date(2015, 3, 1)
    career = SampleCareer(app, rng, nip, today, counts)
    app.appoint_cpns(career.envelope(cpns), dict(
        nip=nip, name="Dewi Lestari", birth_date=date(1991, 7, 7), birth_place="Makassar", gender=Gender.FEMALE,
        education_level=EducationLevel.D3, initial_rank=Rank.II_C, position_name="Pranata komputer",
        formation_year=2014, institution_id="PEMKAB-GOWA", institution_name=INSTITUTIONS["PEMKAB-GOWA"][0],
        unit_id="GOWA-BKD", unit_name="Gowa-Bkd",
    ))
    counts["CpnsAppointed"] += 1
    career.record("appoint_pns", career.envelope(add_months(cpns, 12)), sttpl_number="STTPL-D3", spmt_number=None)
    career.record("terminate", career.envelope(date(2023, 8, 1)), reason=TerminationReason.MENINGGAL_DUNIA)
    return counts + declared_samples(app, today, [*(spec[0] for spec in specs), nip], counts)
