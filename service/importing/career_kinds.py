"""SIASN data-utama and the career history kinds (rw-golongan, rw-jabatan, rw-pindahinstansi,
rw-pemberhentian) as commands, with SIASN's field names (domain.md §3, §4, §9)."""

from __future__ import annotations

from domain.values import (
    ESELON_LEVELS,
    AssignmentKind,
    EducationLevel,
    FunctionalLevel,
    Gender,
    MutationKind,
    PositionKind,
    PositionLevel,
    PromotionType,
    Rank,
    TerminationReason,
)
from service.importing.fields import (
    Record,
    coded,
    day,
    optional_coded,
    optional_day,
    optional_decimal,
    optional_integer,
    optional_text,
    text,
)
from service.importing.mapped import Mapped, legal_basis, nip_of, one

RANK_IDS = {str(rank.siasn_id): rank for rank in Rank} | {rank.golongan: rank for rank in Rank}
GENDERS = {"M": Gender.MALE, "L": Gender.MALE, "F": Gender.FEMALE, "P": Gender.FEMALE}
# SIASN tingkatPendidikanId (domain.md §3.2); 42 (profesi) names no single ijazah level.
EDUCATION_IDS = {
    "05": EducationLevel.SD, "10": EducationLevel.SLTP, "12": EducationLevel.SLTP_KEJURUAN,
    "15": EducationLevel.SLTA, "17": EducationLevel.SLTA_KEJURUAN, "18": EducationLevel.SLTA,
    "20": EducationLevel.D1, "25": EducationLevel.D2, "30": EducationLevel.D3,
    "35": EducationLevel.D4, "40": EducationLevel.S1, "45": EducationLevel.S2,
    "50": EducationLevel.S3,
}
# Exits that are a pension (pensiun); the others end the service (pemberhentian).
RETIREMENTS = frozenset({TerminationReason.BUP, TerminationReason.ATAS_PERMINTAAN_SENDIRI,
                         TerminationReason.TIDAK_CAKAP_JASMANI_ROHANI,
                         TerminationReason.PERAMPINGAN_ORGANISASI,
                         TerminationReason.MENINGGAL_DUNIA})


def data_utama(record: Record) -> list[Mapped]:
    """The servant's main record: the CPNS appointment and, once PNS, the PNS appointment."""
    nip, tmt = nip_of(record), day(record, "tmtCpns")
    appointed = Mapped(nip, "appoint_cpns", tmt, legal_basis(
        record, tmt, ("nomorSkCpns",), ("tglSkCpns",)), {
        "nip": nip, "name": text(record, "nama"),
        "birth_date": day(record, "tglLahir"), "birth_place": text(record, "tempatLahir"),
        "gender": coded(record, Gender, "jenisKelamin", codes=GENDERS),
        "education_level": coded(record, EducationLevel, "tkPendidikanTerakhirId",
                                 "tingkatPendidikanId", codes=EDUCATION_IDS),
        "initial_rank": coded(record, Rank, "golRuangAwalId", "golRuangAwal", codes=RANK_IDS),
        "position_name": text(record, "jabatanNama", "jabatanAwalNama"),
        # SIASN's main record carries no formation year; the CPNS TMT's year stands in.
        "formation_year": optional_integer(record, "tahunFormasi") or tmt.year,
        "institution_id": text(record, "instansiIndukId"),
        "institution_name": text(record, "instansiIndukNama"),
        "unit_id": text(record, "unorIndukId", "unorId"),
        "unit_name": text(record, "unorIndukNama", "unorNama"),
    })
    pns_tmt = optional_day(record, "tmtPns")
    if pns_tmt is None:
        return [appointed]
    pns = Mapped(nip, "appoint_pns", pns_tmt, legal_basis(
        record, pns_tmt, ("nomorSkPns",), ("tglSkPns",)), {
        "sttpl_number": text(record, "noSttpl", "nomorSttpl"),
        "spmt_number": optional_text(record, "noSpmt", "nomorSpmt"),
    }, part="pns")
    return [appointed, pns]


def rw_golongan(record: Record) -> list[Mapped]:
    promotion_type = coded(record, PromotionType, "jenisKPId", "jenisKpId")
    if promotion_type is PromotionType.INITIAL:  # the CPNS rank: data-utama's appointment
        return []
    utama = optional_decimal(record, "jumlahKreditUtama")
    tambahan = optional_decimal(record, "jumlahKreditTambahan")
    credit = None if utama is None and tambahan is None else (utama or 0) + (tambahan or 0)
    return one(record, "promote_rank", day(record, "tmtGolongan"), {
        "new_rank": coded(record, Rank, "golonganId", "golongan", codes=RANK_IDS),
        "promotion_type": promotion_type,
        "pertek_number": optional_text(record, "noPertekBkn"),
        "pertek_date": optional_day(record, "tglPertekBkn"),
        "service_years": optional_integer(record, "masaKerjaGolonganTahun"),
        "service_months": optional_integer(record, "masaKerjaGolonganBulan"),
        "credit_score": credit,
    })


def rw_jabatan(record: Record) -> list[Mapped]:
    kind = coded(record, PositionKind, "jenisJabatan", "jenisJabatanId")
    eselon = optional_text(record, "eselonId")
    functional_id = optional_text(record, "jabatanFungsionalId")
    level = {PositionKind.FUNGSIONAL: PositionLevel.FUNGSIONAL,
             PositionKind.PELAKSANA: PositionLevel.PELAKSANA}.get(kind)
    if level is None:  # structural, or rangkap by its eselon (else its functional post)
        level = ESELON_LEVELS.get(eselon or "99", PositionLevel.FUNGSIONAL)
    name = text(record, "namaJabatan", "jabatanFungsionalNama", "jabatanFungsionalUmumNama")
    return one(record, "assign_position", day(record, "tmtJabatan"), {
        "position_kind": kind, "position_level": level, "position_name": name,
        "eselon": eselon, "functional_position_id": functional_id,
        "general_position_id": optional_text(record, "jabatanFungsionalUmumId"),
        "functional_level": optional_coded(record, FunctionalLevel, "jenjang",
                                           "jenjangJabatan"),
        "unit_id": text(record, "unorId"), "unit_name": text(record, "namaUnor", "unorNama"),
        "assignment_kind": optional_coded(record, AssignmentKind, "jenisPenugasan")
        or AssignmentKind.DEFINITIF,
        "mutation_kind": optional_coded(record, MutationKind, "jenisMutasi"),
        "inauguration_date": optional_day(record, "tmtPelantikan"),
        "supervisor_rank": optional_coded(record, Rank, "golonganAtasanId", codes=RANK_IDS),
    })


def rw_pindahinstansi(record: Record) -> list[Mapped]:
    tmt = day(record, "tmtPi", "tmtPindah")
    return one(record, "transfer_institution", tmt, {
        "from_institution_id": "",  # settled by admission from the record on the TMT
        "to_institution_id": text(record, "instansiBaruId", "instansiIndukBaruId"),
        "to_institution_name": text(record, "instansiBaruNama", "instansiIndukBaruNama"),
        "to_unit_id": text(record, "unorBaruId"),
        "to_unit_name": text(record, "unorBaruNama"),
    }, legal_basis(record, tmt, ("skBknNomor", "skNomor"), ("skBknTanggal", "skTanggal")))


def rw_pemberhentian(record: Record) -> list[Mapped]:
    reason = coded(record, TerminationReason, "jenisPemberhentian", "jenisPemberhentianId")
    command = "retire" if reason in RETIREMENTS else "terminate"
    return one(record, command, day(record, "tmtPemberhentian", "tmtPensiun"),
               {"reason": reason})
