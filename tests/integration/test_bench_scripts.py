"""Every benchmark script still runs and prints its figures, at a tiny size (the figures
themselves are not judged here: timings on a shared CI machine mean nothing)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import POSTGRES_URL, postgres_schema, require_postgres, selected_stores

ROOT = Path(__file__).resolve().parents[2]
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("RIWAYAT_")},
       "RIWAYAT_BENCH_POSTGRES_URL": POSTGRES_URL}
NEEDS_POSTGRES = pytest.mark.skipif("postgres" not in selected_stores(),
                                    reason="RIWAYAT_TEST_STORES excludes postgres")


def bench(*args: str, timeout: float = 300) -> str:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def built_log() -> Iterator[str]:
    """A tiny generated log with its views built, shared by the read benchmarks."""
    require_postgres()
    with postgres_schema() as url:
        out = bench("bench.generate_log", "--servants", "12", "--chunk", "6", "--database-url", url)
        assert re.search(r"wrote \d+ events for 12 servants .* events/s\); log head \d+", out), out
        bench("service.cli", "rebuild", "--quiet", "--database-url", url)
        yield url


@NEEDS_POSTGRES
def test_rebuild_bench_prints_a_rate_per_view(built_log: str) -> None:
    out = bench("bench.projection_rebuild", "--database-url", built_log, "--workers", "1")
    for label in ("raw read+decode (fast)", "career_history", "together"):
        assert re.search(rf"{re.escape(label)}.*\d+ events\s+[\d.]+s\s+[\d,]+ events/s", out), out


@NEEDS_POSTGRES
def test_promotion_reads_bench_prints_latencies_per_scenario(built_log: str) -> None:
    out = bench("bench.promotion_reads", "--skip-generate", "--database-url", built_log,
                "--requests", "4", "--rounds", "1", "--concurrency", "2", "--port", "18690")
    for scenario in ("candidates unit", "candidates eligibleOnly", "eligibility"):
        assert re.search(rf"{scenario}\s+B\s+[\d.]+\s+[\d.]+\s+[\d.]+", out), out


@NEEDS_POSTGRES
def test_worker_rss_bench_prints_each_read_and_the_workers_memory(built_log: str) -> None:
    out = bench("bench.worker_rss", "--database-url", built_log, "--seconds", "0.5",
                "--connections", "2", "--port", "18695")
    for phase in ("careerHistory", "promotionEligibility", "candidates by unit"):
        assert re.search(rf"{phase}\s+[\d.]+ req/s\s+p50\s+[\d.]+ ms\s+p99\s+[\d.]+ ms\s+\([1-9]", out), out
    assert re.search(r"worker RSS at the end: [1-9]\d* MB, peak [1-9]\d* MB", out), out


@NEEDS_POSTGRES
def test_write_load_bench_checks_the_log_against_the_acknowledgements() -> None:
    require_postgres()
    out = bench("bench.write_load", "--store", "postgres", "--connections", "2", "--seconds", "1",
                "--servants", "3")
    assert re.search(r"connections=2: [\d,]+ acknowledged/s \([1-9]\d* in .* log grew \d+ "
                     r"\(== acknowledged\)", out), out


def test_write_load_bench_runs_on_sqlite() -> None:
    out = bench("bench.write_load", "--store", "sqlite", "--connections", "2", "--seconds", "1",
                "--servants", "3")
    assert "(== acknowledged)" in out, out


@NEEDS_POSTGRES
def test_projection_lag_bench_prints_the_lag_of_every_view() -> None:
    require_postgres()
    out = bench("bench.projection_lag", "--rate", "20", "--seconds", "1", "--servants", "3",
                "--writers", "2")
    assert re.search(r"[\d,]+ committed events/s for .* \(asked 20/s; [1-9]\d* events", out), out
    assert re.search(r"projection workers [\d.]+ CPU s, [\d.]+ ms CPU per event", out), out
    for view in ("career_history", "promotion", "all views \\(slowest\\)"):
        assert re.search(rf"lag {view}\s+p50\s+[\d.]+ ms\s+p99\s+[\d.]+ ms .*\([1-9]\d* events\)",
                         out), out


@NEEDS_POSTGRES
def test_bulk_append_bench_prints_events_per_second() -> None:
    require_postgres()
    with postgres_schema() as url:
        out = bench("bench.bulk_append", "--servants", "5", "--database-url", url)
    assert re.search(r"[\d,]+ events/s", out), out


def test_career_history_bench_prints_medians() -> None:
    out = bench("bench.career_history", "--servants", "8", "--store", "sqlite", "--rounds", "1",
                "--seconds", "0.5", "--connections", "2", "--port", "18697")
    assert re.search(r"B \(this tree\)\s+[\d.]+ req/s\s+p50\s+[\d.]+ ms\s+p99", out), out
    assert re.search(r"worker RSS [1-9]\d* MB", out), out


def test_audit_package_size_bench_prints_a_row_per_size(tmp_path: Path) -> None:
    out = bench("bench.audit_package_size", "--sizes", "100,200", "--database",
                str(tmp_path / "audit.db"))
    rows = [line for line in out.splitlines() if re.match(r"\s*\d+\s+\d+\s+[\d,]+", line)]
    assert len(rows) == 2, out


@NEEDS_POSTGRES
def test_copy_formats_bench_prints_medians() -> None:
    require_postgres()
    out = bench("bench.copy_formats", "--database-url", POSTGRES_URL, "--servants", "5",
                "--runs", "1")
    assert re.search(r"\d", out) and "text" in out, out
