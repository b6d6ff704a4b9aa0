"""The views, by name: each package holds its rows (what the engine writes) and its queries."""

from __future__ import annotations

from collections.abc import Sequence

from projections.engine.view import View
from projections.views.audit_findings.rows import AuditFindingsView
from projections.views.career_history.rows import CareerHistoryView
from projections.views.development_needs.rows import DevelopmentNeedsView
from projections.views.promotion.rows import PromotionView
from projections.views.retirement.rows import RetirementView
from projections.views.servant_directory.rows import ServantDirectoryView
from projections.views.training_effectiveness.rows import TrainingEffectivenessView
from projections.views.training_ledger.rows import TrainingLedgerView

VIEW_CLASSES: dict[str, type[View]] = {
    "career_history": CareerHistoryView,
    "promotion": PromotionView,
    "training_ledger": TrainingLedgerView,
    "audit_findings": AuditFindingsView,
    "retirement": RetirementView,
    "training_effectiveness": TrainingEffectivenessView,
    "development_needs": DevelopmentNeedsView,
    "servant_directory": ServantDirectoryView,
}


def views_named(names: Sequence[str] | None = None) -> list[View]:
    chosen = list(VIEW_CLASSES) if not names else list(names)
    unknown = [n for n in chosen if n not in VIEW_CLASSES]
    if unknown:
        raise ValueError(f"unknown view(s) {', '.join(unknown)}; known: {', '.join(VIEW_CLASSES)}")
    return [VIEW_CLASSES[name]() for name in chosen]
