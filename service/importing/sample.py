"""A sample SIASN export: the generated careers of ``service.sample.careers`` written as SIASN
history files (data-utama.json, rw-golongan.json, ...), deterministic for a seed, for the
tests and the day-one demo (``riwayat sample-siasn --servants 1000 --out DIR``).

Each record is what SIASN would hold for the effective event (corrections applied, retracted
and annulled ones gone), with SIASN field names and dd-mm-yyyy dates. Every tenth servant's
records before 2015 carry no SK number, as history older than the SK discipline does."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from domain import events as ev
from domain.effective import effective_events
from projections import json_codec
from service.importing.career_kinds import EDUCATION_IDS
from service.sample.careers import build_servants

LEGACY_BEFORE = date(2015, 1, 1)
_EDUCATION_CODES = {level: code for code, level in EDUCATION_IDS.items()}


def _d(value: date | None) -> str | None:
    return None if value is None else f"{value:%d-%m-%Y}"


def _basis(e: ev.CareerEvent, legacy: bool) -> dict[str, Any]:
    if legacy and e.tmt < LEGACY_BEFORE:
        return {}
    return {"skNomor": e.sk_number, "skTanggal": _d(e.sk_date), "pejabatPenetap": e.sk_official}


def _data_utama(a: ev.CpnsAppointed, pns: ev.PnsAppointed | None, legacy: bool) -> dict[str, Any]:
    basis = _basis(a, legacy)
    record = {
        "nipBaru": a.nip, "nama": a.name, "tempatLahir": a.birth_place,
        "tglLahir": _d(a.birth_date), "jenisKelamin": "M" if a.gender.value == "1" else "F",
        "tkPendidikanTerakhirId": _EDUCATION_CODES[a.education_level],
        "golRuangAwalId": str(a.initial_rank.siasn_id), "jabatanNama": a.position_name,
        "tahunFormasi": a.formation_year, "instansiIndukId": a.institution_id,
        "instansiIndukNama": a.institution_name, "unorIndukId": a.unit_id,
        "unorIndukNama": a.unit_name, "tmtCpns": _d(a.tmt),
        "nomorSkCpns": basis.get("skNomor"), "tglSkCpns": basis.get("skTanggal"),
        "pejabatPenetap": a.sk_official,
    }
    if pns is not None:
        pns_basis = _basis(pns, legacy)
        record |= {"tmtPns": _d(pns.tmt), "nomorSkPns": pns_basis.get("skNomor"),
                   "tglSkPns": pns_basis.get("skTanggal"), "noSttpl": pns.sttpl_number,
                   "noSpmt": pns.spmt_number}
    return record


def _golongan(e: ev.RankPromoted) -> tuple[str, dict[str, Any]]:
    return "rw-golongan", {
        "golonganId": str(e.new_rank.siasn_id), "golongan": e.new_rank.golongan,
        "jenisKPId": e.promotion_type.value, "tmtGolongan": _d(e.tmt),
        "noPertekBkn": e.pertek_number, "tglPertekBkn": _d(e.pertek_date),
        "masaKerjaGolonganTahun": e.service_years, "masaKerjaGolonganBulan": e.service_months,
        "jumlahKreditUtama": None if e.credit_score is None else str(e.credit_score)}


def _jabatan(e: ev.PositionAssigned) -> tuple[str, dict[str, Any]]:
    return "rw-jabatan", {
        "jenisJabatan": e.position_kind.value, "eselonId": e.eselon,
        "jabatanFungsionalId": e.functional_position_id,
        "jabatanFungsionalUmumId": e.general_position_id, "namaJabatan": e.position_name,
        "jenjang": e.functional_level.code if e.functional_level else None,
        "unorId": e.unit_id, "namaUnor": e.unit_name, "tmtJabatan": _d(e.tmt),
        "tmtPelantikan": _d(e.inauguration_date), "jenisPenugasan": e.assignment_kind.value,
        "jenisMutasi": e.mutation_kind.value if e.mutation_kind else None,
        "golonganAtasanId": str(e.supervisor_rank.siasn_id) if e.supervisor_rank else None}


def _skp(e: ev.AppraisalRecorded) -> tuple[str, dict[str, Any]]:
    return "rw-skp22", {
        "tahun": e.year, "hasilKinerjaNilai": e.work_result.value,
        "perilakuKerjaNilai": e.work_behaviour.value, "kuadranKinerjaNilai": e.predikat.value,
        "penilaiNipNrp": e.appraiser_nip, "penilaiNama": e.appraiser_name}


def _training(e: ev.TrainingCompleted) -> tuple[str, dict[str, Any]]:
    common = {"institusiPenyelenggara": e.organiser, "jumlahJam": e.hours}
    if e.program is not None:
        return "rw-diklat", common | {
            "latihanStrukturalId": e.program.value, "latihanStrukturalNama": e.name,
            "tanggal": _d(e.start_date), "tanggalSelesai": _d(e.end_date),
            "nomor": e.certificate_number, "tahun": e.end_date.year}
    return "rw-kursus", common | {
        "jenisDiklatId": e.kind.name, "namaKursus": e.name, "tanggalKursus": _d(e.start_date),
        "tanggalSelesaiKursus": _d(e.end_date), "noSertipikat": e.certificate_number,
        "tahunKursus": e.end_date.year}


def _pendidikan(e: ev.EducationCompleted) -> tuple[str, dict[str, Any]]:
    return "rw-pendidikan", {
        "tkPendidikanId": _EDUCATION_CODES[e.level], "namaSekolah": e.institution,
        "pendidikanNama": e.major, "tglLulus": _d(e.graduation_date),
        "nomorIjazah": e.diploma_number, "tmt": _d(e.tmt)}


def _hukdis(e: ev.DisciplinePenaltyImposed) -> tuple[str, dict[str, Any]]:
    months = e.duration_months
    return "rw-hukdis", {
        "jenisHukumanId": e.penalty_type.name, "jenisTingkatHukumanId": e.level.value,
        "nomorPp": e.regulation.value, "hukumanTanggal": _d(e.tmt),
        "masaTahun": None if months is None else months // 12,
        "masaBulan": None if months is None else months % 12,
        "akhirHukumanTanggal": _d(e.end_date), "alasanHukumanDisiplinNama": e.reason}


def _pindah(e: ev.InstitutionTransferred) -> tuple[str, dict[str, Any]]:
    return "rw-pindahinstansi", {
        "instansiBaruId": e.to_institution_id, "instansiBaruNama": e.to_institution_name,
        "unorBaruId": e.to_unit_id, "unorBaruNama": e.to_unit_name, "tmtPi": _d(e.tmt)}


def _berhenti(e: ev.Retired | ev.Terminated) -> tuple[str, dict[str, Any]]:
    return "rw-pemberhentian", {"jenisPemberhentian": e.reason.value,
                                "tmtPemberhentian": _d(e.tmt)}


_WRITERS: dict[type[Any], Callable[[Any], tuple[str, dict[str, Any]]]] = {
    ev.RankPromoted: _golongan, ev.PositionAssigned: _jabatan, ev.AppraisalRecorded: _skp,
    ev.TrainingCompleted: _training, ev.EducationCompleted: _pendidikan,
    ev.DisciplinePenaltyImposed: _hukdis, ev.InstitutionTransferred: _pindah,
    ev.Retired: _berhenti, ev.Terminated: _berhenti,
}


def _record_id(nip: str, kind: str, version: int) -> str:
    return str(uuid5(NAMESPACE_URL, f"https://siasn.example/{kind}/{nip}/{version}"))


def sample_records(servants: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """The records of ``servants`` generated careers, by SIASN kind."""
    files: dict[str, list[dict[str, Any]]] = {"data-utama": []}
    for index, servant in enumerate(build_servants(0, servants, seed)):
        legacy = index % 10 == 0
        events = servant.events
        annulled = {e.penalty_version for e in events if isinstance(e, ev.DisciplinePenaltyAnnulled)}
        effective = [i for i in effective_events(events) if i.version not in annulled]
        appointed = effective[0].event
        assert isinstance(appointed, ev.CpnsAppointed)
        pns = next((i.event for i in effective if isinstance(i.event, ev.PnsAppointed)), None)
        person = {"id": _record_id(appointed.nip, "data-utama", 1)}
        files["data-utama"].append(person | _data_utama(appointed, pns, legacy))
        initial = {"id": _record_id(appointed.nip, "rw-golongan", 1), "nipBaru": appointed.nip,
                   "golonganId": str(appointed.initial_rank.siasn_id), "jenisKPId": "211",
                   "tmtGolongan": _d(appointed.tmt)} | _basis(appointed, legacy)
        files.setdefault("rw-golongan", []).append(initial)
        for item in effective:
            writer = _WRITERS.get(type(item.event))
            if writer is None:
                continue
            kind, fields = writer(item.event)
            record = {"id": _record_id(appointed.nip, kind, item.version),
                      "nipBaru": appointed.nip} | fields | _basis(item.event, legacy)
            files.setdefault(kind, []).append({k: v for k, v in record.items() if v is not None})
    return files


def write_sample(out: Path, servants: int, seed: int = 7) -> dict[str, int]:
    """Write the export under ``out`` (one JSON file per kind); the records per file."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind, records in sample_records(servants, seed).items():
        (out / f"{kind}.json").write_text(json_codec.pretty_text(records),
                                          encoding="utf-8")
        counts[f"{kind}.json"] = len(records)
    return counts


def write_sample_csv(out: Path, servants: int, seed: int = 7) -> dict[str, int]:
    """The same export in the CSV template, one file per kind; ``source_system`` SIASN, so a
    record keeps its key whichever of the two forms brings it in."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind, records in sample_records(servants, seed).items():
        rows = [{"source_system": "SIASN", "source_id": r["id"], "nip": r["nipBaru"],
                 **{k: v for k, v in r.items() if k not in ("id", "nipBaru")}} for r in records]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        with (out / f"{kind}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, columns)
            writer.writeheader()
            writer.writerows(rows)
        counts[f"{kind}.csv"] = len(rows)
    return counts
