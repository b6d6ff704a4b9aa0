"""Writers: CSV (the standard library's csv) and XLSX (XlsxWriter in constant-memory mode, so a
sheet is flushed row by row and a long report never sits in memory)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # no stubs are published

from service.exports.report import Report, cell_text

FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Progress = Callable[[int], None]


def write_report(report: Report, path: Path, fmt: str, language: str = "id",
                 progress: Progress | None = None) -> int:
    """Write ``report`` to ``path``; returns the number of rows written."""
    writer = {"csv": write_csv, "xlsx": write_xlsx}[fmt]
    return writer(report, path, language, progress or (lambda _count: None))


def write_csv(report: Report, path: Path, language: str, progress: Progress) -> int:
    count = 0
    # utf-8-sig: spreadsheet programs then read the names' accents right.
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(report.headers(language))
        for row in report.rows:
            writer.writerow([cell_text(value) for value in row])
            count += 1
            progress(1)
    return count


def write_xlsx(report: Report, path: Path, language: str, progress: Progress) -> int:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    try:
        sheet = workbook.add_worksheet(report.name[:31])
        title = workbook.add_format({"bold": True, "font_size": 13})
        header = workbook.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1,
                                      "text_wrap": True, "valign": "top"})
        for index, column in enumerate(report.columns):
            sheet.set_column(index, index, column.width)
        # constant_memory writes rows in order: the title first, then the header, then the data.
        sheet.write_string(0, 0, report.title, title)
        for index, text in enumerate(report.headers(language)):
            sheet.write_string(1, index, text, header)
        sheet.freeze_panes(2, 0)
        count = 0
        for count, row in enumerate(report.rows, start=1):
            for index, value in enumerate(row):
                _write_cell(sheet, count + 1, index, cell_text(value))
            progress(1)
        if report.columns:
            sheet.autofilter(1, 0, max(1, count + 1), len(report.columns) - 1)
    finally:
        workbook.close()
    return count


def _write_cell(sheet: Any, row: int, column: int, value: Any) -> None:
    if isinstance(value, (int, float)):
        sheet.write_number(row, column, value)
    elif value != "":
        # NIPs and SK numbers stay text: 18 digits would lose precision as a number.
        sheet.write_string(row, column, value)
