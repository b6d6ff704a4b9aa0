"""The particulars of an audit finding as a type per kind of finding, so a client reads them
by field (with their enums and numbers) instead of from a JSON object."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Optional, Union

import strawberry

from service.audit.findings import KINDS, Finding
from service.graphql.audit_types import Verdict
from service.graphql.event_types import ENUMS, EventType

PredikatEnum: Any = ENUMS["Predikat"]


@strawberry.enum(description="How much an audit finding weighs.")
class FindingSeverity(Enum):
    HIGH = strawberry.enum_value(
        "HIGH", description="A rule was broken: the record needs a correction or an explanation.")
    MEDIUM = strawberry.enum_value(
        "MEDIUM", description="A pattern that often goes with a broken rule; worth a look.")
    LOW = strawberry.enum_value(
        "LOW", description="A gap in the record's paperwork rather than in its facts.")
    WARNING = strawberry.enum_value(
        "WARNING", description="A unit-level signal (not about one servant) against guidance.")


@strawberry.type(description="Particulars of a promotion recorded although rules failed.")
class PromotionRulesFailedDetails:
    failed_rules: list[str] = strawberry.field(
        description="The ids of the rules that failed at the promotion's TMT.")


@strawberry.type(description="Particulars of a promotion that took effect during a penalty.")
class PromotionDuringPenaltyDetails:
    penalty_event_ids: list[str] = strawberry.field(
        description="The discipline penalties running on the promotion's TMT.")


@strawberry.type(description="An event of the evidence recorded by the promotion's own actor.")
class SameActorEvidenceEvent:
    event_id: str = strawberry.field(description="The evidence event.")
    hours_before: float = strawberry.field(
        description="How many hours before the promotion it was recorded.")


@strawberry.type(description="Particulars of a promotion whose actor posted its own evidence.")
class SameActorEvidenceDetails:
    actor: str = strawberry.field(description="Who recorded both the promotion and the evidence.")
    evidence: list[SameActorEvidenceEvent] = strawberry.field(
        description="The evidence that actor recorded, closest first.")


@strawberry.type(description="Particulars of an SK dated long after the TMT it states.")
class BackdatedSkDetails:
    event_type: EventType = strawberry.field(description="The kind of the back-dated event.")
    days_late: int = strawberry.field(description="Days from the TMT to the SK's date.")


@strawberry.type(description="Particulars of a promotion judged differently then and now.")
class VerdictChangedDetails:
    promotion_event_id: str = strawberry.field(description="The promotion judged.")
    then: Verdict = strawberry.field(description="The verdict from the record when it was made.")
    now: Verdict = strawberry.field(description="The verdict from today's record.")
    failed_then: list[str] = strawberry.field(description="The rules that failed then.")
    failed_now: list[str] = strawberry.field(description="The rules that fail now.")


@strawberry.type(description="How many appraisals of a unit and year got one rating.")
class PredikatCount:
    predikat: PredikatEnum = strawberry.field(description="The rating.")
    count: int = strawberry.field(description="How many servants got it.")


@strawberry.type(description="Particulars of a unit's appraisals outside the guidance.")
class AppraisalDistributionDetails:
    year: int = strawberry.field(description="The appraisal year.")
    counts: list[PredikatCount] = strawberry.field(
        description="The number of appraisals per rating, best rating first.")


@strawberry.type(description="Particulars of imported history that still has no SK number.")
class ImportedWithoutSkDetails:
    event_type: EventType = strawberry.field(description="The kind of the imported event.")
    source_record_id: Optional[str] = strawberry.field(  # noqa: UP045
        description="The id of the record in the system it was imported from.")


FindingParticulars = Annotated[
    Union[PromotionRulesFailedDetails, PromotionDuringPenaltyDetails,  # noqa: UP007
          SameActorEvidenceDetails, BackdatedSkDetails, VerdictChangedDetails,
          AppraisalDistributionDetails, ImportedWithoutSkDetails],
    strawberry.union("FindingParticulars", description="The particulars of an audit finding: "
                     "one type per kind of finding."),
]


def _rules_failed(f: Finding) -> Any:
    return PromotionRulesFailedDetails(failed_rules=list(f.details.get("failed_rules", [])))


def _during_penalty(f: Finding) -> Any:
    return PromotionDuringPenaltyDetails(
        penalty_event_ids=[e for e in f.event_ids if e != f.subject_event_id])


def _same_actor(f: Finding) -> Any:
    return SameActorEvidenceDetails(actor=f.details.get("actor", ""), evidence=[
        SameActorEvidenceEvent(event_id=e["eventId"], hours_before=float(e["hours"]))
        for e in f.details.get("evidence", [])])


def _backdated(f: Finding) -> Any:
    return BackdatedSkDetails(event_type=EventType[f.details["event_type"]],
                              days_late=int(f.measure or 0))


def _verdict_changed(f: Finding) -> Any:
    d = f.details
    return VerdictChangedDetails(
        promotion_event_id=d["promotion"], then=Verdict[d["then"]], now=Verdict[d["now"]],
        failed_then=list(d.get("failed_then", [])), failed_now=list(d.get("failed_now", [])))


def _distribution(f: Finding) -> Any:
    counts = f.details.get("counts", {})
    return AppraisalDistributionDetails(year=int(f.details["year"]), counts=[
        PredikatCount(predikat=p, count=int(counts[p.name]))
        for p in PredikatEnum if p.name in counts])


def _imported(f: Finding) -> Any:
    return ImportedWithoutSkDetails(event_type=EventType[f.details["event_type"]],
                                    source_record_id=f.details.get("source"))


_PARTICULARS: dict[str, Callable[[Finding], Any]] = {
    "PROMOTION_RULES_FAILED": _rules_failed, "PROMOTION_DURING_PENALTY": _during_penalty,
    "SAME_ACTOR_EVIDENCE": _same_actor, "BACKDATED_SK": _backdated,
    "VERDICT_CHANGED": _verdict_changed, "APPRAISAL_DISTRIBUTION": _distribution,
    "IMPORTED_WITHOUT_SK": _imported,
}
assert set(_PARTICULARS) == set(KINDS), "every kind of finding needs its particulars type"


def particulars_of(finding: Finding) -> Any:
    """The typed particulars of ``finding``, read from its stored details."""
    return _PARTICULARS[finding.kind](finding)
