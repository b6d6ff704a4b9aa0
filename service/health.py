"""What /readyz and /metrics report: whether the database answers, how far the views lag,
and the counters (rendered even while the database is down)."""

from __future__ import annotations

from typing import Any

from service.metrics import REGISTRY


def _database_up(services: Any) -> bool:
    gate = services.extras.get("database_gate")
    return gate is None or bool(gate.up)


def render_metrics(services: Any) -> str:
    if not _database_up(services):  # don't wait on the pool; the counters still render
        return REGISTRY.render(None, None, database_up=False)
    try:
        head: int | None = int(services.app.recorder.max_notification_id() or 0)
    except Exception:  # the counters still render while the database is down
        head = None
    return REGISTRY.render(services.read_models, head, database_up=True)


def readiness_problems(services: Any) -> list[str]:
    problems = []
    if not _database_up(services):
        return ["database: unreachable"]
    try:
        services.app.recorder.max_notification_id()
    except Exception as error:
        problems.append(f"database: {type(error).__name__}")
        return problems
    read_models = services.read_models
    if read_models is not None and hasattr(read_models, "lag_problems"):
        problems += read_models.lag_problems(services.settings.ready_max_lag_events)
    return problems
