"""Gap analysis and Job Person Match against the standard in force at a date (§6.2).

Gap per competency = required - attained (positive = shortfall). JPM = sum of
min(attained, required) / sum of required, as a percentage ([VERIFY formula]). The JPM is
computed only when every required competency has an attained level: a missing assessment
is named, never counted as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from domain.competence import errors
from domain.competence.assessment import CompetencyAssessment, attained_levels
from domain.competence.errors import CompetenceError
from domain.competence.standards import PositionStandard
from domain.rules.validity import InForce

JPM_FORMULA_VERIFY = True


@dataclass(frozen=True)
class JpmBand:
    min_percent: int  # inclusive lower bound
    category: str
    label: str


@dataclass(frozen=True)
class JpmThresholds(InForce):
    """JPM categories of one instrument, highest band first, versioned by date."""

    thresholds_id: str
    instrument: str
    valid_from: date
    valid_to: date | None
    bands: tuple[JpmBand, ...]
    source: str
    verify: bool

    def category_for(self, percent: Fraction) -> JpmBand:
        for band in self.bands:
            if percent >= band.min_percent:
                return band
        return self.bands[-1]


JPM_THRESHOLDS: tuple[JpmThresholds, ...] = (
    JpmThresholds(
        "JPM-UJIKOM-2020",
        "UJI_KOMPETENSI",
        # The regulation is of 2020; its day of enactment is not checked, hence 1 Jan [VERIFY].
        date(2020, 1, 1),
        None,
        (
            JpmBand(80, "MS", "Memenuhi syarat"),
            JpmBand(68, "MMS", "Masih memenuhi syarat"),
            JpmBand(0, "KMS", "Kurang memenuhi syarat"),
        ),
        "Regulation No. 35/2020 (Berita Negara), uji kompetensi annex [REG S25; VERIFY issuer]",
        verify=True,
    ),
    # Assessment-centre bands (optimal / cukup optimal / kurang optimal) differ by report and
    # are [VERIFY] in domain.md §6.2 without figures: add them here once checked.
)


@dataclass(frozen=True)
class GapLine:
    competency: str
    required: int
    attained: int | None
    assessment_id: str | None

    @property
    def gap(self) -> int | None:
        return None if self.attained is None else self.required - self.attained

    @property
    def is_shortfall(self) -> bool:
        return self.attained is not None and self.attained < self.required


@dataclass(frozen=True)
class GapAnalysis:
    standard_id: str
    position: str
    as_of: date
    lines: tuple[GapLine, ...]
    jpm_percent: Decimal | None  # two decimals; None while a competency is unassessed
    category: JpmBand | None
    thresholds_id: str | None
    source: str

    @property
    def shortfalls(self) -> tuple[GapLine, ...]:
        return tuple(line for line in self.lines if line.is_shortfall)

    @property
    def unassessed(self) -> tuple[str, ...]:
        return tuple(line.competency for line in self.lines if line.attained is None)

    @property
    def evidence(self) -> tuple[str, ...]:
        """The standard and every assessment the analysis read, each once, in line order."""
        ids = [self.standard_id]
        for line in self.lines:
            if line.assessment_id is not None and line.assessment_id not in ids:
                ids.append(line.assessment_id)
        return tuple(ids)


def thresholds_at(
    day: date, instrument: str, table: Iterable[JpmThresholds] = JPM_THRESHOLDS
) -> JpmThresholds | None:
    for thresholds in table:
        if thresholds.instrument == instrument and thresholds.covers(day):
            return thresholds
    return None


def job_person_match(lines: Iterable[GapLine]) -> Fraction | None:
    """Exact JPM percentage, or None if a line is unassessed or nothing is required."""
    matched = required = 0
    for line in lines:
        if line.attained is None:
            return None
        matched += min(line.attained, line.required)
        required += line.required
    return None if required == 0 else Fraction(100 * matched, required)


def analyse_gap(
    standard: PositionStandard,
    assessments: Iterable[CompetencyAssessment],
    as_of: date,
    instrument: str = "UJI_KOMPETENSI",
    table: Iterable[JpmThresholds] = JPM_THRESHOLDS,
) -> GapAnalysis:
    """Attained (latest assessment on or before ``as_of``) against ``standard``'s levels."""
    if not standard.covers(as_of):
        raise CompetenceError(
            errors.STANDARD_NOT_IN_FORCE,
            f"Standard {standard.standard_id} is not in force on {as_of}.",
            "asOf",
        )
    attained = attained_levels(assessments, as_of)
    lines = []
    for code, required in standard.required:
        found = attained.get(code)
        lines.append(
            GapLine(
                code,
                required,
                None if found is None else found.level,
                None if found is None else found.assessment_id,
            )
        )
    percent = job_person_match(lines)
    thresholds = thresholds_at(as_of, instrument, table)
    band = None if percent is None or thresholds is None else thresholds.category_for(percent)
    shown = None if percent is None else _two_decimals(percent)
    source = "domain.md §6.2 [DESIGN; formula VERIFY]"
    if thresholds is not None:
        source += f"; {thresholds.source}"
    return GapAnalysis(
        standard_id=standard.standard_id,
        position=standard.position,
        as_of=as_of,
        lines=tuple(lines),
        jpm_percent=shown,
        category=band,
        thresholds_id=None if thresholds is None else thresholds.thresholds_id,
        source=source,
    )


def _two_decimals(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
