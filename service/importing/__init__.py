"""``riwayat import``: existing history (SIASN JSON per history kind, or the CSV template) into
the log, through the same admission rules as the mutations. The web page and the command line
call ``run_import``, ``list_import_runs`` and ``import_run_report``."""

from service.importing.report import ImportReport, ReportRow
from service.importing.run import run_import
from service.importing.runs import import_run_report, list_import_runs

__all__ = ["ImportReport", "ReportRow", "import_run_report", "list_import_runs", "run_import"]
