"""The nine-box talent grid (domain.md §3.8, §6.3; PermenPANRB 3/2020 jo. 20/2025 [REG S6])."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import MappingProxyType

from domain.competence import errors
from domain.competence.errors import CompetenceError
from domain.notes import noted
from domain.values import Predikat


@noted(
    "The performance axis of the nine-box talent map, from the appraisals.",
    ABOVE="Performance above expectations.",
    MEETS="Performance as expected.",
    BELOW="Performance below expectations.",
)
class PerformanceAxis(Enum):
    ABOVE = "ABOVE"  # di atas ekspektasi
    MEETS = "MEETS"  # sesuai ekspektasi
    BELOW = "BELOW"  # di bawah ekspektasi


@noted(
    "The potential axis of the nine-box talent map, from the potential assessment.",
    HIGH="High potential.",
    MEDIUM="Medium potential.",
    LOW="Low potential.",
)
class PotentialAxis(Enum):
    HIGH = "HIGH"  # tinggi
    MEDIUM = "MEDIUM"  # menengah
    LOW = "LOW"  # rendah


_P, _Q = PerformanceAxis, PotentialAxis
# The numbering follows public implementations, not the regulation's own text (§3.8 VERIFY):
# change it only here.
NINE_BOX_VERIFY = True
NINE_BOX_SOURCE = (
    "PermenPANRB 3/2020 jo. 20/2025 [REG S6]; numbering per public implementations [VERIFY]"
)
NINE_BOX: MappingProxyType[tuple[PerformanceAxis, PotentialAxis], int] = MappingProxyType(
    {
        (_P.ABOVE, _Q.HIGH): 9,
        (_P.MEETS, _Q.HIGH): 8,
        (_P.ABOVE, _Q.MEDIUM): 7,
        (_P.BELOW, _Q.HIGH): 6,
        (_P.MEETS, _Q.MEDIUM): 5,
        (_P.ABOVE, _Q.LOW): 4,
        (_P.BELOW, _Q.MEDIUM): 3,
        (_P.MEETS, _Q.LOW): 2,
        (_P.BELOW, _Q.LOW): 1,
    }
)
AXES_OF_BOX: MappingProxyType[int, tuple[PerformanceAxis, PotentialAxis]] = MappingProxyType(
    {box: axes for axes, box in NINE_BOX.items()}
)

# Succession candidates: boxes 7-9 by default, 8-9 where an agency's policy is stricter (§6.3).
TALENT_POOL_BOXES: MappingProxyType[str, frozenset[int]] = MappingProxyType(
    {"DEFAULT": frozenset({7, 8, 9}), "STRICT": frozenset({8, 9})}
)


# Performance axis from the annual predikat as talent-management practice reads it: Sangat Baik
# is above expectation, Baik meets it, anything lower is below [DESIGN; VERIFY against S6].
PERFORMANCE_AXIS_VERIFY = True
PERFORMANCE_AXIS_OF_PREDIKAT: MappingProxyType[Predikat, PerformanceAxis] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: _P.ABOVE,
        Predikat.BAIK: _P.MEETS,
        Predikat.BUTUH_PERBAIKAN: _P.BELOW,
        Predikat.KURANG: _P.BELOW,
        Predikat.SANGAT_KURANG: _P.BELOW,
    }
)


@dataclass(frozen=True)
class PotentialAssessment:
    """A PotentialAssessed record: the potential category with the assessor and its items."""

    assessment_id: str
    assessed_on: date
    assessor_body: str
    potential: PotentialAxis
    items: tuple[tuple[str, int], ...] = ()  # the instrument's own items and scores
    document_hash: str = ""


@dataclass(frozen=True)
class TalentMapping:
    """A TalentMapped record: the box, both axes, their inputs (evidence ids) and the period."""

    box: int
    performance: PerformanceAxis
    potential: PotentialAxis
    period_start: date
    period_end: date
    inputs: tuple[str, ...]


def box_for(performance: PerformanceAxis, potential: PotentialAxis) -> int:
    return NINE_BOX[(performance, potential)]


def axes_of(box: int) -> tuple[PerformanceAxis, PotentialAxis]:
    if isinstance(box, bool) or box not in AXES_OF_BOX:
        raise CompetenceError(errors.INVALID_TALENT_BOX, f"Talent box {box!r} is not 1-9.", "box")
    return AXES_OF_BOX[box]


def check_claimed_box(box: int, performance: PerformanceAxis, potential: PotentialAxis) -> int:
    """A recorded box must be the one its two axes give; a contradiction is rejected."""
    claimed = axes_of(box)
    expected = box_for(performance, potential)
    if box != expected:
        raise CompetenceError(
            errors.TALENT_BOX_CONTRADICTS_AXES,
            f"Box {box} means performance {claimed[0].value} / potential {claimed[1].value}, "
            f"but the axes given are {performance.value} / {potential.value} (box {expected}).",
            "box",
        )
    return box


def map_talent(
    performance: PerformanceAxis,
    potential: PotentialAxis,
    period_start: date,
    period_end: date,
    inputs: tuple[str, ...],
    claimed_box: int | None = None,
) -> TalentMapping:
    """The mapping for two axes; a ``claimed_box`` (e.g. from SIASN) must agree with them."""
    if period_end < period_start:
        raise CompetenceError(
            errors.INVALID_VALIDITY,
            f"The talent period ends ({period_end}) before it starts ({period_start}).",
            "periodEnd",
        )
    box = box_for(performance, potential)
    if claimed_box is not None:
        check_claimed_box(claimed_box, performance, potential)
    return TalentMapping(box, performance, potential, period_start, period_end, inputs)


def performance_axis_for(predikat: Predikat) -> PerformanceAxis:
    return PERFORMANCE_AXIS_OF_PREDIKAT[predikat]


def in_talent_pool(box: int, policy: str = "DEFAULT") -> bool:
    axes_of(box)
    return box in TALENT_POOL_BOXES[policy]
