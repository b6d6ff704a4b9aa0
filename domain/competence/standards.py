"""Position competency standards (standar kompetensi jabatan) as versioned data (§6.1).

A standard is a legally based act: it carries its SK and a validity period, and agencies
revise it, so an audit asks "which standard was in force on D", never "the standard".
A revision is a new standard with a later ``valid_from``; it supersedes an open-ended
earlier one from that day without editing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from domain.competence import errors
from domain.competence.dictionary import MANAGERIAL, CompetencyDictionary, check_some_levels
from domain.competence.errors import CompetenceError
from domain.rules.validity import InForce
from domain.values import EducationLevel, Rank


@dataclass(frozen=True)
class LegalBasis:
    sk_number: str
    sk_date: date
    issuer: str


@dataclass(frozen=True)
class PositionRequirements:
    """The non-competency requirements of a position (rank, education, training, experience).

    ``trainings`` holds programme codes: LeadershipProgram names (PKP, PKA, PKN_II, ...) or
    the agency's codes for functional and technical training.
    """

    min_rank: Rank | None = None
    min_education: EducationLevel | None = None
    education_fields: tuple[str, ...] = ()
    trainings: frozenset[str] = frozenset()
    min_experience_months: int = 0
    experience_note: str = ""


@dataclass(frozen=True)
class PositionStandard(InForce):
    """Required level per competency for a position (or position class), valid in a period."""

    standard_id: str
    position: str
    valid_from: date
    valid_to: date | None  # inclusive; None = until revised
    legal_basis: LegalBasis
    required: tuple[tuple[str, int], ...]
    requirements: PositionRequirements = field(default_factory=PositionRequirements)

    @property
    def required_levels(self) -> MappingProxyType[str, int]:
        return MappingProxyType(dict(self.required))


def validate_standard(
    standard: PositionStandard, dictionary: CompetencyDictionary
) -> PositionStandard:
    """Reject a standard with unknown competencies, levels outside 1-5 or a reversed period."""
    check_some_levels(
        standard.required, dictionary, errors.EMPTY_STANDARD,
        f"Standard {standard.standard_id} requires no competency.", "required")
    if standard.valid_to is not None and standard.valid_to < standard.valid_from:
        raise CompetenceError(
            errors.INVALID_VALIDITY,
            f"Standard {standard.standard_id} ends ({standard.valid_to}) before it starts "
            f"({standard.valid_from}).",
            "validTo",
        )
    if standard.requirements.min_experience_months < 0:
        raise CompetenceError(
            errors.INVALID_VALIDITY, "Required experience cannot be negative.", "experience"
        )
    return standard


def check_no_conflict(
    existing: Iterable[PositionStandard], candidate: PositionStandard
) -> PositionStandard:
    """Two standards of one position may not start on the same day: "in force" would be moot."""
    for standard in existing:
        if standard.position == candidate.position and (
            standard.valid_from == candidate.valid_from
        ):
            raise CompetenceError(
                errors.OVERLAPPING_STANDARD,
                f"Position {candidate.position} already has standard {standard.standard_id} "
                f"from {standard.valid_from}; record a revision with a later start date.",
                "validFrom",
            )
    return candidate


def standard_in_force(
    standards: Iterable[PositionStandard], position: str, day: date
) -> PositionStandard | None:
    """The standard of ``position`` in force on ``day``: the latest-starting one covering it."""
    found: PositionStandard | None = None
    for standard in standards:
        if standard.position != position or not standard.covers(day):
            continue
        if found is None or standard.valid_from > found.valid_from:
            found = standard
    return found


# Managerial level commonly cited per position level (domain.md §6.1, [VERIFY]). Agencies set
# their own standards; this only seeds a standard when nothing better is recorded.
TYPICAL_LEVELS_VERIFY = True
TYPICAL_LEVELS_SOURCE = "domain.md §6.1, as commonly cited under PermenPANRB 38/2017 [VERIFY]"
TYPICAL_MANAGERIAL_LEVEL: MappingProxyType[str, int] = MappingProxyType(
    {
        "JPT_UTAMA": 5,
        "JPT_MADYA": 5,
        "JPT_PRATAMA": 4,
        "ADMINISTRATOR": 3,
        "PENGAWAS": 2,
        "PELAKSANA": 1,
        "UT": 4,
        "MA": 3,
        "MU": 2,
        "PT": 1,
        # Skilled JF "1-2" [VERIFY]: the lower bound until the official table is checked.
        "PY": 1,
        "MH": 1,
        "TR": 1,
        "PM": 1,
    }
)


def typical_managerial_levels(level_key: str) -> tuple[tuple[str, int], ...]:
    """Every managerial competency at the commonly cited level for a position level key
    (PositionLevel name or FunctionalLevel code)."""
    level = TYPICAL_MANAGERIAL_LEVEL[level_key]
    return tuple((competency.code, level) for competency in MANAGERIAL)
