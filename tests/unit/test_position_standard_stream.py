"""A position's standard stream: admitted by the envelope's rules and the competence module's
checks, revised by later versions, ended by a retirement; what breaks a rule triggers nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import DomainError
from domain.position_standard import PositionStandardStream, in_force, standard_stream_id
from tests.unit.given import envelope

FROM = date(2020, 1, 1)


def payload(**changes: Any) -> dict[str, Any]:
    return {"required": {"INTEGRITAS": 3}, "valid_to": None, "min_rank": None,
            "min_education": None, "trainings": "PKP", "min_experience_months": None, **changes}


def opened(**changes: Any) -> PositionStandardStream:
    stream, _ = PositionStandardStream.set_first("JF-X", envelope(FROM), **payload(**changes))
    return stream


def test_a_first_standard_opens_the_position_stream_keyed_by_position() -> None:
    stream = opened()
    assert stream.id == standard_stream_id("JF-X")
    [standard] = stream.standards
    assert (standard.standard_id, standard.valid_from, standard.required) == (
        "JF-X:1", FROM, (("INTEGRITAS", 3),))
    assert standard.requirements.trainings == frozenset({"PKP"})


def test_a_revision_supersedes_from_its_day_and_the_earlier_stays_in_force_before() -> None:
    stream = opened()
    stream.revise(envelope(date(2023, 1, 1)), **payload(required={"INTEGRITAS": 4}))
    assert in_force(stream.events, date(2022, 12, 31)).standard_id == "JF-X:1"  # type: ignore[union-attr]
    assert in_force(stream.events, date(2023, 1, 1)).standard_id == "JF-X:2"  # type: ignore[union-attr]


def test_a_retirement_ends_the_version_it_names() -> None:
    stream = opened()
    stream.retire(envelope(date(2024, 6, 30)), 1)
    assert in_force(stream.events, date(2024, 6, 30)) is not None
    assert in_force(stream.events, date(2024, 7, 1)) is None


@pytest.mark.parametrize(("changes", "code"), [
    ({"required": {"INTEGRITAS": 6}}, "COMPETENCY_LEVEL_OUT_OF_RANGE"),
    ({"required": {"MEMASAK": 2}}, "COMPETENCY_NOT_IN_DICTIONARY"),
    ({"required": {}}, "STANDARD_WITHOUT_COMPETENCIES"),
    ({"valid_to": date(2019, 1, 1)}, "INVALID_VALIDITY_PERIOD"),
])
def test_a_bad_first_standard_is_refused(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(DomainError) as caught:
        opened(**changes)
    assert caught.value.code == code


def test_a_revision_on_the_same_day_or_with_a_bad_level_triggers_nothing() -> None:
    stream = opened()
    for when, changes, code in ((FROM, {}, "STANDARD_OVERLAPS_EXISTING"),
                                (date(2021, 1, 1), {"required": {"INTEGRITAS": 0}},
                                 "COMPETENCY_LEVEL_OUT_OF_RANGE")):
        with pytest.raises(DomainError) as caught:
            stream.revise(envelope(when), **payload(**changes))
        assert caught.value.code == code
    assert stream.version == 1


def test_a_retirement_of_an_unknown_version_or_before_the_start_is_refused() -> None:
    stream = opened()
    for when, version, code in ((date(2021, 1, 1), 5, "INVALID_TARGET"),
                                (date(2019, 1, 1), 1, "INVALID_VALIDITY_PERIOD")):
        with pytest.raises(DomainError) as caught:
            stream.retire(envelope(when), version)
        assert caught.value.code == code
    assert stream.version == 1


def test_an_sk_dated_after_the_recording_day_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        PositionStandardStream.set_first(
            "JF-X", envelope(FROM, sk_date=date(2027, 1, 1)), **payload())
    assert caught.value.code == "SK_DATE_IN_FUTURE"
