"""Each SIASN history kind (and the CSV template's form of it) becomes the command of the domain
it describes, with SIASN's field names, dates and codes; a record that cannot become one is a
row error with a stable code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.discipline import DisciplineLevel, PenaltyType, Regulation
from domain.errors import DomainError
from domain.values import (
    AssignmentKind,
    EducationLevel,
    FunctionalLevel,
    Gender,
    LeadershipProgram,
    MutationKind,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    Rating,
    TerminationReason,
    TrainingKind,
)
from service.importing.mapped import Mapped
from service.importing.sources import MAPPERS

NIP = "199001012015031001"
SK = {"skNomor": "SK/7", "skTanggal": "15-03-2019", "pejabatPenetap": "Kepala BKN"}


def mapped(kind: str, **record: Any) -> list[Mapped]:
    return MAPPERS[kind]({"id": "r1", "nipBaru": NIP, **record})


def only(kind: str, **record: Any) -> Mapped:
    [command] = mapped(kind, **record)
    return command


def refusal(kind: str, **record: Any) -> str:
    with pytest.raises(DomainError) as raised:
        mapped(kind, **record)
    return raised.value.code


DATA_UTAMA = {
    "nama": "Budi", "tempatLahir": "Bandung", "tglLahir": "01-01-1990", "jenisKelamin": "M",
    "tkPendidikanTerakhirId": "40", "golRuangAwalId": "31", "jabatanNama": "Analis",
    "instansiIndukId": "A1", "instansiIndukNama": "Kementerian A", "unorIndukId": "U1",
    "unorIndukNama": "Biro SDM", "tmtCpns": "01-03-2015", "nomorSkCpns": "SK/CPNS/1",
    "tglSkCpns": "01-02-2015", "pejabatPenetap": "Kepala BKN",
}


def test_data_utama_gives_the_cpns_appointment_with_its_payload_and_sk() -> None:
    [cpns] = mapped("data-utama", **DATA_UTAMA)
    assert (cpns.command, cpns.nip, cpns.tmt) == ("appoint_cpns", NIP, date(2015, 3, 1))
    assert cpns.payload == {
        "nip": NIP, "name": "Budi", "birth_date": date(1990, 1, 1), "birth_place": "Bandung",
        "gender": Gender.MALE, "education_level": EducationLevel.S1, "initial_rank": Rank.III_A,
        "position_name": "Analis", "formation_year": 2015, "institution_id": "A1",
        "institution_name": "Kementerian A", "unit_id": "U1", "unit_name": "Biro SDM"}
    assert (cpns.basis.sk_number, cpns.basis.sk_date, cpns.basis.legacy_without_sk) == (
        "SK/CPNS/1", date(2015, 2, 1), False)


def test_data_utama_of_a_pns_also_gives_the_pns_appointment_as_a_second_part() -> None:
    cpns, pns = mapped("data-utama", **DATA_UTAMA, tmtPns="01-03-2016", nomorSkPns="SK/PNS/1",
                       tglSkPns="2016-02-20", noSttpl="STTPL-9")
    assert (pns.command, pns.tmt, pns.part, cpns.part) == ("appoint_pns", date(2016, 3, 1),
                                                            "pns", "")
    assert pns.payload == {"sttpl_number": "STTPL-9", "spmt_number": None}
    assert (pns.basis.sk_number, pns.basis.sk_date) == ("SK/PNS/1", date(2016, 2, 20))


def test_rw_golongan_gives_a_promotion_by_siasn_rank_id_and_kp_type() -> None:
    command = only("rw-golongan", golonganId="32", jenisKPId="101", tmtGolongan="01-04-2019",
                   noPertekBkn="PT-1", tglPertekBkn="01-03-2019", masaKerjaGolonganTahun="4",
                   masaKerjaGolonganBulan="0", jumlahKreditUtama="100.5",
                   jumlahKreditTambahan="10", **SK)
    assert (command.command, command.tmt) == ("promote_rank", date(2019, 4, 1))
    assert command.payload == {
        "new_rank": Rank.III_B, "promotion_type": PromotionType.REGULER,
        "pertek_number": "PT-1", "pertek_date": date(2019, 3, 1), "service_years": 4,
        "service_months": 0, "credit_score": Decimal("110.5")}


def test_the_initial_rank_of_rw_golongan_is_no_event_of_its_own() -> None:
    assert mapped("rw-golongan", golonganId="31", jenisKPId="211", tmtGolongan="01-03-2015") == []


def test_rw_jabatan_reads_structural_functional_and_pelaksana_positions() -> None:
    structural = only("rw-jabatan", jenisJabatan="1", eselonId="41", namaJabatan="Kasubbag",
                      unorId="U1", namaUnor="Subbag", tmtJabatan="01-01-2020",
                      tmtPelantikan="05-01-2020", jenisMutasi="MJ", **SK)
    assert structural.payload["position_kind"] is PositionKind.STRUKTURAL
    assert structural.payload["position_level"] is PositionLevel.PENGAWAS
    assert structural.payload["mutation_kind"] is MutationKind.MUTASI_JABATAN
    assert structural.payload["inauguration_date"] == date(2020, 1, 5)
    assert structural.payload["assignment_kind"] is AssignmentKind.DEFINITIF
    functional = only("rw-jabatan", jenisJabatan="2", jabatanFungsionalId="JF-1", jenjang="MU",
                      jabatanFungsionalNama="Analis SDM Ahli Muda", unorId="U1", namaUnor="B",
                      tmtJabatan="01-01-2021", jenisPenugasan="PLT", **SK)
    assert (functional.payload["position_level"], functional.payload["functional_level"],
            functional.payload["assignment_kind"], functional.payload["position_name"]) == (
        PositionLevel.FUNGSIONAL, FunctionalLevel.AHLI_MUDA, AssignmentKind.PLT,
        "Analis SDM Ahli Muda")
    pelaksana = only("rw-jabatan", jenisJabatan="4", jabatanFungsionalUmumId="JU-1",
                     namaJabatan="Pengadministrasi", unorId="U1", namaUnor="B",
                     tmtJabatan="01-01-2022", **SK)
    assert (pelaksana.payload["position_level"], pelaksana.payload["general_position_id"]) == (
        PositionLevel.PELAKSANA, "JU-1")


def test_rw_skp22_reads_the_ratings_and_the_quadrant_at_the_years_end() -> None:
    command = only("rw-skp22", tahun="2023", hasilKinerjaNilai="1", perilakuKerjaNilai="2",
                   kuadranKinerjaNilai="2", penilaiNipNrp="196001011990031001",
                   penilaiNama="Atasan", **SK)
    assert (command.command, command.tmt) == ("record_appraisal", date(2023, 12, 31))
    assert command.payload == {
        "year": 2023, "work_result": Rating.ABOVE_EXPECTATION,
        "work_behaviour": Rating.AS_EXPECTED, "predikat": Predikat.BAIK,
        "appraiser_nip": "196001011990031001", "appraiser_name": "Atasan"}


def test_an_skp_without_its_quadrant_gets_the_matrix_predikat() -> None:
    command = only("rw-skp", tahun="2023", hasilKinerjaNilai="3", perilakuKerjaNilai="3",
                   penilaiNipNrp="196001011990031001", penilaiNama="Atasan", **SK)
    assert command.payload["predikat"] is Predikat.SANGAT_KURANG


def test_a_legacy_skp_of_scores_only_is_refused_with_its_own_code() -> None:
    assert refusal("rw-skp", tahun="2015", nilaiSkp="85.5") == "LEGACY_APPRAISAL_NOT_SUPPORTED"


def test_rw_diklat_with_a_leadership_programme_is_a_structural_training() -> None:
    command = only("rw-diklat", latihanStrukturalId="PKP", latihanStrukturalNama="PKP 2020",
                   institusiPenyelenggara="LAN", jumlahJam="120", tanggal="01-06-2020",
                   tanggalSelesai="30-09-2020", nomor="CERT-1", **SK)
    assert (command.command, command.tmt) == ("record_training", date(2020, 9, 30))
    assert command.payload == {
        "kind": TrainingKind.STRUKTURAL, "program": LeadershipProgram.PKP, "name": "PKP 2020",
        "organiser": "LAN", "hours": 120, "start_date": date(2020, 6, 1),
        "end_date": date(2020, 9, 30), "certificate_number": "CERT-1"}


def test_rw_kursus_reads_its_kind_and_its_own_field_names() -> None:
    command = only("rw-kursus", jenisDiklatId="SEMINAR", namaKursus="Seminar SDM",
                   institusiPenyelenggara="BKN", jumlahJam="8", tanggalKursus="01-02-2021",
                   tanggalSelesaiKursus="02-02-2021", noSertipikat="S-1", **SK)
    assert (command.payload["kind"], command.payload["hours"], command.tmt) == (
        TrainingKind.SEMINAR, 8, date(2021, 2, 2))
    plain = only("rw-kursus", namaKursus="Kursus", institusiPenyelenggara="BKN", jumlahJam="8",
                 tanggalSelesaiKursus="02-02-2021", **SK)
    assert (plain.payload["kind"], plain.payload["start_date"]) == (
        TrainingKind.KURSUS, date(2021, 2, 2))


def test_rw_pendidikan_reads_the_siasn_education_level_id() -> None:
    command = only("rw-pendidikan", tkPendidikanId="45", namaSekolah="UI",
                   pendidikanNama="Administrasi", tglLulus="01-02-2024", nomorIjazah="IJ-1",
                   **SK)
    assert (command.command, command.tmt) == ("record_education", date(2024, 2, 1))
    assert command.payload == {
        "level": EducationLevel.S2, "institution": "UI", "major": "Administrasi",
        "graduation_date": date(2024, 2, 1), "diploma_number": "IJ-1"}


def test_rw_hukdis_reads_the_penalty_its_months_and_its_regulation() -> None:
    command = only("rw-hukdis", jenisHukumanId="POTONGAN_TUNJANGAN_KINERJA",
                   hukumanTanggal="01-03-2023", masaTahun="0", masaBulan="9",
                   akhirHukumanTanggal="01-12-2023", alasanHukumanDisiplinNama="Mangkir", **SK)
    assert (command.command, command.tmt) == ("impose_discipline", date(2023, 3, 1))
    assert command.payload == {
        "penalty_type": PenaltyType.POTONGAN_TUNJANGAN_KINERJA, "level": DisciplineLevel.SEDANG,
        "regulation": Regulation.PP_94_2021, "duration_months": 9,
        "end_date": date(2023, 12, 1), "reason": "Mangkir"}
    old = only("rw-hukdis", jenisHukumanId="PENURUNAN_PANGKAT_3_TAHUN_PP53",
               hukumanTanggal="01-03-2015", masaTahun="3", nomorPp="53/2010", **SK)
    assert (old.payload["duration_months"], old.payload["regulation"]) == (36,
                                                                           Regulation.PP_53_2010)


def test_rw_pindahinstansi_gives_a_transfer_whose_origin_admission_settles() -> None:
    command = only("rw-pindahinstansi", instansiBaruId="A2", instansiBaruNama="Kementerian B",
                   unorBaruId="U9", unorBaruNama="Biro Umum", tmtPi="01-02-2025",
                   skBknNomor="SK/BKN/1", skBknTanggal="01-01-2025", pejabatPenetap="Kepala BKN")
    assert (command.command, command.tmt, command.basis.sk_number) == (
        "transfer_institution", date(2025, 2, 1), "SK/BKN/1")
    assert command.payload == {"from_institution_id": "", "to_institution_id": "A2",
                               "to_institution_name": "Kementerian B", "to_unit_id": "U9",
                               "to_unit_name": "Biro Umum"}


@pytest.mark.parametrize(("reason", "command"), [
    ("BUP", "retire"), ("MENINGGAL_DUNIA", "retire"), ("HUKUMAN_DISIPLIN", "terminate"),
    ("TINDAK_PIDANA", "terminate")])
def test_rw_pemberhentian_is_a_retirement_or_a_termination_by_its_reason(
        reason: str, command: str) -> None:
    mapped_command = only("rw-pemberhentian", jenisPemberhentian=reason,
                          tmtPemberhentian="01-07-2025", **SK)
    assert (mapped_command.command, mapped_command.payload) == (
        command, {"reason": TerminationReason[reason]})


def test_a_record_without_an_sk_number_is_legacy_history_dated_by_its_tmt() -> None:
    command = only("rw-golongan", golonganId="32", jenisKPId="101", tmtGolongan="01-04-2009")
    assert (command.basis.sk_number, command.basis.sk_date, command.basis.sk_official,
            command.basis.legacy_without_sk) == ("", date(2009, 4, 1), "", True)


def test_an_sk_number_without_its_date_is_a_missing_field() -> None:
    assert refusal("rw-golongan", golonganId="32", jenisKPId="101", tmtGolongan="01-04-2019",
                   skNomor="SK/1") == "MISSING_FIELD"


@pytest.mark.parametrize(("record", "code"), [
    ({"golonganId": "32", "jenisKPId": "101"}, "MISSING_FIELD"),
    ({"golonganId": "32", "jenisKPId": "101", "tmtGolongan": "2019-13-01"}, "INVALID_DATE"),
    ({"golonganId": "99", "jenisKPId": "101", "tmtGolongan": "01-04-2019"}, "INVALID_VALUE"),
    ({"golonganId": "32", "jenisKPId": "101", "tmtGolongan": "01-04-2019",
      "masaKerjaGolonganTahun": "4.5"}, "INVALID_VALUE"),
])
def test_a_value_that_does_not_read_is_a_row_error_with_a_stable_code(
        record: dict[str, Any], code: str) -> None:
    assert refusal("rw-golongan", **record) == code


def test_dates_read_in_siasn_and_iso_form_alike() -> None:
    siasn = only("rw-pemberhentian", jenisPemberhentian="BUP", tmtPemberhentian="01-07-2025")
    iso = only("rw-pemberhentian", jenisPemberhentian="BUP", tmtPemberhentian="2025-07-01")
    assert siasn.tmt == iso.tmt == date(2025, 7, 1)
