"""A servant's state derived from the log, bitemporally: what the log knew at ``known_at``
about the servant on ``valid_at``. Folding also enforces the sequence rules of domain.md §5."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.discipline import DisciplineLevel, PenaltyType
from domain.errors import DomainError
from domain.servant import CivilServant as CS
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

# Within one TMT, an appointment comes first and an exit last.
_DAY_ORDER = {"CpnsAppointed": 0, "PnsAppointed": 1, "Retired": 9, "Terminated": 9}


@dataclass(frozen=True)
class Effective:
    """One career event as it stands after corrections, with its correction trail."""

    event: CS.Event
    original: CS.Event
    corrections: tuple[CS.EventCorrected, ...]

    @property
    def version(self) -> int:
        return self.original.originator_version


@dataclass
class RankPeriod:
    rank: Rank
    tmt: date
    promotion_type: PromotionType
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
    education: list[tuple[EducationLevel, date, int]] = field(default_factory=list)
    appraisals: dict[int, list[tuple[Predikat, int]]] = field(default_factory=dict)
    trainings: list[tuple[date, int, TrainingKind, LeadershipProgram | None, int]] = field(
        default_factory=list
    )
    penalties: dict[int, PenaltyState] = field(default_factory=dict)

    @property
    def highest_education(self) -> EducationLevel:
        return max((level for level, _, _ in self.education), key=lambda level: level.tier)

    def education_at(self, day: date) -> EducationLevel:
        known = [level for level, on, _ in self.education if on <= day]
        return max(known or [self.education[0][0]], key=lambda level: level.tier)

    @property
    def has_exited(self) -> bool:
        return self.status in (ServantStatus.RETIRED, ServantStatus.TERMINATED)


def effective_events(events: Sequence[CS.Event], known_at: datetime | None = None) -> list[Effective]:
    """Apply corrections and drop retractions, using only what was recorded by ``known_at``."""
    known = [e for e in events if known_at is None or e.timestamp <= known_at]
    corrections: dict[int, list[CS.EventCorrected]] = {}
    retracted: set[int] = set()
    for event in known:
        if isinstance(event, CS.EventCorrected):
            corrections.setdefault(event.target_version, []).append(event)
        elif isinstance(event, CS.EventRetracted):
            retracted.add(event.target_version)
    result = []
    for event in known:
        version = event.originator_version
        if isinstance(event, (CS.EventCorrected, CS.EventRetracted)) or version in retracted:
            continue
        trail = tuple(corrections.get(version, ()))
        current: CS.Event = event
        for correction in trail:
            current = dataclasses.replace(current, **correction.changes)
        result.append(Effective(current, event, trail))
    return result


def fold(effective: Iterable[Effective], valid_at: date | None = None) -> ServantState:
    """The servant's state on ``valid_at`` (default: after every TMT), checking each event
    against the state before it, in TMT order."""
    # The appointment opens the stream even when a bad event claims an earlier TMT,
    # so that event is reported as BEFORE_APPOINTMENT.
    ordered = sorted(
        effective,
        key=lambda e: (
            not isinstance(e.event, CS.CpnsAppointed),
            e.event.tmt,
            _DAY_ORDER.get(type(e.event).__name__, 5),
            e.version,
        ),
    )
    state: ServantState | None = None
    for item in ordered:
        if valid_at is not None and item.event.tmt > valid_at:
            continue
        state = _apply(state, item.event, item.version)
    if state is None:
        raise DomainError("NOT_YET_APPOINTED", "The servant was not appointed on that date.")
    return state


def _apply(state: ServantState | None, event: CS.Event, version: int) -> ServantState:
    if isinstance(event, CS.CpnsAppointed):
        return _appointed(event)
    assert state is not None, "the appointment is always the first event by TMT"
    if event.tmt < state.cpns_tmt:
        raise DomainError(
            "BEFORE_APPOINTMENT",
            f"{type(event).__name__} at TMT {event.tmt} precedes the CPNS TMT {state.cpns_tmt}.",
            "tmt",
        )
    if state.has_exited and not isinstance(event, CS.DisciplinePenaltyAnnulled):
        raise DomainError(
            "AFTER_EXIT",
            f"{type(event).__name__} at TMT {event.tmt} follows the servant's "
            f"{state.status.value.lower()} status from {state.status_tmt}; only corrections, "
            "retractions and annulments may follow.",
            "tmt",
        )
    handler = _HANDLERS.get(type(event).__name__)
    if handler is not None:
        handler(state, event, version)
    return state


def _appointed(e: CS.CpnsAppointed) -> ServantState:
    state = ServantState(
        nip=e.nip,
        name=e.name,
        birth_date=e.birth_date,
        gender=e.gender,
        cpns_tmt=e.tmt,
        institution_id=e.institution_id,
        institution_name=e.institution_name,
        unit_id=e.unit_id,
        unit_name=e.unit_name,
        rank=e.initial_rank,
        rank_tmt=e.tmt,
        status_tmt=e.tmt,
    )
    state.ranks.append(RankPeriod(e.initial_rank, e.tmt, PromotionType.INITIAL, 1))
    state.education.append((e.education_level, e.tmt, 1))
    return state


def _pns(state: ServantState, e: Any, version: int) -> None:
    if state.pns_tmt is not None:
        raise DomainError("DUPLICATE_APPOINTMENT", f"The servant is already PNS from {state.pns_tmt}.")
    state.status, state.status_tmt, state.status_version, state.pns_tmt = (
        ServantStatus.PNS, e.tmt, version, e.tmt,
    )


def _promoted(state: ServantState, e: Any, version: int) -> None:
    check_rank_step(state, e.new_rank, e.promotion_type, e.tmt)
    state.rank, state.rank_tmt = e.new_rank, e.tmt
    state.ranks.append(RankPeriod(e.new_rank, e.tmt, e.promotion_type, version))


def check_rank_step(state: ServantState, new_rank: Rank, kind: PromotionType, tmt: date) -> None:
    """Rules 5 and 6: one step up, to the diploma's entry rank for 203, within the cap."""
    current = state.rank
    if kind is PromotionType.INITIAL:
        if len(state.ranks) > 1:
            raise DomainError(
                "RANK_SKIP", "An initial-rank promotion (211) must precede every other promotion."
            )
        return
    if state.status is ServantStatus.CPNS:
        raise DomainError(
            "NOT_PNS", f"A CPNS cannot be promoted (TMT {tmt}); record the PNS appointment first."
        )
    if kind is PromotionType.PENYESUAIAN_IJAZAH:
        entry = state.education_at(tmt).entry_rank
        if new_rank is not entry or new_rank.ordinal <= current.ordinal:
            raise DomainError(
                "RANK_SKIP",
                f"An education adjustment (203) raises {current.golongan} to the entry rank of "
                f"the highest diploma ({entry.golongan}), not to {new_rank.golongan}.",
                "newRank",
            )
        return
    if new_rank.ordinal != current.ordinal + 1:
        expected = current.next()
        raise DomainError(
            "RANK_SKIP",
            f"A promotion at TMT {tmt} must raise {current.golongan} by exactly one step "
            f"(to {expected.golongan if expected else 'nothing: IV/e is the top'}), "
            f"not to {new_rank.golongan}.",
            "newRank",
        )
    if kind is PromotionType.REGULER:
        education = state.education_at(tmt)
        if new_rank.ordinal > education.cap_rank.ordinal:
            raise DomainError(
                "EDUCATION_CAP_EXCEEDED",
                f"A regular promotion to {new_rank.golongan} exceeds the cap "
                f"{education.cap_rank.golongan} of the highest diploma ({education.label}).",
                "newRank",
            )


def _position(state: ServantState, e: Any, version: int) -> None:
    state.position = PositionState(
        e.position_kind, e.position_level, e.position_name, e.functional_level,
        e.unit_id, e.unit_name, e.tmt, e.supervisor_rank, version,
    )
    state.unit_id, state.unit_name = e.unit_id, e.unit_name


def _transferred(state: ServantState, e: Any, version: int) -> None:
    if e.to_institution_id == state.institution_id:
        raise DomainError(
            "SAME_INSTITUTION",
            f"The servant already belongs to institution {e.to_institution_id} at TMT {e.tmt}.",
            "toInstitutionId",
        )
    state.institution_id, state.institution_name = e.to_institution_id, e.to_institution_name
    state.unit_id, state.unit_name = e.to_unit_id, e.to_unit_name


def _appraised(state: ServantState, e: Any, version: int) -> None:
    state.appraisals.setdefault(e.year, []).append((e.predikat, version))


def _trained(state: ServantState, e: Any, version: int) -> None:
    state.trainings.append((e.end_date, e.hours, e.kind, e.program, version))


def _educated(state: ServantState, e: Any, version: int) -> None:
    state.education.append((e.level, e.tmt, version))


def _penalised(state: ServantState, e: Any, version: int) -> None:
    state.penalties[version] = PenaltyState(e.penalty_type, e.level, e.tmt, e.end_date, version)


def _annulled(state: ServantState, e: Any, version: int) -> None:
    penalty = state.penalties.get(e.penalty_version)
    if penalty is None:
        raise DomainError(
            "INVALID_TARGET",
            f"Event {state.nip}:{e.penalty_version} is not a discipline penalty in force by "
            f"TMT {e.tmt}.",
            "penaltyEventId",
        )
    if penalty.annulled_by is not None:
        raise DomainError(
            "ALREADY_ANNULLED",
            f"Penalty {state.nip}:{e.penalty_version} was already annulled on {penalty.annulled_on}.",
            "penaltyEventId",
        )
    penalty.annulled_on, penalty.annulled_by = e.tmt, version


def _exited(state: ServantState, e: Any, version: int) -> None:
    retired = isinstance(e, CS.Retired)
    state.status = ServantStatus.RETIRED if retired else ServantStatus.TERMINATED
    state.status_tmt, state.status_version, state.exit_reason = e.tmt, version, e.reason


_HANDLERS = {
    "PnsAppointed": _pns,
    "RankPromoted": _promoted,
    "PositionAssigned": _position,
    "InstitutionTransferred": _transferred,
    "AppraisalRecorded": _appraised,
    "TrainingCompleted": _trained,
    "EducationCompleted": _educated,
    "DisciplinePenaltyImposed": _penalised,
    "DisciplinePenaltyAnnulled": _annulled,
    "Retired": _exited,
    "Terminated": _exited,
}
