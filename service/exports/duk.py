"""DUK, the daftar urut kepangkatan (seniority list) of a unit.

domain.md does not spell the order out; it is the one of PP 15/1979 (Daftar Urut Kepangkatan
PNS), which later regulations kept [VERIFY against the official text]. Servants are ranked by,
in turn, each criterion breaking the ties of the one before:

1. rank (golongan/ruang): higher first;
2. rank TMT: earlier first (longer in the rank);
3. position: higher first (JPT utama, madya, pratama, administrator, pengawas, fungsional,
   pelaksana);
4. service years (masa kerja, from the CPNS TMT): longer first;
5. training (latihan jabatan): the highest leadership programme (PKN I / Diklatpim I down to
   PKP / Diklatpim IV), then the most training hours (JP);
6. education: the higher ijazah first, then the earlier one;
7. age: older first (the birth date the NIP encodes);
then by NIP, so the order is total and the same on every run.

The rows are the record as it stands today; service years and age are counted at ``as_of``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.learning import LeadershipProgram
from domain.positions import PositionLevel
from domain.promotion import PromotionFacts
from projections.views.promotion import queries as promotion_queries
from service.exports.columns import BIRTH_DATE, NAME, NIP, STANDING
from service.exports.report import Column, Report
from service.exports.source import ExportSource

_PROGRAMME_LEVEL = {
    LeadershipProgram.PKN_I: 4, LeadershipProgram.DIKLATPIM_I: 4,
    LeadershipProgram.PKN_II: 3, LeadershipProgram.DIKLATPIM_II: 3,
    LeadershipProgram.PKA: 2, LeadershipProgram.DIKLATPIM_III: 2,
    LeadershipProgram.PKP: 1, LeadershipProgram.DIKLATPIM_IV: 1,
}
_POSITION_ORDER = list(PositionLevel)

COLUMNS = (
    Column("order", "No. urut", "No.", width=7),
    NIP, NAME, BIRTH_DATE, *STANDING,
    Column("position_tmt", "TMT jabatan", "Position TMT", width=12),
    Column("service_years", "Masa kerja (tahun)", "Service years", width=9),
    Column("service_months", "Masa kerja (bulan)", "Service months", width=9),
    Column("leadership_training", "Diklat kepemimpinan", "Leadership training", width=16),
    Column("training_hours", "Jumlah JP diklat", "Training hours (JP)", width=9),
    Column("education", "Pendidikan", "Education", width=11),
    Column("education_date", "Tanggal ijazah", "Degree date", width=12),
    Column("age", "Usia", "Age", personal=True, width=6),
)


def birth_date_of(nip: str) -> date:
    """The birth date a NIP encodes in its first eight digits (domain.md §2)."""
    return date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


def facts_of_unit(source: ExportSource, unit_id: str) -> dict[str, PromotionFacts]:
    rows = source.read_models._query(
        "promotion", lambda c, g: promotion_queries.promotion_rows(c, g, unit_id=unit_id))
    return {row[0]: row[4] for row in rows}


def _leadership(facts: PromotionFacts) -> tuple[int, LeadershipProgram | None, int]:
    best: LeadershipProgram | None = None
    for training in facts.trainings:
        level = _PROGRAMME_LEVEL.get(training.program) if training.program else None
        if level is not None and (best is None or level > _PROGRAMME_LEVEL[best]):
            best = training.program
    hours = sum(t.hours for t in facts.trainings)
    return (_PROGRAMME_LEVEL[best] if best else 0), best, hours


def seniority_key(facts: PromotionFacts, nip: str) -> tuple[Any, ...]:
    """The DUK order as a sort key (ascending sorts the most senior first)."""
    position = facts.position
    position_rank = _POSITION_ORDER.index(position.level) if position else len(_POSITION_ORDER)
    level, _, hours = _leadership(facts)
    education = max(facts.education, key=lambda e: (e.level.value[1], -e.recognised_on.toordinal()),
                    default=None)
    return (
        -facts.rank.ordinal, facts.rank_tmt, position_rank, facts.cpns_tmt, -level, -hours,
        -(education.level.value[1] if education else 0),
        education.recognised_on if education else date.max, birth_date_of(nip), nip,
    )


def duk(source: ExportSource, unit_id: str, as_of: date | None = None) -> Report:
    day = as_of or source.today
    servants = {s["nip"]: s for s in source.unit_servants(unit_id)}
    facts = {nip: f for nip, f in facts_of_unit(source, unit_id).items() if nip in servants}
    ordered = sorted(facts, key=lambda nip: seniority_key(facts[nip], nip))

    def rows() -> Iterator[list[Any]]:
        for number, nip in enumerate(ordered, start=1):
            yield _row(number, servants[nip], facts[nip], day)

    return Report("duk", f"DUK {unit_id} per {day.isoformat()}", COLUMNS, rows(), len(ordered))


def _row(number: int, servant: dict[str, Any], facts: PromotionFacts, day: date) -> list[Any]:
    nip = servant["nip"]
    _, programme, hours = _leadership(facts)
    service = months_between(facts.cpns_tmt, day)
    education = max(facts.education, key=lambda e: e.level.value[1], default=None)
    position = facts.position
    born = birth_date_of(nip)
    return [
        number, nip, servant["name"], born, facts.rank.golongan, facts.rank.pangkat,
        facts.rank_tmt, servant["position_name"], position.level.name if position else None,
        position.tmt if position else None, service // 12, service % 12,
        programme.name if programme else None, hours,
        education.level.label if education else servant["highest_education"],
        education.recognised_on if education else None, months_between(born, day) // 12,
    ]
