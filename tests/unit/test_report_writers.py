"""Reports on disk: CSV and XLSX carry the headers and every row; a viewer's copy has no
personal column and no personal field inside a structured cell."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import pytest

from service.exports.report import Column, Report, cell_text
from service.exports.writers import write_report

COLUMNS = (Column("nip", "NIP", "NIP"), Column("birth", "Tanggal lahir", "Birth date", personal=True),
           Column("details", "Rincian", "Details"), Column("jp", "JP", "Hours"))
ROWS = [["198203152008031001", date(1982, 3, 15), {"gender": "MALE", "rank": "III_A"}, 24],
        ["198811202010012001", date(1988, 11, 20), None, 0]]


def report() -> Report:
    return Report("test", "Laporan uji", COLUMNS, iter([list(r) for r in ROWS]), len(ROWS))


def test_csv_has_headers_in_the_language_asked_and_every_row(tmp_path: Path) -> None:
    counted: list[int] = []
    path = tmp_path / "r.csv"
    assert write_report(report(), path, "csv", "en", counted.append) == 2
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["NIP", "Birth date", "Details", "Hours"]
    assert rows[1] == ["198203152008031001", "1982-03-15", '{"gender": "MALE", "rank": "III_A"}', "24"]
    assert rows[2][2] == "" and len(counted) == 2


def test_xlsx_keeps_nips_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    assert write_report(report(), path, "xlsx") == 2
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in \
            book.namelist() else ""
    text = sheet + strings
    assert "198203152008031001" in text and "Tanggal lahir" in text and "Laporan uji" in text
    assert "<v>24</v>" in sheet  # a number cell, not text
    assert "<v>198203152008031001</v>" not in sheet


@pytest.mark.parametrize("role", ["viewer"])
def test_a_viewer_gets_no_personal_column_nor_personal_field(role: str) -> None:
    seen = report().visible_to(role)
    assert [c.key for c in seen.columns] == ["nip", "details", "jp"]
    rows = list(seen.rows)
    assert rows[0] == ["198203152008031001", {"rank": "III_A"}, 24]


@pytest.mark.parametrize("role", ["hr", "auditor"])
def test_hr_and_auditors_get_the_personal_columns(role: str) -> None:
    seen = report().visible_to(role)
    assert [c.key for c in seen.columns] == ["nip", "birth", "details", "jp"]
    assert list(seen.rows)[0][1] == date(1982, 3, 15)


def test_cells_are_written_as_text_except_numbers() -> None:
    assert cell_text(None) == "" and cell_text(True) == "ya" and cell_text(3) == 3
    assert cell_text(["a", date(2020, 1, 2)]) == "a; 2020-01-02"
