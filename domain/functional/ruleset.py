"""The promotion rules of functional careers as versioned data (§7.0, §7.3, §7.4).

Everything a reviewer might change after checking the official text lives here. Items
domain.md marks [VERIFY] carry ``verify=True``.
"""

from __future__ import annotations

from datetime import date

from domain.functional.verdict import Rule, RuleSetVersion
from domain.rules.validity import RECORD_START

_S14 = "PermenPANRB 1/2023 [REG S14]"
KP_JF_RULES: tuple[Rule, ...] = (
    Rule(
        "F0",
        RECORD_START,
        None,
        "domain.md §3.3, PermenPANRB 1/2023 ranges [DESIGN]",
        "A next rank exists within the rank range of the level held at the TMT.",
        # §7.3 says the rank may still rise when the next level has no vacancy; whether that
        # lets it pass the level's range is not in domain.md [VERIFY].
        verify=True,
    ),
    Rule(
        "F1",
        RECORD_START,
        None,
        _S14,
        "Credit accumulated since the last rank step reaches AKK for the current rank.",
    ),
    Rule(
        "F2",
        RECORD_START,
        None,
        f"{_S14}; KP reguler R2, R4-R7",
        "KP reguler's R2 and R4-R7 pass at the candidate TMT.",
    ),
    Rule(
        "F3",
        RECORD_START,
        None,
        "PP 99/2000 Art. 13 [REG S13; VERIFY whether still applied]",
        "At least 2 years in the current rank.",
        verify=True,
    ),
)
LEVEL_STEP_RULES: tuple[Rule, ...] = (
    Rule(
        "J1",
        RECORD_START,
        None,
        _S14,
        "Credit accumulated reaches the credit for the step to the next level.",
    ),
    Rule(
        "J2",
        RECORD_START,
        None,
        f"{_S14}: uji kompetensi for kenaikan jenjang",
        "The competency test for the next level is passed.",
    ),
    Rule(
        "J3",
        RECORD_START,
        None,
        f"{_S14}: without a vacancy only the rank may rise",
        "A vacancy (formasi) exists at the next level.",
    ),
)
# A new version starts where the credit tables change (PermenPANRB 1/2023).
JF_VERSIONS: tuple[RuleSetVersion, ...] = (
    RuleSetVersion("KP-JF-2002.1", RECORD_START, date(2022, 12, 31)),
    RuleSetVersion("KP-JF-2023.1", date(2023, 1, 1), None),
)
F2_REGULER_RULES = ("R2", "R4", "R5", "R6", "R7")
F3_MIN_MONTHS = 24

_S13 = "Kep BKN 12/2002; PP 99/2000 [REG S13]"
STRUCTURAL_RULES: tuple[Rule, ...] = (
    Rule(
        "S1",
        RECORD_START,
        None,
        _S13,
        "The rank is one step below the lowest rank of the structural position held.",
    ),
    Rule("S2", RECORD_START, None, _S13, "At least 1 year in the current rank."),
    Rule("S3", RECORD_START, None, _S13, "At least 1 year in the structural position."),
    Rule(
        "S4",
        RECORD_START,
        None,
        _S13,
        "Annual predikat Baik or better in each of the two years before the TMT year.",
    ),
)
IJAZAH_RULES: tuple[Rule, ...] = (
    # P0 is ours: type 203 jumps to the diploma's entry rank (§5 rule 5), so there must be one.
    Rule(
        "P0",
        RECORD_START,
        None,
        "domain.md §5 rule 5 [DESIGN]",
        "The new diploma's entry rank is above the current rank.",
    ),
    Rule("P1", RECORD_START, None, _S13, "At least 1 year in the current rank."),
    Rule("P2", RECORD_START, None, _S13, "The duties match the new diploma."),
    Rule(
        "P3",
        RECORD_START,
        None,
        _S13,
        "Annual predikat Baik or better in the year before the TMT year.",
    ),
    Rule("P4", RECORD_START, None, _S13, "The education-adjustment exam (UKPPI) is passed."),
)
PILIHAN_VERSIONS: tuple[RuleSetVersion, ...] = (
    RuleSetVersion("KP-PILIHAN-2002.1", RECORD_START, None),
)
MIN_MONTHS_IN_RANK_PILIHAN = 12
MIN_MONTHS_IN_POSITION_STRUCTURAL = 12
