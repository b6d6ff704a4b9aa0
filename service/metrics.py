"""Prometheus metrics, written by hand in the text exposition format (no extra dependency).

Counters live in one registry per process, like prometheus_client's default: each API
process is its own scrape target. The log and projection figures are read at scrape time,
so they are right whichever process wrote the events."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Recording
from strawberry.extensions import SchemaExtension

from service.application import Riwayat
from service.store.eventsourcing_adapter import CommitHooks

log = logging.getLogger("riwayat.metrics")

# Seconds; GraphQL calls here range from ~1 ms reads to a few seconds under lock contention.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.http_requests: Counter[tuple[str, str, str]] = Counter()  # path, method, status
        self.operations: Counter[tuple[str, str]] = Counter()  # operation, outcome
        self.latency_buckets: Counter[tuple[str, float]] = Counter()
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_count: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()  # extensions.code
        self.events: Counter[str] = Counter()  # event type

    def observe_http(self, path: str, method: str, status: int) -> None:
        with self._lock:
            self.http_requests[(path, method, str(status))] += 1

    def observe_operation(self, operation: str, seconds: float, codes: Iterable[str]) -> None:
        codes = list(codes)
        with self._lock:
            self.operations[(operation, "error" if codes else "ok")] += 1
            self.latency_sum[operation] += seconds
            self.latency_count[operation] += 1
            for bound in BUCKETS:
                if seconds <= bound:
                    self.latency_buckets[(operation, bound)] += 1
            for code in codes:
                self.errors[code] += 1

    def count_errors(self, *codes: str) -> None:
        with self._lock:
            for code in codes:
                self.errors[code] += 1

    def count_events(self, types: Iterable[str]) -> None:
        with self._lock:
            self.events.update(types)

    def render(
        self, read_models: Any = None, log_head: int | None = None, database_up: bool = True
    ) -> str:
        with self._lock:
            lines = list(self._render_counters())
        lines += _family("riwayat_database_up", "gauge", "1 while the database answers the probe.")
        lines.append(f"riwayat_database_up {int(database_up)}")
        if log_head is not None:
            lines += _family(
                "riwayat_log_head_position", "gauge", "Highest notification id in the event log."
            )
            lines.append(f"riwayat_log_head_position {log_head}")
        lines += _projection_lines(read_models)
        return "\n".join(lines) + "\n"

    def _render_counters(self) -> Iterator[str]:
        yield from _family(
            "riwayat_http_requests_total", "counter", "HTTP requests by path, method and status."
        )
        for (path, method, status), n in sorted(self.http_requests.items()):
            yield f"riwayat_http_requests_total{_labels(path=path, method=method, status=status)} {n}"
        yield from _family(
            "riwayat_graphql_requests_total",
            "counter",
            "GraphQL operations by root field and outcome.",
        )
        for (operation, outcome), n in sorted(self.operations.items()):
            yield f"riwayat_graphql_requests_total{_labels(operation=operation, outcome=outcome)} {n}"
        yield from _family(
            "riwayat_graphql_duration_seconds", "histogram", "GraphQL operation latency."
        )
        for operation in sorted(self.latency_count):
            for bound in BUCKETS:
                n = self.latency_buckets[(operation, bound)]
                yield f"riwayat_graphql_duration_seconds_bucket{_labels(operation=operation, le=repr(bound))} {n}"
            total = self.latency_count[operation]
            yield f"riwayat_graphql_duration_seconds_bucket{_labels(operation=operation, le='+Inf')} {total}"
            yield f"riwayat_graphql_duration_seconds_sum{_labels(operation=operation)} {self.latency_sum[operation]:.6f}"
            yield f"riwayat_graphql_duration_seconds_count{_labels(operation=operation)} {total}"
        yield from _family(
            "riwayat_errors_total", "counter", "Errors returned to clients by extensions.code."
        )
        for code, n in sorted(self.errors.items()):
            yield f"riwayat_errors_total{_labels(code=code)} {n}"
        yield from _family(
            "riwayat_events_appended_total", "counter", "Events appended by this process, by type."
        )
        for event_type, n in sorted(self.events.items()):
            yield f"riwayat_events_appended_total{_labels(type=event_type)} {n}"


REGISTRY = Metrics()


class MeteredRiwayat(Riwayat, CommitHooks):
    """The application, counting what it appends (after the transaction committed)."""

    name = "Riwayat"  # the subclass must keep the pinned name: it prefixes the tables

    def after_commit(self, recordings: list[Recording[UUID]]) -> None:
        REGISTRY.count_events(type(r.domain_event).__name__ for r in recordings)


class OperationMetrics(SchemaExtension):
    """Counts and times each GraphQL operation under its root field name (only names the
    schema knows, so a fuzzer cannot blow up the label set)."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        codes = (
            [
                str((e.extensions or {}).get("code", "UNKNOWN"))
                for e in (context.result.errors or [])
            ]
            if context.result is not None
            else []
        )
        REGISTRY.observe_operation(_operation_label(context), time.perf_counter() - started, codes)


def _operation_label(context: Any) -> str:
    try:
        document = context.graphql_document
        operation = context.operation_type.value if context.operation_type else "unknown"
    except Exception:  # a document that did not parse has no operation
        return "invalid"
    if document is None:
        return "invalid"
    root = (
        context.schema._schema.get_root_type(context.operation_type)
        if context.operation_type
        else None
    )
    for definition in document.definitions:
        for selection in getattr(getattr(definition, "selection_set", None), "selections", ()):
            name = getattr(getattr(selection, "name", None), "value", None)
            if root is not None and name in root.fields:
                return f"{operation}.{name}"
    return "invalid"


def _projection_lines(read_models: Any) -> list[str]:
    if read_models is None or not hasattr(read_models, "status"):
        return []
    try:
        statuses = read_models.status(now=datetime.now(UTC))
    except Exception as error:  # metrics must render even when the store is down
        log.warning("projection status unavailable", extra={"error": repr(error)})
        return []
    lines = _family(
        "riwayat_projection_position", "gauge", "Last log position applied by each view."
    )
    lines += [f"riwayat_projection_position{_view_labels(s)} {s.position}" for s in statuses]
    lines += _family(
        "riwayat_projection_lag_events", "gauge", "Events between the log head and each view."
    )
    lines += [f"riwayat_projection_lag_events{_view_labels(s)} {s.lag_events}" for s in statuses]
    lines += _family(
        "riwayat_projection_lag_seconds", "gauge", "Age of the oldest event a view has not applied."
    )
    lines += [
        f"riwayat_projection_lag_seconds{_view_labels(s)} {s.lag_seconds:.3f}" for s in statuses
    ]
    lines += _family(
        "riwayat_projection_failed", "gauge", "1 when a view stopped on a poison event."
    )
    lines += [f"riwayat_projection_failed{_view_labels(s)} {int(bool(s.error))}" for s in statuses]
    return lines


def _view_labels(status: Any) -> str:
    return _labels(
        view=status.name, generation=str(status.generation), active=str(status.active).lower()
    )


def _family(name: str, kind: str, help_text: str) -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def _labels(**labels: str) -> str:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')

    return "{" + ",".join(f'{key}="{escape(value)}"' for key, value in labels.items()) + "}"
