"""The facts promotion rules read, each tied to the event that proves it (domain.md §7, §8).

The projection builds one ``PromotionFacts`` per servant from the event log; the rule and merit
functions never see events themselves. Every fact keeps its ``event_id`` ("<nip>:<version>") so
that each explanation can cite its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.competence.assessment import CompetencyAssessment
from domain.discipline import DisciplineLevel, PenaltyType
from domain.events.career import LegalStatus
from domain.values import (
    EducationLevel,
    FunctionalLevel,
    LeadershipProgram,
    PositionKind,
    PositionLevel,
    Predikat,
    Rank,
    ServantStatus,
    TrainingKind,
)


@dataclass(frozen=True)
class AppraisalFact:
    """The annual predikat of one year."""

    year: int
    predikat: Predikat
    event_id: str


@dataclass(frozen=True)
class EducationFact:
    """An ijazah recognised for the servant (the CPNS entry education is one of them)."""

    level: EducationLevel
    recognised_on: date
    event_id: str


@dataclass(frozen=True)
class PenaltyFact:
    """A discipline penalty.

    ``end`` is exclusive: the penalty has run its course on that day (end = start + duration,
    validation rule 15). ``end`` is None for types without a term (warnings, dismissal, some
    PP 53/2010 measures); those are one-off measures, so they are treated as ending on ``start``.
    An annulled penalty stops counting from ``annulled_on``.
    """

    level: DisciplineLevel
    penalty_type: PenaltyType
    start: date
    end: date | None
    annulled_on: date | None
    event_id: str
    annulment_event_id: str | None = None

    @property
    def effective_end(self) -> date:
        return self.end if self.end is not None else self.start

    def is_annulled_by(self, day: date) -> bool:
        return self.annulled_on is not None and self.annulled_on <= day

    def is_running_on(self, day: date) -> bool:
        """True while the penalty's term covers ``day`` and it has not been annulled."""
        return self.start <= day < self.effective_end and not self.is_annulled_by(day)

    @property
    def evidence(self) -> tuple[str, ...]:
        if self.annulment_event_id is None:
            return (self.event_id,)
        return (self.event_id, self.annulment_event_id)


@dataclass(frozen=True)
class PositionFact:
    """The current position; ``supervisor_rank`` is the rank of the atasan langsung, if known."""

    level: PositionLevel
    kind: PositionKind
    functional_level: FunctionalLevel | None
    tmt: date
    supervisor_rank: Rank | None
    event_id: str


@dataclass(frozen=True)
class InvestigationFact:
    """A disciplinary examination (DisciplineInvestigationOpened), with its closing if any."""

    opened_on: date
    closed_on: date | None
    event_id: str
    closure_event_id: str | None

    def is_open_on(self, day: date) -> bool:
        """True from the opening TMT until the day before the closing TMT."""
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


@dataclass(frozen=True)
class TrainingFact:
    """A completed training; ``hours`` are JP and ``program`` is set for leadership training."""

    end_date: date
    hours: int
    kind: TrainingKind
    program: LeadershipProgram | None
    event_id: str


@dataclass(frozen=True)
class TalentFact:
    """The latest nine-box talent mapping (§3.8), a TalentMapped event."""

    box: int
    assessed_on: date
    event_id: str


@dataclass(frozen=True)
class CreditFact:
    """A PAK (CreditScoreDetermined): the credit determined for a period, for a JF level."""

    period_start: date
    period_end: date
    amount: Decimal
    level: FunctionalLevel | None
    event_id: str


@dataclass(frozen=True)
class LegalStatusFact:
    """A kedudukan hukum change (LegalStatusChanged) from ``tmt`` until ``until`` (exclusive)."""

    legal_status: LegalStatus
    tmt: date
    until: date | None
    event_id: str


@dataclass(frozen=True)
class PromotionFacts:
    """Everything the KP reguler rules and the merit score read about one servant.

    Appraisals listed later supersede earlier ones of the same year (the log order is the
    order of recording, so a second annual SKP wins). ``open_investigations`` holds every
    examination opened, closed or not: R6 asks which of them is open on the candidate TMT.
    """

    nip: str
    status: ServantStatus
    status_event_id: str
    cpns_tmt: date
    rank: Rank
    rank_tmt: date
    rank_event_id: str
    appraisals: tuple[AppraisalFact, ...] = ()
    education: tuple[EducationFact, ...] = ()
    penalties: tuple[PenaltyFact, ...] = ()
    open_investigations: tuple[InvestigationFact, ...] = ()
    position: PositionFact | None = None
    trainings: tuple[TrainingFact, ...] = ()
    talent_box: TalentFact | None = None
    retirement_tmt: date | None = None
    retirement_event_id: str | None = None
    credits: tuple[CreditFact, ...] = ()
    # CompetencyAssessed events, ids "<nip>:<version>" (the JF level step's competency test).
    assessments: tuple[CompetencyAssessment, ...] = ()
    legal_statuses: tuple[LegalStatusFact, ...] = ()

    def legal_status_on(self, day: date) -> LegalStatusFact | None:
        """The legal status change in force on ``day`` (the latest TMT wins), if any."""
        started = [s for s in self.legal_statuses if s.tmt <= day]
        latest = max(started, key=lambda s: s.tmt, default=None)
        if latest is None or (latest.until is not None and day >= latest.until):
            return None
        return latest

    def appraisal_for(self, year: int) -> AppraisalFact | None:
        """The latest recorded appraisal of ``year``, or None when none is recorded."""
        found = None
        for appraisal in self.appraisals:
            if appraisal.year == year:
                found = appraisal
        return found


# Every class of the facts, the whole first: what storing and reading the facts covers.
FACT_CLASSES: tuple[type[Any], ...] = (
    PromotionFacts, AppraisalFact, EducationFact, PenaltyFact, PositionFact, TrainingFact,
    TalentFact, CreditFact, InvestigationFact, LegalStatusFact,
)
