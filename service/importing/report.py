"""The report of an import: one row per command a source record gave (and one per record or
file that could not be read), OK rows included, so the report accounts for every record.

Outcomes: ``IMPORTED`` (appended now), ``VALID`` (a dry run would append it),
``ALREADY_IMPORTED`` (a previous run appended it: the source record id is on an event),
``SKIPPED`` (a record that is no event of its own, such as the initial rank of rw-golongan,
recorded by the appointment) and ``REFUSED`` (with the code admission or the reader gave)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

IMPORTED, VALID, ALREADY_IMPORTED = "IMPORTED", "VALID", "ALREADY_IMPORTED"
SKIPPED, REFUSED = "SKIPPED", "REFUSED"
OUTCOMES = (IMPORTED, VALID, ALREADY_IMPORTED, SKIPPED, REFUSED)


@dataclass(frozen=True)
class ReportRow:
    """``row`` is 1-based within ``file``; ``code`` is ``OK`` for an accepted row (its
    warnings, if any, in ``message``) and the error code for a refused one."""

    row: int
    file: str
    source_id: str
    nip: str
    kind: str
    command: str
    outcome: str
    code: str
    message: str
    event_id: str = ""


COLUMNS = tuple(f.name for f in fields(ReportRow))


@dataclass
class ImportReport:
    run_id: str
    path: str
    format: str
    dry_run: bool
    actor: str
    started_at: str
    finished_at: str = ""
    status: str = "RUNNING"  # FINISHED when the report is complete
    seconds: float = 0.0
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(r.outcome for r in self.rows)
        return {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def refusals(self) -> dict[str, int]:
        return dict(Counter(r.code for r in self.rows if r.outcome == REFUSED).most_common())

    @property
    def events_per_second(self) -> float:
        written = self.counts[IMPORTED] + self.counts[VALID]
        return written / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> dict[str, Any]:
        """What a list of runs shows: everything but the rows."""
        plain = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rows"}
        return {**plain, "counts": self.counts, "refusals": self.refusals,
                "events_per_second": round(self.events_per_second, 1)}

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in self.rows:
            writer.writerow(astuple_of(row))
        return out.getvalue()


def astuple_of(row: ReportRow) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in COLUMNS)
