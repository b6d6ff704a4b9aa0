"""Exact answers to single-servant reads, kept per process and served without GraphQL.

A cached answer is keyed by everything it depends on: the query text and operation name
(through its plan, service.graphql.single_servant_read), the variables, the caller's role
(the redaction class) and scopes, the career_history view's active generation and the
servant's log position in it. Generation and position are read by one indexed statement
from one snapshot before every lookup, so any new event of the servant (a correction or a
retraction too), a rebuild switch, or another role or scope finds no entry: nothing is ever
invalidated, stale entries are simply never asked for again and age out.

Only answers that cannot depend on anything else are kept: HTTP 200, no errors, the
subtree completed from the view's rows alone (service.graphql.plain_execution), no header
set by a resolver, and rows of the same version (the resolver's statement returns the
generation and position it read, from its own snapshot; else the version is read again after
the execution), so the answer is the rows of that version, not of a write that landed
meanwhile. HR tokens limited to some
units never use the cache: whether such a token may read a servant is decided from the log
on today's date, which neither the view's position nor the key captures.

Bounded by the bytes it holds, least recently used first out. All of it runs on the event
loop, so the bookkeeping needs no lock."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from domain.errors import DomainError
from projections import json_codec
from projections.views.career_history import single_read
from service.auth import Principal
from service.graphql.permissions import READERS
from service.graphql.plain_execution import PLAIN_COMPLETIONS
from service.graphql.single_servant_read import HISTORY_VERSION, ServantReadPlans
from service.json_body import decode_bounded
from service.metrics import REGISTRY
from service.scope import needs_servant_scope

# Per entry beyond the answer: the key's tuple, the variables' bytes and the dict slot.
ENTRY_OVERHEAD = 256
_PAYLOAD_KEYS = frozenset({"query", "variables", "operationName"})
_JSON = "application/json"
# The metrics label of an answer served from here (the operation it answers).
CACHED_OPERATION = "query.careerHistory"


@dataclass(frozen=True)
class Probe:
    """A qualifying request, its key and the view version the key names."""

    key: tuple[Any, ...]
    nip: str
    version: tuple[Any, ...]
    principal: Principal


class ResponseCache:
    def __init__(self, max_bytes: int, max_tokens: int) -> None:
        self.max_bytes = max_bytes
        self.plans = ServantReadPlans(max_tokens)
        self._answers: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._bytes = 0
        self.hits = self.misses = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    async def serve(self, request: Request,
                    run: Callable[[Request], Awaitable[Response]]) -> Response:
        """The cached answer when there is one, else ``run``'s (kept when it qualifies).
        ``run`` leaves its GraphQL context in ``request.state.graphql_context``."""
        started, services = time.perf_counter(), request.state.services
        probe = await self.probe(request, services)
        if probe is None:
            return await run(request)
        cached = self.answer(probe)
        if cached is not None:
            request.state.actor = f"{probe.principal.role}:{probe.principal.subject}"
            REGISTRY.observe_operation(CACHED_OPERATION, time.perf_counter() - started, [])
            return cached
        response = await run(request)
        await self.keep(probe, response, getattr(request.state, "graphql_context", None),
                        services)
        return response

    async def probe(self, request: Request, services: Any) -> Probe | None:
        """The request's key, or None when it does not qualify (the standard path then
        answers it, errors included)."""
        if self.max_bytes <= 0 or request.method != "POST" or services.read_models is None:
            return None
        if not request.headers.get("content-type", "").startswith(_JSON):
            return None
        payload = _payload(await request.body())
        if payload is None:
            return None
        query, variables, operation_name = payload
        plan = self.plans.plan(query, operation_name)
        nip = plan.nip(variables) if plan is not None else None
        if nip is not None and not _nip_shaped(nip):
            nip = None  # anything else takes the checked path, which answers its error
        principal = await _principal(request, services) if nip is not None else None
        if nip is None or principal is None:
            return None
        if principal.role not in READERS or needs_servant_scope(principal):
            return None
        version = await _version(services.read_models, nip)
        if version is None:
            return None
        variables_key = json_codec.dumps_sorted(variables)
        key = (plan, variables_key, principal.role, principal.scopes, *version)
        return Probe(key, nip, version, principal)

    def answer(self, probe: Probe) -> Response | None:
        body = self._answers.get(probe.key)
        if body is None:
            self.misses += 1
            return None
        self.hits += 1
        self._answers.move_to_end(probe.key)
        return Response(body, 200, media_type=_JSON)

    async def keep(self, probe: Probe, response: Response, context: dict[str, Any] | None,
                   services: Any) -> None:
        """Remember ``response`` under the probe's key if it is exactly that version's
        error-free answer."""
        if response.status_code != 200 or context is None or context.get("failed", True):
            return
        if context.get(PLAIN_COMPLETIONS) != [True]:
            return
        if {name for name, _ in response.headers.items()} != {"content-type", "content-length"}:
            return
        # The version of the rows the answer was made of, read in the resolver's snapshot;
        # without it, the version read again (a write may have landed meanwhile).
        shown = context.get(HISTORY_VERSION)
        if shown is None:
            shown = await _version(services.read_models, probe.nip)
        if shown != probe.version:
            return
        self._store(probe, bytes(response.body))

    def _store(self, probe: Probe, body: bytes) -> None:
        cost = len(body) + len(probe.key[1]) + ENTRY_OVERHEAD
        if cost > self.max_bytes:
            return
        old = self._answers.pop(probe.key, None)
        if old is not None:
            self._bytes -= len(old) + len(probe.key[1]) + ENTRY_OVERHEAD
        self._answers[probe.key] = body
        self._bytes += cost
        while self._bytes > self.max_bytes:
            key, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped) + len(key[1]) + ENTRY_OVERHEAD


def _payload(body: bytes) -> tuple[str, dict[str, Any], str | None] | None:
    try:
        payload = decode_bounded(body)
    except Exception:  # the standard path reports a malformed body
        return None
    if not isinstance(payload, dict) or not set(payload) <= _PAYLOAD_KEYS:
        return None
    query, variables = payload.get("query"), payload.get("variables") or {}
    operation_name = payload.get("operationName")
    if not isinstance(query, str) or not isinstance(variables, dict):
        return None
    if operation_name is not None and not isinstance(operation_name, str):
        return None
    return query, variables, operation_name


async def _principal(request: Request, services: Any) -> Principal | None:
    authorization = request.headers.get("authorization")
    authenticator = services.authenticator
    if authenticator.key_set is not None:
        await asyncio.to_thread(authenticator.warm_keys, authorization)
    try:
        principal: Principal = services.authenticate(authorization)
    except DomainError:  # the standard path reports it
        return None
    return principal


async def _version(read_models: Any, nip: str) -> tuple[Any, ...] | None:
    """(active generation, the servant's last log position), or None without such a row."""
    try:
        row = await read_models.current.fetch_async(
            single_read.VIEW_NAME, single_read.version_statement, (nip,))
    except DomainError:  # the view is being built or switching: no cache meanwhile
        return None
    if row is None or row[1] is None:
        return None
    return int(row[0]), int(row[1])


def _nip_shaped(nip: str) -> bool:
    """Eighteen ASCII digits: the only values the cache looks up before the input policy."""
    return len(nip) == 18 and nip.isascii() and nip.isdigit()
