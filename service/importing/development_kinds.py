"""SIASN appraisal, learning and discipline history (rw-skp22 / rw-skp, rw-diklat, rw-kursus,
rw-pendidikan, rw-hukdis) as commands, with SIASN's field names (domain.md §3.5-3.7, §4)."""

from __future__ import annotations

from datetime import date

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.errors import DomainError
from domain.values import (
    EducationLevel,
    LeadershipProgram,
    Predikat,
    Rating,
    TrainingKind,
    predikat_for,
)
from service.importing.career_kinds import EDUCATION_IDS
from service.importing.fields import (
    Record,
    coded,
    day,
    integer,
    optional_coded,
    optional_day,
    optional_integer,
    optional_text,
    text,
)
from service.importing.mapped import Mapped, one


def rw_skp22(record: Record) -> list[Mapped]:
    """An annual SKP under PermenPANRB 6/2022; its TMT is the year's last day unless given."""
    year = integer(record, "tahun")
    if optional_text(record, "hasilKinerjaNilai") is None and optional_text(
            record, "nilaiSkp") is not None:
        raise DomainError(
            "LEGACY_APPRAISAL_NOT_SUPPORTED",
            f"The SKP of {year} has only PP 46/2011 or PP 30/2019 scores (nilaiSkp); those "
            "regimes have no event kind yet, so it was not imported.", "nilaiSkp")
    work = coded(record, Rating, "hasilKinerjaNilai")
    behaviour = coded(record, Rating, "perilakuKerjaNilai")
    predikat = optional_coded(record, Predikat, "kuadranKinerjaNilai") or predikat_for(
        work, behaviour)
    return one(record, "record_appraisal", optional_day(record, "tmt") or date(year, 12, 31), {
        "year": year, "work_result": work, "work_behaviour": behaviour, "predikat": predikat,
        "appraiser_nip": text(record, "penilaiNipNrp", "penilaiNip"),
        "appraiser_name": text(record, "penilaiNama"),
    })


def rw_diklat(record: Record) -> list[Mapped]:
    """A structural training (latihanStrukturalId) or, with jenisDiklatId, another one."""
    program = optional_coded(record, LeadershipProgram, "latihanStrukturalId")
    kind = TrainingKind.STRUKTURAL if program is not None else coded(
        record, TrainingKind, "jenisDiklatId")
    return _training(record, kind, program)


def rw_kursus(record: Record) -> list[Mapped]:
    kind = optional_coded(record, TrainingKind, "jenisDiklatId", "jenisKursusId")
    return _training(record, kind or TrainingKind.KURSUS, None)


def _training(record: Record, kind: TrainingKind,
              program: LeadershipProgram | None) -> list[Mapped]:
    end = day(record, "tanggalSelesai", "tanggalSelesaiKursus")
    return one(record, "record_training", end, {
        "kind": kind, "program": program,
        "name": text(record, "latihanStrukturalNama", "namaDiklat", "namaKursus", "nama"),
        "organiser": text(record, "institusiPenyelenggara"),
        "hours": integer(record, "jumlahJam"),
        "start_date": optional_day(record, "tanggal", "tanggalKursus") or end,
        "end_date": end,
        "certificate_number": optional_text(record, "nomor", "nomorSertipikat", "noSertipikat"),
    })


def rw_pendidikan(record: Record) -> list[Mapped]:
    graduated = day(record, "tglLulus")
    return one(record, "record_education", optional_day(record, "tmt") or graduated, {
        "level": coded(record, EducationLevel, "tkPendidikanId", "tingkatPendidikanId",
                       codes=EDUCATION_IDS),
        "institution": text(record, "namaSekolah", "institusi"),
        "major": optional_text(record, "pendidikanNama", "jurusan"),
        "graduation_date": graduated,
        "diploma_number": optional_text(record, "nomorIjazah"),
    })


def rw_hukdis(record: Record) -> list[Mapped]:
    penalty = coded(record, PenaltyType, "jenisHukumanId", "jenisHukuman")
    years = optional_integer(record, "masaTahun")
    months = optional_integer(record, "masaBulan")
    duration = None if years is None and months is None else (years or 0) * 12 + (months or 0)
    return one(record, "impose_discipline", day(record, "hukumanTanggal", "tmtHukuman"), {
        "penalty_type": penalty,
        "level": optional_coded(record, DisciplineLevel, "jenisTingkatHukumanId")
        or penalty.level,
        "regulation": optional_coded(record, Regulation, "nomorPp") or penalty.regulation,
        "duration_months": duration or None,
        "end_date": optional_day(record, "akhirHukumanTanggal"),
        "reason": optional_text(record, "alasanHukumanDisiplinNama", "alasan",
                                "keterangan") or "",
    })
