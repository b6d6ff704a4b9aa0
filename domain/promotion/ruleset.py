"""The one versioned place for promotion rules, thresholds and merit weights (§7.0, §7.2, §8).

Everything a reviewer might need to change after checking the official text lives here as
data. Items domain.md marks [VERIFY] carry ``verify=True`` (or a VERIFY comment) and are
implemented as written until someone checks them against JDIH.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from domain.discipline import DisciplineLevel
from domain.rules.validity import RECORD_START, InForce
from domain.values import LeadershipProgram, PositionLevel, Predikat, ServantStatus

# PerBKN 2/2025 revoked the supervisor-rank condition (R8) for TMTs from this day on.
R8_REVOKED_FROM = date(2025, 5, 20)
R8_LAST_DAY = date(2025, 5, 19)


@dataclass(frozen=True)
class RuleDefinition(InForce):
    rule_id: str
    valid_from: date
    valid_to: date | None  # inclusive; None = still in force
    source: str
    text: str
    verify: bool = False


KP_REGULER_RULES: tuple[RuleDefinition, ...] = (
    # R0 is ours: it turns "IV/e has no next rank" into a visible failed rule, not an error.
    RuleDefinition(
        "R0",
        RECORD_START,
        None,
        "domain.md §3.1 [DESIGN]",
        "A next rank exists (IV/e is the top of the ladder).",
    ),
    RuleDefinition(
        "R1",
        RECORD_START,
        None,
        "Kep BKN 12/2002; PP 99/2000 [REG S13]",
        "At least 4 years in the current rank at the candidate TMT.",
    ),
    RuleDefinition(
        "R2",
        RECORD_START,
        None,
        "PP 99/2000; PerBKN 4/2025 [REG S13, S10]",
        "Annual predikat Sangat Baik or Baik in each of the two years before the TMT year.",
    ),
    RuleDefinition(
        "R3",
        RECORD_START,
        None,
        "PP 99/2000 jo. PP 12/2002; PerBKN 2/2025 [REG S11, S12]",
        "The next rank does not exceed the cap of the highest recognised ijazah.",
    ),
    RuleDefinition(
        "R4",
        RECORD_START,
        None,
        "domain.md §7.1 [REG]",
        "The candidate TMT is a legal promotion period date of the regime in force.",
    ),
    RuleDefinition(
        "R5",
        RECORD_START,
        None,
        "PP 94/2021; PerBKN 6/2022 Art. 55(1) [REG S17, VERIFY]",
        "No moderate (sedang) or severe (berat) discipline penalty runs at the candidate TMT.",
        verify=True,
    ),
    RuleDefinition(
        "R6",
        RECORD_START,
        None,
        "Perka BKN 21/2010 [S17, VERIFY under PP 94/2021]",
        "No discipline investigation is open.",
        verify=True,
    ),
    RuleDefinition(
        "R7",
        RECORD_START,
        None,
        "domain.md §3.9, §7.5 [DESIGN; retirement TMT VERIFY]",
        "The servant is an active PNS and the candidate TMT is before any retirement TMT.",
        verify=True,
    ),
    RuleDefinition(
        "R8",
        RECORD_START,
        R8_LAST_DAY,
        "Kep BKN 12/2002 [REG S13]; revoked by PerBKN 2/2025 [S11]",
        "The next rank does not exceed the rank of the direct supervisor (atasan langsung).",
    ),
)
# Not implemented: the ujian dinas for crossing II→III and III→IV (domain.md §7.2, VERIFY).


@dataclass(frozen=True)
class RuleSetVersion:
    """A span of candidate TMTs over which the same rules and period regime apply."""

    version: str
    valid_from: date
    valid_to: date | None


# A new version starts whenever a rule or the period regime (§7.1) changes.
KP_REGULER_VERSIONS: tuple[RuleSetVersion, ...] = (
    RuleSetVersion("KP-REGULER-2002.1", RECORD_START, date(2023, 12, 31)),
    RuleSetVersion("KP-REGULER-2024.1", date(2024, 1, 1), date(2025, 5, 19)),
    RuleSetVersion("KP-REGULER-2025.1", R8_REVOKED_FROM, date(2025, 9, 30)),
    RuleSetVersion("KP-REGULER-2025.2", date(2025, 10, 1), None),
)


def rules_in_force(candidate_tmt: date) -> tuple[RuleDefinition, ...]:
    return tuple(rule for rule in KP_REGULER_RULES if rule.covers(candidate_tmt))


def rule_set_version(candidate_tmt: date) -> str:
    for span in KP_REGULER_VERSIONS:
        if span.valid_from <= candidate_tmt and (
            span.valid_to is None or candidate_tmt <= span.valid_to
        ):
            return span.version
    raise AssertionError(f"no KP reguler rule set covers {candidate_tmt}")


MIN_YEARS_IN_RANK = 4
GOOD_PREDIKAT = frozenset({Predikat.SANGAT_BAIK, Predikat.BAIK})
BLOCKING_PENALTY_LEVELS = frozenset({DisciplineLevel.SEDANG, DisciplineLevel.BERAT})
# ServantStatus has no kedudukanHukum detail yet: an appointed PNS stands for AKTIF and
# TUGAS_BELAJAR; a CPNS is not yet entitled to KP reguler.
ELIGIBLE_STATUSES = frozenset({ServantStatus.PNS})

# --- Merit view (§8) -------------------------------------------------------------------------

MERIT_VERSION = "MERIT-2026.1"
MERIT_WEIGHTS: MappingProxyType[str, float] = MappingProxyType(
    {"P": 40.0, "C": 20.0, "D": 20.0, "E": 10.0, "I": 10.0}
)
PREDIKAT_POINTS: MappingProxyType[Predikat, float] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: 100.0,
        Predikat.BAIK: 75.0,
        Predikat.BUTUH_PERBAIKAN: 40.0,
        Predikat.KURANG: 15.0,
        Predikat.SANGAT_KURANG: 0.0,
    }
)
# Weight of the last year and of the year before it.
PERFORMANCE_YEAR_WEIGHTS = (0.6, 0.4)

# Nine-box numbering follows public implementations (§3.8, VERIFY): change it only here.
TALENT_BOX_VERIFY = True
TALENT_BOX_POINTS: MappingProxyType[int, float] = MappingProxyType(
    {9: 100.0, 8: 85.0, 7: 80.0, 5: 60.0, 6: 55.0, 4: 50.0, 3: 30.0, 2: 25.0, 1: 0.0}
)

ANNUAL_JP_TARGET = 20  # PP 11/2017 Art. 203: at least 20 JP per year
DEVELOPMENT_YEARS = 3
LEADERSHIP_BONUS = 10.0
POSITIVE_EVALUATION_BONUS = 5.0  # no TrainingEvaluated event exists yet, so never granted
DEVELOPMENT_CAP = 100.0

MINIMUM_MONTHS_IN_RANK = MIN_YEARS_IN_RANK * 12
EXPERIENCE_FULL_AFTER_MONTHS = 24  # months beyond the minimum that earn the full 100


@dataclass(frozen=True)
class IntegrityDeduction:
    level: DisciplineLevel
    points: float
    window_months: int
    measured_from_end: bool  # ringan counts from its date, sedang/berat from their end


INTEGRITY_DEDUCTIONS: tuple[IntegrityDeduction, ...] = (
    IntegrityDeduction(DisciplineLevel.RINGAN, 15.0, 12, measured_from_end=False),
    IntegrityDeduction(DisciplineLevel.SEDANG, 40.0, 24, measured_from_end=True),
    IntegrityDeduction(DisciplineLevel.BERAT, 70.0, 36, measured_from_end=True),
)

# The managerial level a servant would move to next. A pelaksana's first managerial step is
# pengawas. A functional official is placed by the penyetaraan equivalences of PermenPANRB
# 17/2021 (Ahli Muda ≈ pengawas, Ahli Madya ≈ administrator, Ahli Utama ≈ JPT pratama) and
# targets the level above; Ahli Pertama and the skilled track sit below pengawas
# (eselon V → Ahli Pertama is VERIFY). JPT utama has nowhere higher to go.
TARGET_LEVEL_VERIFY = True
NEXT_MANAGERIAL_LEVEL: MappingProxyType[PositionLevel, PositionLevel | None] = MappingProxyType(
    {
        PositionLevel.PELAKSANA: PositionLevel.PENGAWAS,
        PositionLevel.PENGAWAS: PositionLevel.ADMINISTRATOR,
        PositionLevel.ADMINISTRATOR: PositionLevel.JPT_PRATAMA,
        PositionLevel.JPT_PRATAMA: PositionLevel.JPT_MADYA,
        PositionLevel.JPT_MADYA: PositionLevel.JPT_UTAMA,
        PositionLevel.JPT_UTAMA: None,
    }
)
# Functional levels keyed by FunctionalLevel.code, mapped to the level they target.
FUNCTIONAL_TARGET_LEVEL: MappingProxyType[str, PositionLevel] = MappingProxyType(
    {
        "PM": PositionLevel.PENGAWAS,
        "TR": PositionLevel.PENGAWAS,
        "MH": PositionLevel.PENGAWAS,
        "PY": PositionLevel.PENGAWAS,
        "PT": PositionLevel.PENGAWAS,
        "MU": PositionLevel.ADMINISTRATOR,
        "MA": PositionLevel.JPT_PRATAMA,
        "UT": PositionLevel.JPT_MADYA,
    }
)
# LAN programmes per target level, with the legacy Diklatpim they replaced (PerLAN 15/2019)
# so that servants trained before 2019 are not penalised. No programme exists for JPT utama;
# PKN I, the highest, counts for it.
LEADERSHIP_PROGRAMS_FOR_LEVEL: MappingProxyType[PositionLevel, frozenset[LeadershipProgram]] = (
    MappingProxyType(
        {
            PositionLevel.PENGAWAS: frozenset(
                {LeadershipProgram.PKP, LeadershipProgram.DIKLATPIM_IV}
            ),
            PositionLevel.ADMINISTRATOR: frozenset(
                {LeadershipProgram.PKA, LeadershipProgram.DIKLATPIM_III}
            ),
            PositionLevel.JPT_PRATAMA: frozenset(
                {LeadershipProgram.PKN_II, LeadershipProgram.DIKLATPIM_II}
            ),
            PositionLevel.JPT_MADYA: frozenset(
                {LeadershipProgram.PKN_I, LeadershipProgram.DIKLATPIM_I}
            ),
            PositionLevel.JPT_UTAMA: frozenset(
                {LeadershipProgram.PKN_I, LeadershipProgram.DIKLATPIM_I}
            ),
        }
    )
)
