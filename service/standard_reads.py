"""Reads that judge a servant against the position standards in force (domain.md §6.2-6.4).

A servant's competence record is a fold of the servant's stream against the standard streams
of the positions held; succession and the career path judge against the standard of the
position asked about instead. Both load the streams from the log, so every number they show
rests on an event id (the standard ``<position>:<version>``, assessments ``<nip>:<version>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.competence.career_path import RequirementCheck
from domain.competence.development import DevelopmentNeed
from domain.competence.jpm import GapAnalysis, analyse_gap
from domain.competence.record import CompetenceRecord, Standards, competence_record, position_keys
from domain.competence.standards import PositionStandard, standard_in_force
from domain.effective import Effective, effective_events
from domain.events import PositionAssigned
from domain.functional.verdict import Outcome
from service.application import Riwayat
from service.position_standards import standards_for, stream_of


def servant_record(app: Riwayat, nip: str, as_of: date | None
                   ) -> tuple[CompetenceRecord, Standards, list[Effective]]:
    """The servant's competence record on ``as_of`` against the standards of every position
    (and position class) the servant held."""
    effective = list(effective_events(app.servant(nip).events))
    keys = [k for item in effective if isinstance(item.event, PositionAssigned)
            for k in position_keys(item.event)]
    standards = standards_for(app, keys)
    return competence_record(nip, effective, standards, as_of), standards, effective


def position_standard(app: Riwayat, position_id: str, as_of: date) -> PositionStandard | None:
    """The standard in force for ``position_id`` on ``as_of``; None when none is recorded."""
    stream = stream_of(app, position_id)
    if stream is None:
        return None
    return standard_in_force(stream.standards, stream.position_id, as_of)


@dataclass(frozen=True)
class Judged:
    """One servant against one position's standard on a day."""

    analysis: GapAnalysis | None  # None when no standard is in force
    open_needs: tuple[DevelopmentNeed, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        ids = list(self.analysis.evidence) if self.analysis is not None else []
        ids += [n.opened_by for n in self.open_needs]
        return tuple(dict.fromkeys(ids))


def judge_against(app: Riwayat, standard: PositionStandard | None, nip: str,
                  as_of: date) -> Judged:
    """The gap and JPM of ``nip`` against ``standard`` (the latest assessment on or before
    ``as_of`` per competency), and the development needs still open on ``as_of``."""
    record, _, _ = servant_record(app, nip, as_of)
    analysis = None if standard is None else analyse_gap(standard, record.assessments, as_of)
    return Judged(analysis, tuple(n for n in record.needs if n.is_open))


def competency_checks(analysis: GapAnalysis) -> tuple[RequirementCheck, ...]:
    """One check per competency of the standard: PASS at or above the required level, FAIL
    with the levels to gain, UNKNOWN when no assessment records it."""
    checks = []
    for line in analysis.lines:
        required = f"{line.competency} level {line.required}"
        if line.attained is None:
            checks.append(RequirementCheck("COMPETENCY", required, "not assessed",
                                           Outcome.UNKNOWN, f"assess {line.competency}", ()))
            continue
        evidence = (line.assessment_id,) if line.assessment_id is not None else ()
        actual = f"level {line.attained}"
        if line.is_shortfall:
            to_close = (f"raise {line.competency} from level {line.attained} to "
                        f"{line.required} (a training addressing it, evaluated positively, "
                        "then a new assessment)")
            checks.append(RequirementCheck("COMPETENCY", required, actual, Outcome.FAIL,
                                           to_close, evidence))
        else:
            checks.append(RequirementCheck("COMPETENCY", required, actual, Outcome.PASS, "",
                                           evidence))
    return tuple(checks)
