"""``run_import`` on both stores: a sample SIASN export goes in through admission, a re-run
imports nothing twice, a dry run writes nothing, bad rows get their codes in the report kept
with the run, and records without an SK number are marked and listed as audit findings."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.values import Source
from service.application import Riwayat
from service.audit.findings import FindingFilter, read_findings
from service.importing import import_run_report, list_import_runs, run_import
from service.importing.sample import LEGACY_BEFORE, sample_records, write_sample
from service.projection_wiring import open_read_models
from service.settings import Settings

SERVANTS = 12


@pytest.fixture
def app(settings: Settings) -> Iterator[Riwayat]:
    application = Riwayat(env=settings.eventsourcing_env())
    yield application
    application.close()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    write_sample(tmp_path / "siasn", SERVANTS)
    return tmp_path / "siasn"


def log_length(app: Riwayat) -> int:
    return int(app.recorder.max_notification_id() or 0)


def first_nip() -> str:
    return str(sample_records(1)["data-utama"][0]["nipBaru"])


def test_a_sample_export_is_imported_through_admission_with_its_source_ids(
        settings: Settings, app: Riwayat, export: Path) -> None:
    report = run_import(settings, export, app=app)
    commands = sum(len(json.loads(f.read_text())) for f in export.glob("*.json")) \
        + SERVANTS - sum(r.outcome == "SKIPPED" for r in report.rows)  # data-utama gives two
    assert report.counts["REFUSED"] == 0, report.refusals
    assert report.counts["IMPORTED"] == commands == log_length(app)
    servant = app.servant(first_nip())
    keys = [e.source_record_id for e in servant.events]
    assert all(k is not None and k.startswith("SIASN:") for k in keys)
    assert len(set(keys)) == len(keys)
    assert {e.source for e in servant.events} == {Source.SIASN_SYNC}
    tmts = [e.tmt for e in servant.events[1:]]
    assert tmts == sorted(tmts), "admitted in TMT order"


def test_a_rerun_imports_nothing_twice(settings: Settings, app: Riwayat, export: Path) -> None:
    first = run_import(settings, export, app=app)
    length = log_length(app)
    again = run_import(settings, export, app=app)
    assert log_length(app) == length
    assert again.counts["ALREADY_IMPORTED"] == first.counts["IMPORTED"] > 0
    assert again.counts["IMPORTED"] == 0
    ids = {(r.file, r.row, r.command): r.event_id for r in first.rows if r.event_id}
    assert {(r.file, r.row, r.command): r.event_id for r in again.rows if r.event_id} == ids


def test_a_partly_imported_servant_gets_only_its_new_records(
        settings: Settings, app: Riwayat, export: Path, tmp_path: Path) -> None:
    skp = json.loads((export / "rw-skp22.json").read_text())
    (export / "rw-skp22.json").write_text(json.dumps(skp[:-3]))
    run_import(settings, export, app=app)
    (export / "rw-skp22.json").write_text(json.dumps(skp))
    extended = run_import(settings, export, app=app)
    assert extended.counts["IMPORTED"] == 3
    assert {r.source_id for r in extended.rows if r.outcome == "IMPORTED"} == {
        s["id"] for s in skp[-3:]}


def write_bad_rows(export: Path) -> None:
    nip = first_nip()
    (export / "rw-golongan-bad.json").write_text(json.dumps([
        {"id": "skip", "nipBaru": nip, "golonganId": "45", "jenisKPId": "101",
         "tmtGolongan": "01-04-2024", "skNomor": "SK/X", "skTanggal": "01-03-2024",
         "pejabatPenetap": "Kepala BKN"},
        {"id": "nobody", "nipBaru": "199909092020011001", "golonganId": "32", "jenisKPId": "101",
         "tmtGolongan": "01-04-2024"},
        {"id": "badnip", "nipBaru": "12345", "golonganId": "32", "jenisKPId": "101",
         "tmtGolongan": "01-04-2024"},
        {"id": "baddate", "nipBaru": nip, "golonganId": "32", "jenisKPId": "101",
         "tmtGolongan": "31-31-2024"},
    ]))
    (export / "rw-cuti.json").write_text(json.dumps([{"id": "c", "nipBaru": nip}]))


def test_a_dry_run_writes_nothing_and_judges_every_row_as_the_import_does(
        settings: Settings, app: Riwayat, export: Path) -> None:
    write_bad_rows(export)
    dry = run_import(settings, export, dry_run=True, app=app)
    assert log_length(app) == 0
    real = run_import(settings, export, app=app)
    assert dry.counts["VALID"] == real.counts["IMPORTED"] > 0
    assert dry.counts["IMPORTED"] == 0
    assert dry.refusals == real.refusals
    assert [(r.row, r.file, r.code) for r in dry.rows if r.outcome == "REFUSED"] == [
        (r.row, r.file, r.code) for r in real.rows if r.outcome == "REFUSED"]


def report_rows(settings: Settings, run_id: str) -> list[dict[str, Any]]:
    with import_run_report(settings, run_id).open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_the_report_csv_kept_with_the_run_gives_every_row_and_each_refusal_its_code(
        settings: Settings, app: Riwayat, export: Path) -> None:
    write_bad_rows(export)
    report = run_import(settings, export, app=app)
    [listed] = list_import_runs(settings)
    assert (listed["run_id"], listed["status"], listed["counts"]) == (
        report.run_id, "FINISHED", report.counts)
    rows = report_rows(settings, report.run_id)
    assert len(rows) == len(report.rows)
    refused = {(r["file"], r["source_id"]): r["code"] for r in rows if r["outcome"] == "REFUSED"}
    assert refused == {
        ("rw-golongan-bad.json", "skip"): "RANK_SKIP",
        ("rw-golongan-bad.json", "nobody"): "SERVANT_NOT_FOUND",
        ("rw-golongan-bad.json", "badnip"): "INVALID_NIP",
        ("rw-golongan-bad.json", "baddate"): "INVALID_DATE",
        ("rw-cuti.json", "c"): "IMPORT_KIND_UNKNOWN",
    }
    assert all(r["message"] for r in rows if r["outcome"] == "REFUSED")
    imported = [r for r in rows if r["outcome"] == "IMPORTED"]
    assert imported and all(r["code"] == "OK" and r["event_id"].startswith(r["nip"] + ":")
                            for r in imported)
    assert Counter(r["outcome"] for r in rows) == Counter(
        {k: v for k, v in report.counts.items() if v})


def test_records_without_an_sk_number_are_marked_and_listed_as_audit_findings(
        settings: Settings, app: Riwayat, export: Path) -> None:
    report = run_import(settings, export, app=app)
    servant = app.servant(first_nip())  # the first of every ten servants has legacy records
    legacy = [e for e in servant.events if e.legacy_without_sk]
    assert legacy and all(e.sk_number == "" and e.tmt < LEGACY_BEFORE for e in legacy)
    assert all(e.sk_number for e in servant.events if e.tmt >= LEGACY_BEFORE)
    flagged_rows = [r for r in report.rows if "no SK number" in r.message]
    read_models = open_read_models(settings, app)
    try:
        read_models.catch_up()
        findings = read_findings(read_models, settings,
                                 FindingFilter(kinds=["IMPORTED_WITHOUT_SK"]))
        same_actor = read_findings(read_models, settings,
                                   FindingFilter(kinds=["SAME_ACTOR_EVIDENCE"]))
    finally:
        read_models.stop()
    assert sorted(f.subject_event_id or "" for f in findings) == sorted(
        r.event_id for r in flagged_rows)
    assert {f.subject_event_id for f in findings if f.nip == servant.nip} == {
        servant.event_id(e.originator_version) for e in legacy}
    assert same_actor == []  # the importer posted both the promotions and their evidence
