"""Over GraphQL: after an import of a sample SIASN export, an auditor finds the records that
came without an SK number as IMPORTED_WITHOUT_SK findings, one per such event, and none of
the imported promotions as same-actor evidence."""

from __future__ import annotations

from pathlib import Path

from service.importing import run_import
from service.importing.sample import LEGACY_BEFORE, write_sample
from tests.e2e.test_audit_promotion import audit_api, findings  # noqa: F401
from tests.support import LiveServer


def test_imported_records_without_an_sk_are_audit_findings(
        audit_api: LiveServer, tmp_path: Path) -> None:  # noqa: F811
    write_sample(tmp_path / "siasn", 11)  # every tenth servant's early records have no SK
    report = run_import(audit_api.settings, tmp_path / "siasn")
    legacy = {r.event_id for r in report.rows if "no SK number" in r.message}
    assert legacy
    found = findings(audit_api, kinds=["IMPORTED_WITHOUT_SK"])
    assert {f["subjectEventId"] for f in found} == legacy
    assert all(f["severity"] == "LOW" and f["period"] < LEGACY_BEFORE.isoformat()
               and "without an SK number" in f["explanation"] for f in found)
    assert {f["nip"] for f in found} == {r.nip for r in report.rows if r.event_id in legacy}
    assert findings(audit_api, kinds=["SAME_ACTOR_EVIDENCE"]) == []
