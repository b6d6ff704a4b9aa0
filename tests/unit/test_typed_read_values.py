"""The enums and typed particulars of the read side cover every value the code produces: each
finding kind's particulars, each chain-break kind, each requirement a career gap can name; and
a typed payload withheld from a viewer loses its personal fields at any depth."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from domain.values import Gender
from service.audit import integrity
from service.audit.findings import KINDS, Finding
from service.graphql.audit_types import BreakKind, IntegrityStatus
from service.graphql.career_types import GapRequirement, StandardStatus
from service.graphql.change_types import CHANGES_TYPES
from service.graphql.event_types import PAYLOAD_TYPES
from service.graphql.finding_details import FindingSeverity, particulars_of
from service.graphql.history_payloads import withheld
from service.redaction import is_personal

ROOT = Path(__file__).resolve().parents[2]

DETAILS = {
    "PROMOTION_RULES_FAILED": {"failed_rules": ["R2"]},
    "PROMOTION_DURING_PENALTY": {},
    "SAME_ACTOR_EVIDENCE": {"actor": "hr-1", "evidence": [{"eventId": "N:3", "hours": 1.5}]},
    "BACKDATED_SK": {"event_type": "EducationCompleted"},
    "VERDICT_CHANGED": {"promotion": "N:4", "then": "NON_COMPLIANT", "now": "COMPLIANT",
                        "failed_then": ["R2"], "failed_now": []},
    "APPRAISAL_DISTRIBUTION": {"counts": {"BAIK": 4, "SANGAT_BAIK": 1}, "year": 2016},
    "IMPORTED_WITHOUT_SK": {"event_type": "RankPromoted", "source": "rw-golongan:77"},
}


def _finding(kind: str) -> Finding:
    return Finding(kind, "HIGH", "N", "U", "2019-04-01", "N:4", ["N:2", "N:4"], [2, 4], "x",
                   501.0, None, "p", DETAILS[kind])


def test_every_finding_kind_has_particulars_of_its_own_type() -> None:
    typed = {kind: particulars_of(_finding(kind)) for kind in KINDS}
    assert len({type(p) for p in typed.values()}) == len(KINDS)
    assert typed["PROMOTION_DURING_PENALTY"].penalty_event_ids == ["N:2"]
    assert typed["BACKDATED_SK"].days_late == 501
    assert typed["SAME_ACTOR_EVIDENCE"].evidence[0].hours_before == 1.5
    assert typed["IMPORTED_WITHOUT_SK"].source_record_id == "rw-golongan:77"
    counts = typed["APPRAISAL_DISTRIBUTION"].counts
    assert {(c.predikat.name, c.count) for c in counts} == {("BAIK", 4), ("SANGAT_BAIK", 1)}


def test_severities_written_by_the_findings_are_enum_values() -> None:
    written = set()
    for path in (ROOT / "projections/views/audit_findings").glob("*.py"):
        written |= set(re.findall(r'rows\.add\([A-Z_"]+, "([A-Z]+)"', path.read_text()))
    written.add("WARNING")  # the unit-level distribution warning, computed at read time
    assert written and written <= {s.name for s in FindingSeverity}


def test_every_chain_break_kind_is_an_enum_value() -> None:
    kinds = {integrity.CHANGED, integrity.MISSING, integrity.REORDERED, integrity.INSERTED,
             integrity.DIGEST_MISMATCH}
    assert kinds == {k.name for k in BreakKind}
    assert {s.name for s in IntegrityStatus} == {"OK", "BROKEN"}


def test_every_requirement_a_career_gap_names_is_an_enum_value() -> None:
    sources = [ROOT / "domain/competence/career_path.py", ROOT / "service/standard_reads.py"]
    named = {m for p in sources
             for m in re.findall(r'(?:_check|RequirementCheck)\(\s*"([A-Z_]+)"', p.read_text())}
    assert {"RANK", "COMPETENCY"} <= named
    assert named == {r.name for r in GapRequirement}
    assert StandardStatus.of(None) is StandardStatus.NOT_ASSESSED
    assert StandardStatus.of(object()) is StandardStatus.ASSESSED


def test_a_withheld_payload_has_its_personal_fields_null_at_any_depth() -> None:
    appointed = next(t for c, t in PAYLOAD_TYPES.items() if c.__name__ == "CpnsAppointed")
    changes_type = next(t for c, t in CHANGES_TYPES.items() if c.__name__ == "CpnsAppointed")
    changes = changes_type(changed_fields=["birthPlace", "name"], birth_place="Jakarta",
                           name="Budi")
    hidden = withheld(changes)
    assert hidden.birth_place is None and hidden.name == "Budi"
    assert hidden.changed_fields == ["name"]
    personal = [name for name in appointed.__dataclass_fields__ if is_personal(name)]
    assert set(personal) == {"birth_date", "birth_place", "gender"}
    values = {name: None for name in appointed.__dataclass_fields__}
    full = appointed(**{**values, "name": "Budi", "birth_date": date(1990, 1, 1),
                        "birth_place": "Bandung", "gender": Gender.MALE})
    shown = withheld(full)
    assert shown.name == "Budi" and all(getattr(shown, n) is None for n in personal)
    assert full.birth_place == "Bandung"  # the original object is left as it was
    correction_type = next(t for c, t in PAYLOAD_TYPES.items() if c.__name__ == "EventCorrected")
    correction = correction_type(**{**{n: None for n in correction_type.__dataclass_fields__},
                                    "corrected": changes})
    assert withheld(correction).corrected.birth_place is None
    assert correction.corrected.birth_place == "Jakarta"
