"""Viewers never receive personal fields, in any payload they can reach: a history row's
details, its original values after a correction, and the corrections' changes."""

from __future__ import annotations

from typing import Any

from service.redaction import PERSONAL_FIELDS, is_personal
from tests.e2e.career import NIP, Career, legal
from tests.support import LiveServer

SECTIONS = ("rankPeriods", "positions", "units", "appraisals", "trainings", "education",
            "discipline", "statusHistory")
ROW = "details originalValues corrections { changes } retraction { changes }"
SELECTION = " ".join(f"{section} {{ {ROW} }}" for section in SECTIONS)
QUERY = f"query($nip: String!, $p: Int) {{ careerHistory(nip: $nip, minPosition: $p) {{ {SELECTION} }} }}"


def _personal_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {k for k in value if is_personal(k)}.union(*map(_personal_keys, value.values()))
    if isinstance(value, list):
        return set().union(*map(_personal_keys, value))
    return set()


def _history(api: LiveServer, role: str) -> dict[str, Any]:
    body = api.gql(QUERY, {"nip": NIP, "p": api.log_head()}, role=role)
    assert not body.get("errors"), body
    history: dict[str, Any] = body["data"]["careerHistory"]
    return history


def test_viewer_sees_no_personal_field_after_a_correction_of_the_appointment(api: LiveServer) -> None:
    career = Career(api)
    career.appoint_pns()
    correction = {
        "nip": NIP, "eventId": f"{NIP}:1", "changes": {"birthPlace": "Jakarta"},
        "reason": "salah tulis tempat lahir", "legalBasis": legal("2016-04-01"),
    }
    career.ok("correctEvent", correction)

    # The payloads do carry them, for the roles allowed to see them...
    for role in ("hr", "auditor"):
        assert _personal_keys(_history(api, role)) >= {"birthDate", "gender", "birth_place"}
    # ...and nothing personal reaches a viewer, under either spelling.
    viewer = _history(api, "viewer")
    assert _personal_keys(viewer) == set()
    assert any(row["originalValues"] for section in SECTIONS for row in viewer[section])


def test_personal_fields_are_recognised_in_both_spellings() -> None:
    assert all(is_personal(name) for name in PERSONAL_FIELDS)
    assert is_personal("birthDate") and is_personal("birthPlace") and not is_personal("name")
