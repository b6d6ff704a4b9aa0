"""The particulars of an audit finding as a type per kind of finding, so a client reads them
by field (with their enums and numbers) instead of from a JSON object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Union

import strawberry

from service.audit.findings import KINDS, Finding
from service.graphql.audit_types import Verdict
from service.graphql.derived_types import OPTIONAL_TEXT, output_type, table_enum
from service.graphql.event_types import ENUMS, EventType

PredikatEnum: Any = ENUMS["Predikat"]


FindingSeverity: Any = table_enum("FindingSeverity")

# The particulars of each kind of finding; descriptions in descriptions.toml.
PromotionRulesFailedDetails: Any = output_type(
    "PromotionRulesFailedDetails", given={"failed_rules": list[str]})
PromotionDuringPenaltyDetails: Any = output_type(
    "PromotionDuringPenaltyDetails", given={"penalty_event_ids": list[str]})
SameActorEvidenceEvent: Any = output_type(
    "SameActorEvidenceEvent", given={"event_id": str, "hours_before": float})
SameActorEvidenceDetails: Any = output_type(
    "SameActorEvidenceDetails", given={"actor": str, "evidence": list[SameActorEvidenceEvent]})
BackdatedSkDetails: Any = output_type(
    "BackdatedSkDetails", given={"event_type": EventType, "days_late": int})
VerdictChangedDetails: Any = output_type("VerdictChangedDetails", given={
    "promotion_event_id": str, "then": Verdict, "now": Verdict, "failed_then": list[str],
    "failed_now": list[str]})
PredikatCount: Any = output_type("PredikatCount", given={"predikat": PredikatEnum, "count": int})
AppraisalDistributionDetails: Any = output_type(
    "AppraisalDistributionDetails", given={"year": int, "counts": list[PredikatCount]})
ImportedWithoutSkDetails: Any = output_type(
    "ImportedWithoutSkDetails", given={"event_type": EventType, "source_record_id": OPTIONAL_TEXT})


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
