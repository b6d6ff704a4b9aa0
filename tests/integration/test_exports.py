"""Reports from the read models, on both stores: the DUK in seniority order, the nominative
list, a riwayat with its correction, candidates with their failing rules, a training ledger;
and the API's access rules (HR scope, no personal columns for a viewer, bad parameters)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import DomainError
from projections.read_models import ReadModels
from service.application import Riwayat
from service.auth import Principal
from service.exports import ExportSource, build_report
from service.exports.duk import facts_of_unit, seniority_key
from service.seed import seed

pytest_plugins = ["tests.integration.conftest_projections"]

CORRECTED = "198203152008031001"  # the seed's Andi Wijaya, with a corrected appraisal
TODAY = date(2026, 6, 1)
AUDITOR = Principal("auditor-1", "auditor")


@pytest.fixture
def seeded(app: Riwayat, read_models: ReadModels) -> ReadModels:
    seed(app, servants=24, random_seed=11, today=TODAY)
    read_models.catch_up()
    return read_models


def source(models: ReadModels, app: Riwayat, principal: Principal = AUDITOR) -> ExportSource:
    return ExportSource(models, app, principal, TODAY)


def largest_unit(models: ReadModels) -> str:
    rows = models.promotion_facts()
    units = [unit for _nip, _name, unit, _un, _f in rows]
    return max(set(units), key=units.count)


def rows_of(models: ReadModels, app: Riwayat, name: str, principal: Principal = AUDITOR,
            **parameters: Any) -> tuple[list[str], list[list[Any]]]:
    report = build_report(source(models, app, principal), name, parameters)
    return [c.key for c in report.columns], [list(r) for r in report.rows]


def test_duk_lists_the_unit_in_seniority_order(seeded: ReadModels, app: Riwayat) -> None:
    unit = largest_unit(seeded)
    keys, rows = rows_of(seeded, app, "duk", unit=unit)
    facts = facts_of_unit(source(seeded, app), unit)
    assert len(rows) == len(facts) >= 2
    nips = [row[keys.index("nip")] for row in rows]
    assert nips == sorted(facts, key=lambda nip: seniority_key(facts[nip], nip))
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
    ranks = [facts[nip].rank.ordinal for nip in nips]
    assert ranks == sorted(ranks, reverse=True)


def test_a_viewer_gets_no_birth_date_nor_age(seeded: ReadModels, app: Riwayat) -> None:
    unit = largest_unit(seeded)
    viewer = Principal("v", "viewer")
    for name in ("duk", "nominative"):
        keys, rows = rows_of(seeded, app, name, viewer, unit=unit)
        assert not {"birth_date", "age", "gender"} & set(keys), name
        assert rows and all(len(row) == len(keys) for row in rows)
    keys, rows = rows_of(seeded, app, "riwayat", viewer, nip=CORRECTED)
    assert "birthDate" not in str(rows) and "birth_date" not in str(rows)
    assert "1982-03-15" not in str([row[keys.index("details")] for row in rows])


def test_hr_reads_only_the_units_its_token_covers(seeded: ReadModels, app: Riwayat) -> None:
    unit = largest_unit(seeded)
    with pytest.raises(DomainError) as refused:
        rows_of(seeded, app, "duk", Principal("h", "hr", ("ELSEWHERE",)), unit=unit)
    assert refused.value.code == "FORBIDDEN"
    with pytest.raises(DomainError) as refused:
        rows_of(seeded, app, "riwayat", Principal("h", "hr", ("ELSEWHERE",)), nip=CORRECTED)
    assert refused.value.code == "FORBIDDEN"
    keys, rows = rows_of(seeded, app, "duk", Principal("h", "hr", (unit,)), unit=unit)
    assert rows and "birth_date" in keys


def test_the_riwayat_shows_the_correction_and_its_provenance(seeded: ReadModels,
                                                              app: Riwayat) -> None:
    keys, rows = rows_of(seeded, app, "riwayat", nip=CORRECTED)
    corrected = [row for row in rows if row[keys.index("corrected")]]
    assert corrected, "the seed corrects one appraisal"
    assert "Hasil keberatan penilaian kinerja" in str(corrected[0][keys.index("corrections")])
    assert all(row[keys.index("sk_number")] for row in rows)


def test_candidates_carry_the_rules_they_fail(seeded: ReadModels, app: Riwayat) -> None:
    unit = largest_unit(seeded)
    keys, rows = rows_of(seeded, app, "candidates", period="2026-10-01", unit=unit)
    ranked = seeded.promotion_candidates(date(2026, 10, 1), unit_id=unit)
    assert [row[keys.index("nip")] for row in rows] == [c.nip for c in ranked]
    for row, candidate in zip(rows, ranked, strict=True):
        failed = [o.rule_id for o in candidate.eligibility.outcomes if o.outcome != "PASS"]
        assert row[keys.index("failed_rules")] == failed
        assert all(rule in row[keys.index("explanations")] for rule in failed)


def test_the_training_ledger_has_a_row_per_servant(seeded: ReadModels, app: Riwayat) -> None:
    unit = largest_unit(seeded)
    keys, rows = rows_of(seeded, app, "training-ledger", unit=unit, year="2024")
    ledgers, total = seeded.training_ledgers(unit, 2024, 100, 0)
    assert len(rows) == total == len(ledgers)
    assert [row[keys.index("total_hours")] for row in rows] == [x.total_hours for x in ledgers]


@pytest.mark.parametrize(("name", "parameters", "code"), [
    ("duk", {}, "INVALID_REPORT_PARAMETER"),
    ("candidates", {"period": "tomorrow"}, "INVALID_REPORT_PARAMETER"),
    ("training-ledger", {"unit": "U1", "year": "1800"}, "INVALID_REPORT_PARAMETER"),
    ("riwayat", {"nip": "123"}, "INVALID_NIP"),
    ("payroll", {}, "UNKNOWN_REPORT"),
])
def test_bad_report_parameters_are_refused_with_a_code(
        seeded: ReadModels, app: Riwayat, name: str, parameters: dict[str, str],
        code: str) -> None:
    with pytest.raises(DomainError) as refused:
        rows_of(seeded, app, name, **parameters)
    assert refused.value.code == code


def test_the_development_plan_has_a_row_per_servant_with_its_hours(
        app: Riwayat, read_models: ReadModels) -> None:
    from service.sample.careers import build_servants

    app.save(*build_servants(0, 12))
    read_models.catch_up()
    unit = largest_unit(read_models)
    keys, rows = rows_of(read_models, app, "development-plan", unit=unit, year="2023")
    ledgers, total = read_models.training_ledgers(unit, 2023, 100, 0)
    assert len(rows) == total >= 1
    assert all(row[keys.index("jp_target")] == 20 for row in rows)
    assert [row[keys.index("below_target")] for row in rows] == [
        row[keys.index("jp_done")] < 20 for row in rows]
