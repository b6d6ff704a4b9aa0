"""Reports out of the record: a servant's riwayat, a unit's DUK and nominative list, promotion
candidates of a period, a unit's training ledger and development plan; as CSV or XLSX, from
the command line (``riwayat report``) and as downloads from the web pages (``/downloads``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from domain.errors import DomainError
from service.exports.candidates import candidates
from service.exports.duk import duk
from service.exports.lists import nominative, riwayat
from service.exports.report import Column, Report
from service.exports.source import ExportSource
from service.exports.training import development_plan, training_ledger
from service.exports.writers import FORMATS, MEDIA_TYPES, write_report

__all__ = [
    "FORMATS", "MEDIA_TYPES", "REPORTS", "Column", "ExportSource", "Report", "ReportSpec",
    "build_report", "candidates", "development_plan", "duk", "nominative", "riwayat",
    "training_ledger", "write_report",
]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    description: str
    parameters: tuple[str, ...]  # of: unit, nip, as_of, period, year
    required: tuple[str, ...]
    build: Callable[[ExportSource, Mapping[str, object]], Report]


def _date(value: object, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError("INVALID_REPORT_PARAMETER", f"{field} must be a date YYYY-MM-DD.",
                          field) from None


def _year(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise DomainError("INVALID_REPORT_PARAMETER", "year must be a whole number.",
                          "year") from None


def _optional_date(values: Mapping[str, object], key: str) -> date | None:
    value = values.get(key)
    return _date(value, key) if value not in (None, "") else None


REPORTS: dict[str, ReportSpec] = {spec.name: spec for spec in (
    ReportSpec("riwayat", "a servant's career history with provenance and corrections",
               ("nip",), ("nip",), lambda s, p: riwayat(s, str(p["nip"]))),
    ReportSpec("duk", "daftar urut kepangkatan (seniority list) of a unit",
               ("unit", "as_of"), ("unit",),
               lambda s, p: duk(s, str(p["unit"]), _optional_date(p, "as_of"))),
    ReportSpec("nominative", "daftar nominatif (nominative list) of a unit",
               ("unit", "as_of"), ("unit",),
               lambda s, p: nominative(s, str(p["unit"]), _optional_date(p, "as_of"))),
    ReportSpec("candidates", "promotion candidates of a period, with the failing rules",
               ("period", "unit"), ("period",),
               lambda s, p: candidates(s, _date(p["period"], "period"),
                                       str(p["unit"]) if p.get("unit") else None)),
    ReportSpec("training-ledger", "a unit's training ledger of a year",
               ("unit", "year"), ("unit", "year"),
               lambda s, p: training_ledger(s, str(p["unit"]), _year(p["year"]))),
    ReportSpec("development-plan", "a unit's development plan of a year",
               ("unit", "year"), ("unit", "year"),
               lambda s, p: development_plan(s, str(p["unit"]), _year(p["year"]))),
)}


def build_report(source: ExportSource, name: str, parameters: Mapping[str, object]) -> Report:
    """The named report for ``source``'s principal, with personal columns removed for a role
    that may not see them."""
    spec = REPORTS.get(name)
    if spec is None:
        raise DomainError("UNKNOWN_REPORT", f"No report is called {name!r}; the reports are "
                          f"{', '.join(REPORTS)}.", "name")
    missing = [key for key in spec.required if parameters.get(key) in (None, "")]
    if missing:
        raise DomainError("INVALID_REPORT_PARAMETER",
                          f"The {name} report needs {', '.join(missing)}.", missing[0])
    return spec.build(source, parameters).visible_to(source.principal.role)
