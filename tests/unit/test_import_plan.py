"""Reading import files (SIASN JSON by file name, the CSV template by its kind column) and
ordering each servant's commands for admission: the appointment first, then by TMT across
every kind and file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from service.importing.plan import plan
from service.importing.report import REFUSED, SKIPPED
from service.importing.sources import SourceRecord, kind_of_name, read_sources

NIP = "199001012015031001"
OTHER = "199202022016032002"


def write_json(directory: Path, name: str, document: Any) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(json.dumps(document), encoding="utf-8")


def promotion(record_id: str, tmt: str, nip: str = NIP) -> dict[str, str]:
    return {"id": record_id, "nipBaru": nip, "golonganId": "32", "jenisKPId": "101",
            "tmtGolongan": tmt}


def test_a_json_files_kind_is_the_start_of_its_name() -> None:
    assert kind_of_name("rw-golongan.json") == "rw-golongan"
    assert kind_of_name("rw-skp22-199001012015031001.json") == "rw-skp22"
    assert kind_of_name("rw-skp.json") == "rw-skp"
    assert kind_of_name("notes.json") is None


def test_json_lists_siasn_responses_and_single_records_all_read(tmp_path: Path) -> None:
    write_json(tmp_path, "rw-golongan.json", [promotion("a", "01-04-2019")])
    write_json(tmp_path, "rw-golongan-2.json", {"code": 1, "data": [promotion("b", "01-04-2023")]})
    write_json(tmp_path, "one.json", {"kind": "rw-golongan", "data": promotion("c", "01-04-2027")})
    records = list(read_sources(tmp_path))
    assert [(r.file, r.row, r.kind, r.source_id, r.error) for r in records] == [
        ("one.json", 1, "rw-golongan", "c", None),
        ("rw-golongan-2.json", 1, "rw-golongan", "b", None),
        ("rw-golongan.json", 1, "rw-golongan", "a", None)]


def test_csv_rows_name_their_kind_and_source_id(tmp_path: Path) -> None:
    (tmp_path / "history.csv").write_text(
        "kind,source_id,nip,golonganId,jenisKPId,tmtGolongan,jenisPemberhentian,tmtPemberhentian\n"
        f"rw-golongan,g-1,{NIP},32,101,01-04-2019,,\n"
        f"rw-pemberhentian,p-1,{NIP},,,,BUP,01-07-2045\n", encoding="utf-8")
    records = list(read_sources(tmp_path / "history.csv"))
    assert [(r.row, r.kind, r.system, r.source_id) for r in records] == [
        (1, "rw-golongan", "CSV", "g-1"), (2, "rw-pemberhentian", "CSV", "p-1")]
    assert "jenisPemberhentian" not in records[0].data  # a blank cell is an absent field


def test_unreadable_files_unknown_kinds_and_records_without_an_id_are_row_errors(
        tmp_path: Path) -> None:
    (tmp_path / "rw-jabatan.json").write_text("[{", encoding="utf-8")
    write_json(tmp_path, "rw-cuti.json", [{"id": "x", "nipBaru": NIP}])
    write_json(tmp_path, "rw-golongan.json", [{"nipBaru": NIP, "golonganId": "32"}])
    codes = {r.file: r.error.code for r in read_sources(tmp_path) if r.error is not None}
    assert codes == {"rw-jabatan.json": "IMPORT_FILE_UNREADABLE",
                     "rw-cuti.json": "IMPORT_KIND_UNKNOWN", "rw-golongan.json": "MISSING_FIELD"}


def record(kind: str, row: int, data: dict[str, Any], file: str = "f.json") -> SourceRecord:
    return SourceRecord(file, row, kind, "SIASN", data, str(data["id"]))


APPOINTMENT = {"id": "u", "nipBaru": NIP, "nama": "Budi", "tempatLahir": "Bandung",
               "tglLahir": "01-01-1990", "jenisKelamin": "M", "tkPendidikanTerakhirId": "40",
               "golRuangAwalId": "31", "jabatanNama": "Analis", "instansiIndukId": "A",
               "instansiIndukNama": "A", "unorIndukId": "U", "unorIndukNama": "U",
               "tmtCpns": "01-03-2015", "tmtPns": "01-03-2016", "noSttpl": "S"}


def test_a_servants_commands_are_ordered_by_tmt_across_kinds_with_the_appointment_first() -> None:
    by_servant, decided = plan([
        record("rw-golongan", 1, promotion("late", "01-04-2023")),
        record("rw-pemberhentian", 1, {"id": "exit", "nipBaru": NIP, "tmtPemberhentian":
                                       "01-04-2023", "jenisPemberhentian": "BUP"}),
        record("rw-golongan", 2, promotion("early", "01-04-2019")),
        record("rw-golongan", 3, promotion("other", "01-04-2019", OTHER)),
        record("data-utama", 1, APPOINTMENT),
    ])
    assert decided == []
    order = [(p.mapped.command, p.mapped.tmt, p.key) for p in by_servant[NIP]]
    assert order == [
        ("appoint_cpns", date(2015, 3, 1), "SIASN:data-utama:u"),
        ("appoint_pns", date(2016, 3, 1), "SIASN:data-utama:u#pns"),
        ("promote_rank", date(2019, 4, 1), "SIASN:rw-golongan:early"),
        ("promote_rank", date(2023, 4, 1), "SIASN:rw-golongan:late"),
        ("retire", date(2023, 4, 1), "SIASN:rw-pemberhentian:exit"),  # an exit ends its day
    ]
    assert [p.key for p in by_servant[OTHER]] == ["SIASN:rw-golongan:other"]


def test_records_that_give_no_command_are_reported_at_once() -> None:
    by_servant, decided = plan([
        record("rw-golongan", 1, {"id": "i", "nipBaru": NIP, "golonganId": "31",
                                  "jenisKPId": "211", "tmtGolongan": "01-03-2015"}),
        record("rw-golongan", 2, {"id": "b", "nipBaru": NIP, "golonganId": "32",
                                  "jenisKPId": "101", "tmtGolongan": "31-02-2019"}),
    ])
    assert by_servant == {}
    assert [(r.row, r.nip, r.outcome, r.code) for r in decided] == [
        (1, NIP, SKIPPED, "OK"), (2, NIP, REFUSED, "INVALID_DATE")]
