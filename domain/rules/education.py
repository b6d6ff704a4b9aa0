"""Education (domain.md §3.2): entry rank and KP reguler cap per ijazah, versioned by TMT, and
the one definition of the highest recognised ijazah that admission and eligibility share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from domain.rules.validity import RECORD_START, InForce
from domain.values import EducationLevel, Rank

LATEST_DAY = date(2199, 12, 31)  # "after every TMT": the last day a date may name

_L, _R = EducationLevel, Rank


@dataclass(frozen=True)
class EducationTable(InForce):
    """The §3.2 table as in force for TMTs from ``valid_from`` to ``valid_to`` (inclusive)."""

    rule_id: str
    valid_from: date
    valid_to: date | None
    source: str
    entry: Mapping[EducationLevel, Rank]
    cap: Mapping[EducationLevel, Rank]


def _rows(rows: dict[EducationLevel, tuple[Rank, Rank]]) -> tuple[Mapping[EducationLevel, Rank], ...]:
    return (MappingProxyType({k: v[0] for k, v in rows.items()}),
            MappingProxyType({k: v[1] for k, v in rows.items()}))


_ENTRY_2002, _CAP_2002 = _rows({
    _L.SD: (_R.I_A, _R.II_A), _L.SLTP: (_R.I_C, _R.II_C), _L.SLTP_KEJURUAN: (_R.I_C, _R.II_D),
    _L.SLTA: (_R.II_A, _R.III_B), _L.SLTA_KEJURUAN: (_R.II_A, _R.III_B),
    _L.D1: (_R.II_A, _R.III_B), _L.D2: (_R.II_B, _R.III_B), _L.SGPLB: (_R.II_B, _R.III_C),
    _L.D3: (_R.II_C, _R.III_C), _L.SARJANA_MUDA: (_R.II_C, _R.III_C),
    _L.AKADEMI: (_R.II_C, _R.III_C), _L.S1: (_R.III_A, _R.III_D), _L.D4: (_R.III_A, _R.III_D),
    _L.S2: (_R.III_B, _R.IV_A), _L.DOKTER: (_R.III_B, _R.IV_A),
    _L.APOTEKER: (_R.III_B, _R.IV_A), _L.S3: (_R.III_C, _R.IV_B),
})

# A corrected table is added here with its own span; events admitted under an earlier table
# keep their verdicts (admission never re-judges them), eligibility reads the new one.
EDUCATION_TABLES: tuple[EducationTable, ...] = (
    EducationTable(
        "EDU-2002", RECORD_START, None,
        "PP 99/2000 jo. PP 12/2002 [S12]; caps restated in PerBKN 2/2025 [S11]; "
        "SLTP entry I/b in one source [VERIFY]",
        _ENTRY_2002, _CAP_2002,
    ),
)


def table_at(day: date, tables: Iterable[EducationTable] | None = None) -> EducationTable:
    """The table in force on ``day`` (of ``EDUCATION_TABLES`` unless others are given)."""
    for table in EDUCATION_TABLES if tables is None else tables:
        if table.covers(day):
            return table
    raise AssertionError(f"no education table covers {day}")


def entry_rank(level: EducationLevel, day: date = LATEST_DAY) -> Rank:
    return table_at(day).entry[level]


def cap_rank(level: EducationLevel, day: date = LATEST_DAY) -> Rank:
    return table_at(day).cap[level]


def highest_recognised(
    education: Iterable[tuple[EducationLevel, date]], day: date
) -> EducationLevel | None:
    """The highest ijazah recognised by ``day``: the one whose cap in the table in force on
    ``day`` is highest, then the higher tier (equal tiers are alternatives, such as D-II and
    SGPLB, and the better cap counts). The first recorded wins a full tie. None if none yet."""
    table = table_at(day)
    best: EducationLevel | None = None
    for level, recognised_on in education:
        if recognised_on > day:
            continue
        if best is None or _rank_of(level, table) > _rank_of(best, table):
            best = level
    return best


def _rank_of(level: EducationLevel, table: EducationTable) -> tuple[int, int]:
    return table.cap[level].ordinal, level.tier
