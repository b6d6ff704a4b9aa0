"""GraphQL types of the auditor's reads: chain integrity, the promotion audit (then and
now) and the kinds of audit findings.

Fields and descriptions are in descriptions.toml; the types come from the audit's records."""

from __future__ import annotations

from enum import Enum
from typing import Any, Optional, cast

from strawberry.scalars import JSON

from projections.engine.view import jsonable
from service.audit import IntegrityReport
from service.audit import promotion as audit
from service.audit.findings import KINDS
from service.audit.integrity import Break
from service.graphql.change_types import EventChanges, changes_for
from service.graphql.derived_types import described_enum, output_type, table_enum
from service.graphql.event_types import EventType
from service.graphql.promotion_types import RuleCheck  # noqa: F401  (shown for the rules)
from service.graphql.types import Servant

Verdict: Any = table_enum("Verdict")


# The kinds the findings view raises, named as it names them.
FindingKind: Any = described_enum(cast(type[Enum], Enum("FindingKind", {k: k for k in KINDS})))


BreakKind: Any = table_enum("BreakKind")
IntegrityStatus: Any = table_enum("IntegrityStatus")


ChainBreak: Any = output_type(
    "ChainBreak", Break, given={"kind": BreakKind}, computed={"kind": lambda b: BreakKind[b.kind]})

Integrity: Any = output_type(
    "Integrity", IntegrityReport, converter="from_report", renamed={"checked_events": "checked"},
    given={"status": IntegrityStatus},
    computed={"status": lambda r: IntegrityStatus.OK if r.ok else IntegrityStatus.BROKEN})


def _corrected(r: audit.EventRef) -> Any:
    return changes_for(r.target_class, r.changes) if r.target_class and r.changes else None


AuditedEvent: Any = output_type(
    "AuditedEvent", audit.EventRef, converter="from_ref",
    given={"type": EventType, "changes": Optional[JSON],  # noqa: UP045
           "corrected": Optional[EventChanges]},  # noqa: UP045
    computed={"type": lambda r: EventType[r.type],
              "changes": lambda r: jsonable(r.changes) if r.changes else None,
              "corrected": _corrected},
    options={"changes": {"deprecation_reason":
                         "Use corrected, which is typed by the kind of the corrected event."}})

Judgement: Any = output_type(
    "Judgement", audit.Judgement, given={"verdict": Verdict, "servant": Servant},
    computed={"verdict": lambda j: Verdict[j.verdict],
              "servant": lambda j: Servant.from_state(j.state, j.last_version)})

PromotionAudit: Any = output_type("PromotionAudit", audit.PromotionAudit, given={"event_id": str})
