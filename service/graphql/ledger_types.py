"""GraphQL types of training ledgers (JP per servant and year) and of the views' status.

Fields and descriptions are in descriptions.toml; the types come from the views' records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from projections.read_models import ViewStatus
from projections.views.training_ledger import queries as ledger_queries
from service.graphql.derived_types import output_type
from service.graphql.relay import NODE_KEYS, Node

TrainingKindHours: Any = output_type("TrainingKindHours", ledger_queries.KindHours)

DevelopmentNeed: Any = output_type(
    "DevelopmentNeed", ledger_queries.DevelopmentNeed, given={"raised_on": date},
    computed={"raised_on": lambda n: date.fromisoformat(n.raised_on)})


def _classical_hours(ledger: ledger_queries.LedgerYear) -> int:
    return sum(k.hours for k in ledger.by_kind if k.classical)


TrainingLedger: Any = output_type(
    "TrainingLedger", ledger_queries.LedgerYear, bases=(Node,), converter="from_record",
    renamed={"development_needs": "needs"},
    given={"classical_hours": int, "non_classical_hours": int},
    computed={"classical_hours": _classical_hours,
              "non_classical_hours": lambda r: r.total_hours - _classical_hours(r)})

ProjectionStatus: Any = output_type(
    "ProjectionStatus", ViewStatus, converter="from_status", renamed={"log_head": "head"},
    given={"updated_at": datetime},
    computed={"updated_at": lambda s: datetime.fromisoformat(s.updated_at)})


NODE_KEYS[TrainingLedger] = lambda t: f"{t.nip}:{t.year}"
