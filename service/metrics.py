"""Prometheus metrics through ``prometheus_client``.

Under ``riwayat serve`` every API process writes its counters to the directory named by
``PROMETHEUS_MULTIPROC_DIR`` (prepared by ``service.metrics_dir`` before any worker starts),
so one scrape of any worker adds up every worker's counters. Without that variable (an app
built in-process, as the tests do) the counters live in the process. The log and projection
figures are read from the database at scrape time, so they are right whichever process wrote
the events."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Recording
from graphql import GraphQLSchema
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from strawberry.extensions import SchemaExtension

from service.application import Riwayat
from service.store.eventsourcing_adapter import CommitHooks

log = logging.getLogger("riwayat.metrics")

# prometheus_client picks file-backed values when this is set as it is imported, so the mode
# is read once, here, like the library does.
MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
# Seconds; GraphQL calls here range from ~1 ms reads to a few seconds under lock contention.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

disable_created_metrics()  # type: ignore[no-untyped-call]  # the multiprocess collector has no *_created samples either
_PROCESS = CollectorRegistry()
HTTP_REQUESTS = Counter("riwayat_http_requests", "HTTP requests by path, method and status.",
                        ("path", "method", "status"), registry=_PROCESS)
OPERATIONS = Counter("riwayat_graphql_requests", "GraphQL operations by root field and outcome.",
                     ("operation", "outcome"), registry=_PROCESS)
LATENCY = Histogram("riwayat_graphql_duration_seconds", "GraphQL operation latency.",
                    ("operation",), buckets=BUCKETS, registry=_PROCESS)
ERRORS = Counter("riwayat_errors", "Errors returned to clients by extensions.code.", ("code",),
                 registry=_PROCESS)
EVENTS = Counter("riwayat_events_appended", "Events appended, by type.", ("type",),
                 registry=_PROCESS)


class Metrics:
    def observe_http(self, path: str, method: str, status: int) -> None:
        HTTP_REQUESTS.labels(path, method, str(status)).inc()

    def observe_operation(self, operation: str, seconds: float, codes: Iterable[str]) -> None:
        codes = list(codes)
        OPERATIONS.labels(operation, "error" if codes else "ok").inc()
        LATENCY.labels(operation).observe(seconds)
        self.count_errors(*codes)

    def count_errors(self, *codes: str) -> None:
        for code in codes:
            ERRORS.labels(code).inc()

    def count_events(self, types: Iterable[str]) -> None:
        for event_type in types:
            EVENTS.labels(event_type).inc()

    def render(
        self, read_models: Any = None, log_head: int | None = None, database_up: bool = True
    ) -> str:
        registry = CollectorRegistry()
        if MULTIPROCESS:
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        else:
            registry.register(_Registered(_PROCESS))
        registry.register(_ReadAtScrape(read_models, log_head, database_up))
        return generate_latest(registry).decode()

    def process_exiting(self) -> None:
        """A worker stops: its live gauges go (its counters stay in the sums)."""
        if MULTIPROCESS:
            multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


REGISTRY = Metrics()


class MeteredRiwayat(Riwayat, CommitHooks):
    """The application, counting what it appends (after the transaction committed)."""

    name = "Riwayat"  # the subclass must keep the pinned name: it prefixes the tables

    def after_commit(self, recordings: list[Recording[UUID]]) -> None:
        REGISTRY.count_events(type(r.domain_event).__name__ for r in recordings)


class OperationMetrics(SchemaExtension):
    """Counts and times each GraphQL operation under its root field name (only names the
    schema knows, so a fuzzer cannot blow up the label set)."""

    def __init__(self, roots: dict[str, frozenset[str]]) -> None:
        super().__init__()
        self.roots = roots

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
        REGISTRY.observe_operation(self._label(context), time.perf_counter() - started, codes)

    def _label(self, context: Any) -> str:
        try:
            document = context.graphql_document
            operation = context.operation_type.value if context.operation_type else "unknown"
        except Exception:  # a document that did not parse has no operation
            return "invalid"
        if document is None:
            return "invalid"
        known = self.roots.get(operation, frozenset())
        for definition in document.definitions:
            for selection in getattr(getattr(definition, "selection_set", None), "selections", ()):
                name = getattr(getattr(selection, "name", None), "value", None)
                if name in known:
                    return f"{operation}.{name}"
        return "invalid"


def root_fields(schema: GraphQLSchema) -> dict[str, frozenset[str]]:
    """The root field names per operation type (``query``, ``mutation``)."""
    roots = {"query": schema.query_type, "mutation": schema.mutation_type}
    return {kind: frozenset(root.fields) for kind, root in roots.items() if root is not None}


class _Registered(Collector):
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterable[Metric]:
        return self.registry.collect()


class _ReadAtScrape(Collector):
    """The database probe, the log head and the views' positions, read for this scrape."""

    def __init__(self, read_models: Any, log_head: int | None, database_up: bool) -> None:
        self.read_models, self.log_head, self.database_up = read_models, log_head, database_up

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily("riwayat_database_up", "1 while the database answers the probe.",
                                value=int(self.database_up))
        if self.log_head is not None:
            yield GaugeMetricFamily("riwayat_log_head_position",
                                    "Highest notification id in the event log.",
                                    value=self.log_head)
        yield from _projection_families(self.read_models)


_VIEW_LABELS = ("view", "generation", "active")
_PROJECTION_GAUGES = (
    ("riwayat_projection_position", "Last log position applied by each view.",
     lambda s: s.position),
    ("riwayat_projection_lag_events", "Events between the log head and each view.",
     lambda s: s.lag_events),
    ("riwayat_projection_lag_seconds", "Age of the oldest event a view has not applied.",
     lambda s: round(s.lag_seconds, 3)),
    ("riwayat_projection_failed", "1 when a view stopped on a poison event.",
     lambda s: int(bool(s.error))),
)


def _projection_families(read_models: Any) -> Iterator[Metric]:
    if read_models is None or not hasattr(read_models, "status"):
        return
    try:
        statuses = read_models.status(now=datetime.now(UTC))
    except Exception as error:  # metrics must render even when the store is down
        log.warning("projection status unavailable", extra={"error": repr(error)})
        return
    for name, help_text, value in _PROJECTION_GAUGES:
        family = GaugeMetricFamily(name, help_text, labels=_VIEW_LABELS)
        for s in statuses:
            family.add_metric([s.name, str(s.generation), str(s.active).lower()], value(s))
        yield family
