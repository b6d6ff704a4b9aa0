"""What the fold derives for one servant: plain data, no rules (domain.md §3, §4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.competence.assessment import CompetencyAssessment
from domain.competence.evaluation import TrainingEvaluation
from domain.discipline import DisciplineLevel, PenaltyType
from domain.events.career import LegalStatus
from domain.rules.education import LATEST_DAY, highest_recognised
from domain.values import (
    EducationLevel,
    FunctionalLevel,
    Gender,
    LeadershipProgram,
    PositionKind,
    PositionLevel,
    Predikat,
    PromotionType,
    Rank,
    ServantStatus,
    TerminationReason,
    TrainingKind,
)


@dataclass
class RankPeriod:
    rank: Rank
    tmt: date
    promotion_type: PromotionType | None  # None for a demotion (RankDemoted)
    version: int


@dataclass
class PositionState:
    kind: PositionKind
    level: PositionLevel
    name: str
    functional_level: FunctionalLevel | None
    unit_id: str
    unit_name: str
    tmt: date
    supervisor_rank: Rank | None
    version: int


@dataclass
class PenaltyState:
    penalty_type: PenaltyType
    level: DisciplineLevel
    start: date
    end: date | None
    version: int
    annulled_on: date | None = None
    annulled_by: int | None = None


@dataclass
class InvestigationState:
    """A disciplinary examination: open from ``opened_on`` until a closing event, if any."""

    alleged_level: DisciplineLevel
    opened_on: date
    version: int
    closed_on: date | None = None
    closed_by: int | None = None


@dataclass
class CreditState:
    """A PAK as recorded: the period it covers, the credit and the level it was for."""

    period_start: date
    period_end: date
    credit: Decimal
    level: FunctionalLevel | None
    version: int


@dataclass
class TalentState:
    """A nine-box mapping as recorded (the box agrees with its axes: admission checked)."""

    box: int
    performance: str
    potential: str
    period_start: date
    period_end: date
    tmt: date
    version: int


@dataclass
class LegalStatusPeriod:
    """A kedudukan hukum (LegalStatusChanged) from its TMT, until ``until`` (exclusive) if known."""

    legal_status: LegalStatus
    tmt: date
    until: date | None
    version: int

    def covers(self, day: date) -> bool:
        return self.tmt <= day and (self.until is None or day < self.until)


@dataclass
class ServantState:
    nip: str
    name: str
    birth_date: date
    gender: Gender
    cpns_tmt: date
    institution_id: str
    institution_name: str
    unit_id: str
    unit_name: str
    rank: Rank
    rank_tmt: date
    status: ServantStatus = ServantStatus.CPNS
    status_tmt: date | None = None
    status_version: int = 1
    pns_tmt: date | None = None
    exit_reason: TerminationReason | None = None
    ranks: list[RankPeriod] = field(default_factory=list)
    position: PositionState | None = None
    # (level, recognised on, version); the appointment's education comes first.
    education: list[tuple[EducationLevel, date, int]] = field(default_factory=list)
    appraisals: dict[int, list[tuple[Predikat, int]]] = field(default_factory=dict)
    trainings: list[tuple[date, int, TrainingKind, LeadershipProgram | None, int]] = field(
        default_factory=list
    )
    penalties: dict[int, PenaltyState] = field(default_factory=dict)
    investigations: dict[int, InvestigationState] = field(default_factory=dict)
    credits: list[CreditState] = field(default_factory=list)
    # (potential category, assessed on, version)
    potentials: list[tuple[str, date, int]] = field(default_factory=list)
    talents: list[TalentState] = field(default_factory=list)
    # What each training (by version) develops, for the trainings that name it.
    training_addresses: dict[int, frozenset[str]] = field(default_factory=dict)
    # Competence records keyed by their version in the stream (assessment / evaluation ids).
    assessments: list[CompetencyAssessment] = field(default_factory=list)
    evaluations: list[TrainingEvaluation] = field(default_factory=list)
    # Kedudukan hukum changes in the order recorded; ACTIVE when none covers a day.
    legal_statuses: list[LegalStatusPeriod] = field(default_factory=list)

    @property
    def highest_education(self) -> EducationLevel:
        return self.education_at(LATEST_DAY)

    def education_at(self, day: date) -> EducationLevel:
        """The highest ijazah recognised by ``day`` (the appointment's if none is yet)."""
        found = highest_recognised(((level, on) for level, on, _ in self.education), day)
        return found if found is not None else self.education[0][0]

    def legal_status_on(self, day: date) -> LegalStatusPeriod | None:
        """The legal status change in force on ``day`` (the latest TMT wins), if any."""
        periods = [p for p in self.legal_statuses if p.tmt <= day]
        latest = max(periods, key=lambda p: (p.tmt, p.version), default=None)
        return latest if latest is not None and latest.covers(day) else None

    @property
    def has_exited(self) -> bool:
        return self.status in (ServantStatus.RETIRED, ServantStatus.TERMINATED)
