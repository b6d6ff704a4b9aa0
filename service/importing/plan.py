"""From source records to each servant's commands in admission order, and the report rows of
the records that give no command (unreadable, unmappable, or no event of their own).

A servant's commands are ordered by TMT across all kinds and files (the domain's day order
breaks ties: an appointment before the rest of its day, an exit after it), with the CPNS
appointment first whatever its TMT, so each is admitted on the record as it stood then."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.errors import DomainError
from domain.kinds import kind_for
from service.importing.mapped import Mapped
from service.importing.report import REFUSED, SKIPPED, ReportRow
from service.importing.sources import MAPPERS, SourceRecord

APPOINTMENT = "appoint_cpns"


@dataclass(frozen=True)
class Planned:
    """One command to admit, with the record it came from and its idempotency key."""

    record: SourceRecord
    mapped: Mapped
    key: str
    sequence: int

    def row(self, outcome: str, code: str, message: str, event_id: str = "") -> ReportRow:
        r = self.record
        return ReportRow(r.row, r.file, r.source_id, self.mapped.nip, r.kind,
                         self.mapped.command, outcome, code, message, event_id)


def source_key(record: SourceRecord, mapped: Mapped) -> str:
    """(source system, kind, record id), and the part when one record gives two commands."""
    key = f"{record.system}:{record.kind}:{record.source_id}"
    return f"{key}#{mapped.part}" if mapped.part else key


def refused(record: SourceRecord, code: str, message: str) -> ReportRow:
    nip = str(record.data.get("nipBaru") or record.data.get("nip") or "")
    return ReportRow(record.row, record.file, record.source_id, nip, record.kind, "", REFUSED,
                     code, message)


def plan(records: Iterable[SourceRecord]) -> tuple[dict[str, list[Planned]], list[ReportRow]]:
    """Each servant's commands in admission order (servants in order of first appearance),
    and the rows already decided."""
    by_servant: dict[str, list[Planned]] = {}
    decided: list[ReportRow] = []
    sequence = 0
    for record in records:
        if record.error is not None:
            decided.append(refused(record, record.error.code, record.error.message))
            continue
        try:
            commands = MAPPERS[record.kind](record.data)
        except DomainError as error:
            decided.append(refused(record, error.code, error.message))
            continue
        except (TypeError, ValueError, ArithmeticError) as error:  # a value that does not fit
            decided.append(refused(record, "INVALID_VALUE", str(error)))
            continue
        if not commands:
            decided.append(ReportRow(
                record.row, record.file, record.source_id, refused(record, "", "").nip,
                record.kind, "", SKIPPED, "OK",
                "No event of its own: the initial rank is recorded by the CPNS appointment."))
        for mapped in commands:
            sequence += 1
            by_servant.setdefault(mapped.nip, []).append(
                Planned(record, mapped, source_key(record, mapped), sequence))
    for planned in by_servant.values():
        planned.sort(key=_admission_order)
    return by_servant, decided


def _admission_order(p: Planned) -> tuple[int, object, int, int]:
    command = p.mapped.command
    return (command != APPOINTMENT, p.mapped.tmt, kind_for(command).day_order, p.sequence)
