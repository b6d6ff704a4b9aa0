"""careerHistory's cheap path: one statement per read, a rebuild switch made by another
process seen by the next read, and the plain completion answering exactly what graphql-core's
standard execution answers."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import strawberry
from graphql import GraphQLObjectType

from projections.read_models import ReadModels
from service.application import Riwayat
from service.auth import Principal, utc_now
from service.graphql.plain_execution import PlainTreeExecutionContext
from service.settings import Settings
from tests.integration.test_projection_graphql import NIP, Query, record_budi

pytest_plugins = ["tests.integration.conftest_projections"]

TRAIL = "eventId position recordedAt recordedBy { id role } reason skNumber changes"
FULL = ("query($nip: String!, $withTitles: Boolean!) { careerHistory(nip: $nip) { "
        "__typename nip name status statusTmt cpnsTmt pnsTmt rank rankTmt positionName unitId "
        "unitName institutionId institutionName lastVersion lastPosition again: name "
        "rankPeriods { ...row } positions { ...row } units { ...row } appraisals { ...row } "
        "trainings { ...row } education { ...row } discipline { ...row } "
        "statusHistory { ...row title @include(if: $withTitles) } } } "
        "fragment row on HistoryEntry { section sequence tmt untilTmt title @skip(if: "
        "$withTitles) details originalValues corrected retracted provenance { eventIds "
        "positions skNumber skDate skOfficial recordedBy { id role } recordedAt } "
        f"corrections {{ {TRAIL} }} retraction {{ {TRAIL} }} }}")


_OPEN: list[Any] = []


class _CountingFallbacks(PlainTreeExecutionContext):
    standard: list[str] = []

    def collect_and_execute_subfields(self, return_type: GraphQLObjectType, *args: Any) -> Any:
        _CountingFallbacks.standard.append(return_type.name)
        return super().collect_and_execute_subfields(return_type, *args)


def _answer(schema: strawberry.Schema, settings: Settings, app: Riwayat, models: ReadModels,
            role: str, with_titles: bool) -> Any:
    services = SimpleNamespace(settings=settings, app=app, read_models=models, clock=utc_now)
    principal = Principal(f"{role}-1", role, ("*",))

    async def run() -> Any:
        try:
            return await schema.execute(
                FULL, variable_values={"nip": NIP, "withTitles": with_titles},
                context_value={"services": services, "principal": lambda: principal})
        finally:
            await models.close_async()

    result = asyncio.run(run())
    assert result.errors is None, result.errors
    return result.data


def test_plain_completion_answers_exactly_what_standard_execution_answers(
    settings: Settings, app: Riwayat, read_models: ReadModels
) -> None:
    record_budi(app)
    read_models.catch_up()
    standard = strawberry.Schema(query=Query)
    plain = strawberry.Schema(query=Query, execution_context_class=_CountingFallbacks)
    for role in ("hr", "viewer", "auditor"):
        for with_titles in (True, False):
            _CountingFallbacks.standard.clear()
            expected = _answer(standard, settings, app, read_models, role, with_titles)
            assert _answer(plain, settings, app, read_models, role, with_titles) == expected
            # No object of the history tree went through per-field execution.
            assert _CountingFallbacks.standard == []
    assert expected["careerHistory"]["trainings"][0]["corrections"][0]["changes"] == {"hours": 16}


CANDIDATES = ("query($f: CandidateFilter) { promotionCandidates(filter: $f, first: 5) { "
              "__typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor "
              "endCursor } edges { cursor node { id nip name eligible candidateTmt "
              "earliestEligibleDate failedRules decision promotionKind rules { ruleId passed outcome evidenceEventIds } "
              "merit { total components { code weight score inputs { name value } } } } } } }")


def test_a_candidates_page_completes_plainly_with_the_standard_answer(
    settings: Settings, app: Riwayat, read_models: ReadModels
) -> None:
    record_budi(app)
    read_models.catch_up()
    services = SimpleNamespace(settings=settings, app=app, read_models=read_models,
                               clock=utc_now)
    principal = Principal("auditor-1", "auditor", ("*",))

    def answer(schema: strawberry.Schema, candidate_filter: dict[str, Any]) -> Any:
        async def run() -> Any:
            try:
                return await schema.execute(
                    CANDIDATES, variable_values={"f": candidate_filter},
                    context_value={"services": services, "principal": lambda: principal})
            finally:
                await read_models.close_async()
        result = asyncio.run(run())
        assert result.errors is None, result.errors
        return result.data

    standard = strawberry.Schema(query=Query)
    plain = strawberry.Schema(query=Query, execution_context_class=_CountingFallbacks)
    for candidate_filter in ({}, {"rank": "III_B"}, {"eligibleOnly": True}):
        _CountingFallbacks.standard.clear()
        expected = answer(standard, candidate_filter)
        assert answer(plain, candidate_filter) == expected
        assert _CountingFallbacks.standard == []  # no object of the page went field by field
    assert answer(standard, {})["promotionCandidates"]["edges"][0]["node"]["nip"] == NIP


def _statements(settings: Settings, read_models: ReadModels, folder: Path) -> list[str]:
    """Every statement the reader connections send from now on, traced by the driver."""
    sent: list[str] = []
    if settings.is_postgres:
        from psycopg import pq

        trace = folder / "libpq-trace.txt"
        handle = trace.open("w")
        _OPEN.append(handle)

        def hook(raw: Any) -> None:
            raw.pgconn.trace(handle.fileno())
            raw.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)

        read_models.store.connection_hooks.append(hook)  # type: ignore[attr-defined]
        sent.append(str(trace))
    else:
        def sqlite_hook(raw: sqlite3.Connection) -> None:
            raw.set_trace_callback(sent.append)

        read_models.store.connection_hooks.append(sqlite_hook)  # type: ignore[attr-defined]
    return sent


def _sent_from(settings: Settings, sent: list[str]) -> list[str]:
    if not settings.is_postgres:
        return sent
    lines = Path(sent[0]).read_text().splitlines()
    # Frontend messages that run a statement: a simple Query, or Bind (extended protocol).
    return [line for line in lines
            if line.startswith("F") and line.split("\t")[2] in ("Query", "Bind")]


def test_a_read_sends_one_statement_once_the_generation_is_known(
    settings: Settings, app: Riwayat, read_models: ReadModels, tmp_path: Path
) -> None:
    record_budi(app)
    read_models.catch_up()
    sent = _statements(settings, read_models, tmp_path)

    async def reads() -> list[Any]:
        try:
            return [await read_models.career_history_async(NIP) for _ in range(8)]
        finally:
            await read_models.close_async()

    answers = asyncio.run(reads())
    statements = _sent_from(settings, sent)
    # The first read looks the generation up; each later one is a single statement.
    assert len(statements) == 1 + 8, statements
    assert answers[0] is not None and answers[0].summary["nip"] == NIP
    assert all(answer == answers[0] for answer in answers)
    before = len(statements)
    assert read_models.career_history(NIP) == answers[0]  # the sync path (minPosition)
    assert len(_sent_from(settings, sent)) <= before + 2  # its own thread: maybe a lookup
    read_models.stop()
    while _OPEN:
        _OPEN.pop().close()


def test_a_rebuild_switch_in_another_process_is_seen_by_the_next_read(
    settings: Settings, app: Riwayat, read_models: ReadModels
) -> None:
    record_budi(app)
    read_models.catch_up()
    assert (first := read_models.career_history(NIP)) is not None
    old = read_models.current._known["career_history"]
    env = {**os.environ, "RIWAYAT_DATABASE_URL": settings.database_url}
    subprocess.run([sys.executable, "-m", "service.cli", "rebuild", "career_history"],
                   env=env, check=True, capture_output=True)
    # Mark the new generation's row, so an answer from the old one could not pass.
    with read_models.store.reader() as conn:
        new = conn.execute("SELECT active_generation FROM projection_registry "
                           "WHERE name = 'career_history'")[0][0]
    assert new != old
    writer = read_models.store.connect()
    try:
        with writer.write():
            writer.execute(f"UPDATE career_servant_g{new} SET name = 'Budi (rebuilt)'")
    finally:
        writer.close()
    for read in (read_models.career_history, _async_read(read_models)):
        found = read(NIP)
        assert found is not None and found.summary["name"] == "Budi (rebuilt)"
        assert found.entries == first.entries
        # The record names the rows it was read from: the new generation, at Budi's position.
        assert found.version == (new, found.summary["last_position"])
    assert read_models.current._known["career_history"] == new


def _async_read(read_models: ReadModels) -> Any:
    def read(nip: str) -> Any:
        async def run() -> Any:
            try:
                return await read_models.career_history_async(nip)
            finally:
                await read_models.close_async()
        return asyncio.run(run())
    return read
