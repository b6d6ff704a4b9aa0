"""Yearly development plans, programme effectiveness and training coverage (domain.md §6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.competence.development import (
    Closure,
    DevelopmentNeed,
    NeedSource,
)
from domain.competence.evaluation import EvaluationLevel, TrainingEvaluation
from domain.competence.plan import (
    TrainingHours,
    development_plan,
    programme_effectiveness,
    training_coverage,
)

R, LN = EvaluationLevel.REACTION, EvaluationLevel.LEARNING


def need(need_id: str, addresses: str, due: int, closed: bool = False) -> DevelopmentNeed:
    return DevelopmentNeed(
        need_id, NeedSource.COMPETENCY_GAP, addresses, due, date(due - 1, 6, 1), "as-1", 3,
        Closure.TRAINING_EVALUATED if closed else None,
    )  # fmt: skip


def evaluation(training: str, *scores: tuple[EvaluationLevel, int]) -> TrainingEvaluation:
    return TrainingEvaluation(f"ev-{training}", training, date(2024, 9, 1), "atasan", scores)


def test_plan_counts_jp_against_twenty_and_the_needs_due_closed_and_overdue() -> None:
    trainings = [TrainingHours("tr-1", 2024, 12), TrainingHours("tr-2", 2024, 8),
                 TrainingHours("tr-0", 2023, 40)]  # fmt: skip
    needs = [need("n-due", "KERJA_SAMA", 2024), need("n-done", "INTEGRITAS", 2024, closed=True),
             need("n-late", "KOMUNIKASI", 2023), need("n-next", "KINERJA", 2025)]  # fmt: skip
    plan = development_plan(2024, trainings, needs, [evaluation("tr-1", (R, 80))])
    assert (plan.jp_done, plan.jp_target, plan.below_jp_target) == (20, 20, False)
    assert plan.due == ("n-due", "n-done") and plan.closed == ("n-done",)
    assert plan.overdue == ("n-late",)
    assert plan.trainings == ("tr-1", "tr-2") and plan.evaluated == ("tr-1",)
    short = development_plan(2024, trainings[1:], needs)
    assert short.jp_done == 8 and short.below_jp_target


def test_effectiveness_reports_mean_score_per_level_and_the_positive_count() -> None:
    result = programme_effectiveness(
        "PKP",
        [evaluation("a", (R, 80), (LN, 50)), evaluation("b", (R, 91)), evaluation("c", (R, 70))],
    )
    assert (result.evaluations, result.positive) == (3, 2)
    assert [(r.level, r.count, r.mean) for r in result.by_level] == [
        (R, 3, Decimal("80.33")), (LN, 1, Decimal("50.00")),
    ]  # fmt: skip


def test_coverage_ranks_programmes_by_open_needs_addressed() -> None:
    needs = [need("n1", "KERJA_SAMA", 2024), need("n2", "KERJA_SAMA", 2024),
             need("n3", "INTEGRITAS", 2024), need("n4", "KERJA_SAMA", 2024, closed=True)]  # fmt: skip
    catalogue = {
        "BIMTEK-INTEGRITAS": frozenset({"INTEGRITAS"}),
        "TEAM-BUILDING": frozenset({"KERJA_SAMA"}),
        "LEADERSHIP": frozenset({"KERJA_SAMA", "INTEGRITAS"}),
        "EXCEL": frozenset({"TIK"}),
    }
    ranked = training_coverage(needs, catalogue)
    assert [(c.programme, c.needs) for c in ranked] == [
        ("LEADERSHIP", ("n1", "n2", "n3")),
        ("TEAM-BUILDING", ("n1", "n2")),
        ("BIMTEK-INTEGRITAS", ("n3",)),
    ]
