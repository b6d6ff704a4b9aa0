"""Reading an import's files into source records: SIASN JSON, one file per history kind, and
the CSV template (README, "Importing history"), from one file or a directory of them.

A JSON file holds a list of records, a SIASN response (``{"data": [...]}``) or one record; its
kind is the start of its name (``rw-golongan.json``, ``rw-golongan-199001....json``) or the
object's ``kind``. A CSV row names its kind in the ``kind`` column (or the file's name does, as for JSON) and its
record id in ``source_id``; the other columns carry the SIASN field names of that kind, blank
for absent.
A file that cannot be read is one report row (its code), not the end of the import."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.errors import DomainError
from projections import json_codec
from service.importing.career_kinds import (
    data_utama,
    rw_golongan,
    rw_jabatan,
    rw_pemberhentian,
    rw_pindahinstansi,
)
from service.importing.development_kinds import (
    rw_diklat,
    rw_hukdis,
    rw_kursus,
    rw_pendidikan,
    rw_skp22,
)
from service.importing.mapped import Mapper

MAPPERS: dict[str, Mapper] = {
    "data-utama": data_utama, "rw-golongan": rw_golongan, "rw-jabatan": rw_jabatan,
    "rw-skp22": rw_skp22, "rw-skp": rw_skp22, "skp22": rw_skp22, "rw-diklat": rw_diklat,
    "rw-kursus": rw_kursus, "rw-pendidikan": rw_pendidikan, "rw-hukdis": rw_hukdis,
    "rw-pindahinstansi": rw_pindahinstansi, "rw-pemberhentian": rw_pemberhentian,
}
FORMATS = ("auto", "json", "csv")
SIASN, CSV_SYSTEM = "SIASN", "CSV"


@dataclass(frozen=True)
class SourceRecord:
    """One record as read: where it is (file, 1-based row), its kind and fields, or the
    reason it cannot be read (``error`` code and message)."""

    file: str
    row: int
    kind: str
    system: str
    data: Mapping[str, Any]
    source_id: str = ""
    error: DomainError | None = None


def kind_of_name(name: str) -> str | None:
    """The kind a file's name starts with (the longest that fits), if any."""
    stem = name.lower().rsplit(".", 1)[0]
    fitting = [k for k in MAPPERS if stem == k or stem.startswith(k + "-") or
               stem.startswith(k + "_")]
    return max(fitting, key=len) if fitting else None


def files_of(path: Path, form: str) -> list[Path]:
    if path.is_dir():
        wanted = (".json", ".csv") if form == "auto" else (f".{form}",)
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
    return [path]


def read_sources(path: Path, form: str = "auto") -> Iterator[SourceRecord]:
    """Every record of the file, or of every JSON/CSV file under the directory, in name order."""
    for file in files_of(path, form):
        name = str(file.relative_to(path)) if path.is_dir() else file.name
        as_csv = form == "csv" or (form == "auto" and file.suffix.lower() == ".csv")
        try:
            yield from (_csv(file, name) if as_csv else _json(file, name))
        except (OSError, UnicodeDecodeError, ValueError, csv.Error) as error:
            yield SourceRecord(name, 0, "", SIASN, {}, error=DomainError(
                "IMPORT_FILE_UNREADABLE", f"{name} cannot be read: {error}"))


def _json(file: Path, name: str) -> Iterator[SourceRecord]:
    document = json_codec.loads_lenient(file.read_text(encoding="utf-8"))
    kind = kind_of_name(file.name)
    if isinstance(document, dict):
        kind = str(document.get("kind") or kind or "")
        document = document.get("data", document)
    records = document if isinstance(document, list) else [document]
    for row, record in enumerate(records, start=1):
        yield _record(name, row, kind or "", SIASN, record, "id")


def _csv(file: Path, name: str) -> Iterator[SourceRecord]:
    with file.open(encoding="utf-8-sig", newline="") as stream:
        for row, record in enumerate(csv.DictReader(stream), start=1):
            data = {k.strip(): v for k, v in record.items() if k is not None and v not in ("", None)}
            kind = str(data.get("kind") or kind_of_name(file.name) or "").strip().lower()
            system = str(data.get("source_system") or CSV_SYSTEM)
            yield _record(name, row, kind, system, data, "source_id")


def _record(name: str, row: int, kind: str, system: str, data: Any,
            id_field: str) -> SourceRecord:
    if not isinstance(data, dict):
        return SourceRecord(name, row, kind, system, {}, error=DomainError(
            "INVALID_VALUE", f"Row {row} of {name} is not an object of fields."))
    source_id = str(data.get(id_field) or "").strip()
    if kind not in MAPPERS:
        return SourceRecord(name, row, kind, system, data, source_id, DomainError(
            "IMPORT_KIND_UNKNOWN", f"{kind or 'No kind'} is not a history kind this import "
            f"reads ({', '.join(sorted(MAPPERS))})."))
    if not source_id:
        return SourceRecord(name, row, kind, system, data, error=DomainError(
            "MISSING_FIELD", f"The record has no {id_field}: it is what keeps a re-run from "
            "importing it twice."))
    return SourceRecord(name, row, kind, system, data, source_id)
