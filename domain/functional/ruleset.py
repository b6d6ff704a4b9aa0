"""The promotion rules of functional careers as versioned data (§7.0, §7.3, §7.4).

Everything a reviewer might change after checking the official text lives here. Items
domain.md marks [VERIFY] carry ``verify=True``.
"""

from __future__ import annotations

from datetime import date

from domain.functional.verdict import Rule, RuleSetVersion
from domain.rules.validity import RECORD_START


def _open_ended(rule_id: str, source: str, text: str, verify: bool = False) -> Rule:
    """A rule with no known start or end: in force for every TMT the record can hold. A rule
    that starts or ends is written as ``Rule(...)`` with its ``valid_from`` and ``valid_to``."""
    return Rule(rule_id, RECORD_START, None, source, text, verify)


_S14 = "PermenPANRB 1/2023 [REG S14]"
KP_JF_RULES: tuple[Rule, ...] = (
    # §7.3 says the rank may still rise when the next level has no vacancy; whether that
    # lets it pass the level's range is not in domain.md [VERIFY].
    _open_ended("F0", "domain.md §3.3, PermenPANRB 1/2023 ranges [DESIGN]",
                "A next rank exists within the rank range of the level held at the TMT.",
                verify=True),
    _open_ended("F1", _S14,
                "Credit accumulated since the last rank step reaches AKK for the current rank."),
    _open_ended("F2", f"{_S14}; KP reguler R2, R4-R7",
                "KP reguler's R2 and R4-R7 pass at the candidate TMT."),
    _open_ended("F3", "PP 99/2000 Art. 13 [REG S13; VERIFY whether still applied]",
                "At least 2 years in the current rank.", verify=True),
)
LEVEL_STEP_RULES: tuple[Rule, ...] = (
    _open_ended("J1", _S14,
                "Credit accumulated reaches the credit for the step to the next level."),
    _open_ended("J2", f"{_S14}: uji kompetensi for kenaikan jenjang",
                "The competency test for the next level is passed."),
    _open_ended("J3", f"{_S14}: without a vacancy only the rank may rise",
                "A vacancy (formasi) exists at the next level."),
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
    _open_ended("S1", _S13,
                "The rank is one step below the lowest rank of the structural position held."),
    _open_ended("S2", _S13, "At least 1 year in the current rank."),
    _open_ended("S3", _S13, "At least 1 year in the structural position."),
    _open_ended("S4", _S13,
                "Annual predikat Baik or better in each of the two years before the TMT year."),
)
IJAZAH_RULES: tuple[Rule, ...] = (
    # P0 is ours: type 203 jumps to the diploma's entry rank (§5 rule 5), so there must be one.
    _open_ended("P0", "domain.md §5 rule 5 [DESIGN]",
                "The new diploma's entry rank is above the current rank."),
    _open_ended("P1", _S13, "At least 1 year in the current rank."),
    _open_ended("P2", _S13, "The duties match the new diploma."),
    _open_ended("P3", _S13, "Annual predikat Baik or better in the year before the TMT year."),
    _open_ended("P4", _S13, "The education-adjustment exam (UKPPI) is passed."),
)
PILIHAN_VERSIONS: tuple[RuleSetVersion, ...] = (
    RuleSetVersion("KP-PILIHAN-2002.1", RECORD_START, None),
)
MIN_MONTHS_IN_RANK_PILIHAN = 12
MIN_MONTHS_IN_POSITION_STRUCTURAL = 12
