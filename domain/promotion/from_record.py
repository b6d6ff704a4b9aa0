"""The facts the promotion rules read, taken from a servant's record.

Facts come from the ``fold`` of the effective events, so a corrected or retracted event changes
the facts exactly as it changes the servant's state; every fact keeps the id of the event that
proves it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from domain.promotion import facts as pf
from domain.servant import CivilServant as CS
from domain.state import Effective, ServantState, fold
from domain.values import ServantStatus


def promotion_facts(nip: str, effective: Sequence[Effective], state: ServantState) -> pf.PromotionFacts:
    """The facts the promotion rules read, from the servant's effective events and their fold
    (``nip`` names the events: ``NIP:version``)."""

    def eid(version: int) -> str:
        return f"{nip}:{version}"

    status, status_version, retirement_tmt, retirement_id = promotion_status(nip, effective, state)
    position = state.position
    appraisal_order = sorted(
        (version, year, predikat)
        for year, recorded in state.appraisals.items() for predikat, version in recorded
    )
    return pf.PromotionFacts(
        nip=state.nip,
        status=status,
        status_event_id=eid(status_version),
        cpns_tmt=state.cpns_tmt,
        rank=state.rank,
        rank_tmt=state.rank_tmt,
        rank_event_id=eid(state.ranks[-1].version),
        appraisals=tuple(pf.AppraisalFact(year, p, eid(v)) for v, year, p in appraisal_order),
        education=tuple(pf.EducationFact(level, on, eid(v)) for level, on, v in state.education),
        penalties=tuple(
            pf.PenaltyFact(p.level, p.penalty_type, p.start, p.end, p.annulled_on, eid(p.version),
                        eid(p.annulled_by) if p.annulled_by is not None else None)
            for p in sorted(state.penalties.values(), key=lambda p: p.version)
        ),
        open_investigations=tuple(
            pf.InvestigationFact(i.opened_on, i.closed_on, eid(i.version),
                                 eid(i.closed_by) if i.closed_by is not None else None)
            for i in sorted(state.investigations.values(), key=lambda i: i.version)
        ),
        position=pf.PositionFact(
            position.level, position.kind, position.functional_level, position.tmt,
            position.supervisor_rank, eid(position.version),
        ) if position is not None else None,
        trainings=tuple(
            pf.TrainingFact(end, hours, kind, program, eid(v))
            for end, hours, kind, program, v in state.trainings
        ),
        talent_box=latest_talent(nip, state),
        retirement_tmt=retirement_tmt,
        retirement_event_id=retirement_id,
        credits=tuple(
            pf.CreditFact(c.period_start, c.period_end, c.credit, c.level, eid(c.version))
            for c in state.credits
        ),
        assessments=tuple(replace(a, assessment_id=eid(int(a.assessment_id)))
                          for a in state.assessments),
        legal_statuses=tuple(pf.LegalStatusFact(s.legal_status, s.tmt, s.until, eid(s.version))
                             for s in state.legal_statuses),
    )


def latest_talent(nip: str, state: ServantState) -> pf.TalentFact | None:
    """The latest mapping by TMT (a later record of the same day wins)."""
    if not state.talents:
        return None
    latest = max(state.talents, key=lambda t: (t.tmt, t.version))
    return pf.TalentFact(latest.box, latest.tmt, f"{nip}:{latest.version}")


def promotion_status(nip: str, effective: Sequence[Effective],
                     state: ServantState) -> tuple[ServantStatus, int, date | None, str | None]:
    """The status for the rules (with its version) and the retirement TMT and event id."""
    exit_event = next(
        (i.event for i in effective if i.version == state.status_version
         and isinstance(i.event, (CS.Retired, CS.Terminated))),
        None,
    ) if state.status_version != 1 else None
    if isinstance(exit_event, CS.Retired) and exit_event.tmt > state.cpns_tmt:
        # A retirement is a date in the record, not a status from the start of time: the
        # rules compare candidate TMTs with it (R7), so keep the status held before it.
        before = fold(effective, valid_at=_day_before(exit_event.tmt))
        return (before.status, before.status_version, exit_event.tmt,
                f"{nip}:{state.status_version}")
    return state.status, state.status_version, None, None


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)
