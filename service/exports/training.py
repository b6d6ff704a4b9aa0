"""A unit's training ledger (JP per servant and kind, against the 20 JP a year) and its
development plan (needs due and overdue, from the competence record)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.competence.plan import development_plan as plan_of
from domain.competence.record import competence_record, position_keys
from domain.effective import effective_events
from domain.events import PositionAssigned
from service.exports.columns import NAME, NIP, SERVANT_IN_UNIT, YEAR
from service.exports.report import Column, Report
from service.exports.source import ExportSource, check_year
from service.position_standards import standards_for

PAGE = 500

LEDGER_COLUMNS = (
    *SERVANT_IN_UNIT, YEAR,
    Column("total_hours", "Jumlah JP", "Total hours (JP)", width=9),
    Column("by_kind", "JP per jenis", "Hours by kind", width=36),
    Column("flags", "Catatan", "Flags", width=24),
    Column("open_needs", "Kebutuhan terbuka", "Open needs", width=30),
)

PLAN_COLUMNS = (
    NIP, NAME, YEAR,
    Column("jp_done", "JP tercapai", "JP done", width=9),
    Column("jp_target", "Target JP", "JP target", width=9),
    Column("below_target", "Di bawah target", "Below target", width=9),
    Column("due", "Kebutuhan jatuh tempo", "Needs due", width=40),
    Column("overdue", "Kebutuhan terlambat", "Needs overdue", width=40),
    Column("trainings", "Diklat tahun ini", "Trainings this year", width=30),
    Column("evaluated", "Sudah dievaluasi", "Evaluated", width=30),
)


def training_ledger(source: ExportSource, unit_id: str, year: int) -> Report:
    check_year(year)
    servants = source.unit_servants(unit_id)

    def rows() -> Iterator[list[Any]]:
        offset = 0
        while True:  # a page at a time, so a large unit streams
            ledgers, _ = source.read_models.training_ledgers(unit_id, year, PAGE, offset)
            for ledger in ledgers:
                yield [
                    ledger.nip, ledger.name, ledger.unit_name, year, ledger.total_hours,
                    [f"{k.kind} {k.hours}" for k in ledger.by_kind], ledger.flags,
                    [f"{n.year} {n.predikat} ({n.status})" for n in ledger.needs],
                ]
            if len(ledgers) < PAGE:
                return
            offset += PAGE

    return Report("training-ledger", f"Buku diklat {unit_id} {year}", LEDGER_COLUMNS, rows(),
                  len(servants))


def development_plan(source: ExportSource, unit_id: str, year: int) -> Report:
    check_year(year)
    servants = source.unit_servants(unit_id)

    def rows() -> Iterator[list[Any]]:
        for servant in servants:
            record = _competence_record(source.app, servant["nip"], date(year, 12, 31))
            plan = plan_of(year, record.hours(), record.needs, record.evaluations)
            needs = {n.need_id: n for n in record.needs}
            yield [
                servant["nip"], servant["name"], year, plan.jp_done, plan.jp_target,
                plan.below_jp_target, [_need(needs[i]) for i in plan.due],
                [_need(needs[i]) for i in plan.overdue], list(plan.trainings),
                list(plan.evaluated),
            ]

    return Report("development-plan", f"Rencana pengembangan {unit_id} {year}", PLAN_COLUMNS,
                  rows(), len(servants))


def _competence_record(app: Any, nip: str, as_of: date) -> Any:
    effective = effective_events(app.servant(nip).events)
    keys = [k for item in effective if isinstance(item.event, PositionAssigned)
            for k in position_keys(item.event)]
    return competence_record(nip, effective, standards_for(app, keys), as_of)


def _need(need: Any) -> str:
    return f"{need.addresses} ({need.source}, {need.due_year})"
