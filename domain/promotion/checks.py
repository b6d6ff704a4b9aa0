"""The KP reguler conditions R0-R8 (domain.md §7.2), each explained with its evidence. Which
of them are in force at a candidate TMT is data (``domain.promotion.ruleset``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.discipline import add_months
from domain.events.career import LegalStatus
from domain.promotion import ruleset
from domain.promotion.facts import PromotionFacts
from domain.rules.education import cap_rank, highest_recognised
from domain.rules.periods import PeriodRegime, next_period_date
from domain.values import Predikat, Rank

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Case:
    facts: PromotionFacts
    tmt: date
    next_rank: Rank | None
    regime: PeriodRegime


Verdict = tuple[bool, str, tuple[str, ...]]


def full_months_between(start: date, end: date) -> int:
    """Completed calendar months from ``start`` to ``end`` (negative if ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def predikat_label(predikat: Predikat) -> str:
    return predikat.name.replace("_", " ").title()


def _next_rank_exists(case: Case) -> Verdict:
    rank, evidence = case.facts.rank, (case.facts.rank_event_id,)
    if case.next_rank is None:
        text = f"{rank.golongan} ({rank.pangkat}) is the highest rank; there is no next rank."
        return False, text, evidence
    return True, f"{rank.golongan} → {case.next_rank.golongan} is the next step.", evidence


def _years_in_rank(case: Case) -> Verdict:
    facts, minimum = case.facts, ruleset.MIN_YEARS_IN_RANK
    months = full_months_between(facts.rank_tmt, case.tmt)
    reached = add_months(facts.rank_tmt, ruleset.MINIMUM_MONTHS_IN_RANK)
    held = f"In rank {facts.rank.golongan} since {facts.rank_tmt}: "
    if months < 0:
        held += f"the candidate TMT {case.tmt} is before the rank's TMT"
    else:
        held += f"{months // 12} years {months % 12} months at {case.tmt}"
    passed = case.tmt >= reached
    tail = f" (at least {minimum} needed)." if passed else f"; {minimum} years on {reached}."
    return passed, held + tail, (facts.rank_event_id,)


def _appraisals(case: Case) -> Verdict:
    parts, evidence, passed = [], [], True
    for year in (case.tmt.year - 1, case.tmt.year - 2):
        appraisal = case.facts.appraisal_for(year)
        if appraisal is None:
            parts.append(f"{year} not recorded")
            passed = False
            continue
        parts.append(f"{year} {predikat_label(appraisal.predikat)}")
        evidence.append(appraisal.event_id)
        passed = passed and appraisal.predikat in ruleset.GOOD_PREDIKAT
    verdict = "both are" if passed else "both years must be"
    text = (
        f"Predikat {', '.join(parts)}: {verdict} Sangat Baik or Baik for a TMT in {case.tmt.year}."
    )
    return passed, text, tuple(evidence)


def _education_cap(case: Case) -> Verdict:
    education = case.facts.education
    level = highest_recognised(((e.level, e.recognised_on) for e in education), case.tmt)
    if level is None:
        return False, f"No ijazah is recognised by {case.tmt}, so the cap is unknown.", ()
    best = next(e for e in education if e.level is level and e.recognised_on <= case.tmt)
    cap, evidence = cap_rank(level, case.tmt), (case.facts.rank_event_id, best.event_id)
    ijazah = (
        f"the cap {cap.golongan} of the highest recognised ijazah {best.level.label} "
        f"(recognised {best.recognised_on})"
    )
    if case.next_rank is None:
        return False, f"There is no next rank to compare with {ijazah}.", evidence
    passed = case.next_rank.ordinal <= cap.ordinal
    verdict = "is within" if passed else "exceeds"
    return passed, f"Next rank {case.next_rank.golongan} {verdict} {ijazah}.", evidence


def _period_date(case: Case) -> Verdict:
    regime = case.regime
    allowed = "the 1st of " + (
        "every month"
        if len(regime.months) == 12
        else "/".join(_MONTHS[month - 1] for month in regime.months)
    )
    if regime.allows(case.tmt):
        return True, f"{case.tmt} is a period date under {regime.rule_id} ({allowed}).", ()
    text = (
        f"{case.tmt} is not a period date under {regime.rule_id}, which allows only {allowed}; "
        f"the next one is {next_period_date(case.tmt)}."
    )
    return False, text, ()


def _no_running_penalty(case: Case) -> Verdict:
    tmt = case.tmt
    considered = [
        p
        for p in case.facts.penalties
        if p.level in ruleset.BLOCKING_PENALTY_LEVELS and p.start <= tmt
    ]
    running = [p for p in considered if p.is_running_on(tmt)]
    if running:
        described = "; ".join(
            f"{p.level.name.lower()} {p.penalty_type.name} from {p.start} until {p.effective_end}"
            for p in running
        )
        return False, f"Running at {tmt}: {described}.", tuple(p.event_id for p in running)
    if not considered:
        return True, f"No sedang or berat penalty is recorded up to {tmt}.", ()
    described = "; ".join(
        f"{p.penalty_type.name} "
        + (f"annulled {p.annulled_on}" if p.is_annulled_by(tmt) else _ended(p.end))
        for p in considered
    )
    evidence = tuple(eid for p in considered for eid in p.evidence)
    return True, f"No sedang or berat penalty runs at {tmt} ({described}).", evidence


def _ended(end: date | None) -> str:
    # A penalty without a term is a one-off measure: it never runs over later dates.
    return "one-off, without a term" if end is None else f"ended {end}"


def _no_open_investigation(case: Case) -> Verdict:
    tmt = case.tmt
    opened = case.facts.open_investigations
    running = [i for i in opened if i.is_open_on(tmt)]
    if running:
        since = ", ".join(f"{i.event_id} since {i.opened_on}" for i in running)
        text = f"A discipline investigation is open at {tmt} ({since}); promotion waits for it."
        return False, text, tuple(i.event_id for i in running)
    if not opened:
        return True, "No discipline investigation is recorded.", ()
    evidence = tuple(eid for i in opened
                     for eid in (i.event_id, i.closure_event_id) if eid is not None)
    return True, f"No discipline investigation is open at {tmt}.", evidence


# Kedudukan hukum R7 accepts (domain.md §7.2: AKTIF or TUGAS_BELAJAR): a study assignment does
# not block; CLTN, a temporary suspension and the other non-active statuses do.
R7_LEGAL_STATUSES = frozenset({LegalStatus.ACTIVE, LegalStatus.TUGAS_BELAJAR})


def _active_status(case: Case) -> Verdict:
    facts = case.facts
    retirement = facts.retirement_tmt
    evidence: tuple[str, ...] = (facts.status_event_id,)
    if facts.retirement_event_id is not None:
        evidence += (facts.retirement_event_id,)
    if facts.status not in ruleset.ELIGIBLE_STATUSES:
        return False, f"Status is {facts.status.value}; KP reguler needs an active PNS.", evidence
    legal = facts.legal_status_on(case.tmt)
    if legal is not None and legal.legal_status not in R7_LEGAL_STATUSES:
        text = (f"On {case.tmt} the legal status is {legal.legal_status.name} from {legal.tmt} "
                f"(LegalStatusChanged {legal.event_id}); KP reguler needs an active PNS.")
        return False, text, evidence + (legal.event_id,)
    if retirement is not None and case.tmt >= retirement:
        text = f"The TMT is on or after the retirement TMT {retirement}; a promotion is void."
        return False, text, evidence
    if retirement is not None:
        return True, f"Active PNS; the retirement TMT {retirement} is after {case.tmt}.", evidence
    return True, "Active PNS with no retirement recorded.", evidence


def _supervisor_rank(case: Case) -> Verdict:
    position = case.facts.position
    evidence = (case.facts.rank_event_id,) + ((position.event_id,) if position else ())
    if case.next_rank is None:
        return False, "There is no next rank to compare with the supervisor's.", evidence
    supervisor = position.supervisor_rank if position else None
    next_rank = case.next_rank.golongan
    if supervisor is None:
        text = f"The direct supervisor's rank is not recorded; next rank {next_rank} is unchecked."
        return False, text, evidence
    passed = case.next_rank.ordinal <= supervisor.ordinal
    verdict = "does not exceed" if passed else "exceeds"
    text = f"Next rank {next_rank} {verdict} the direct supervisor's rank {supervisor.golongan}."
    return passed, text, evidence


CHECKS: dict[str, Callable[[Case], Verdict]] = {
    "R0": _next_rank_exists,
    "R1": _years_in_rank,
    "R2": _appraisals,
    "R3": _education_cap,
    "R4": _period_date,
    "R5": _no_running_penalty,
    "R6": _no_open_investigation,
    "R7": _active_status,
    "R8": _supervisor_rank,
}
