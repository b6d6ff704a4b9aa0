"""careerHistory answers served from the response cache are exact: a write, a correction or
a rebuild switch is seen by the next read, a viewer never gets an HR answer's personal
fields, an HR token limited to some units never uses it, and errors are never kept."""

from __future__ import annotations

from typing import Any, cast

from service.asgi import RiwayatGraphQL
from service.response_cache import ResponseCache
from tests.e2e.career import NIP, Career, default_input, legal
from tests.e2e.test_personal_redaction import SELECTION, _personal_keys
from tests.support import LiveServer

QUERY = f"query($nip: String!) {{ careerHistory(nip: $nip) {{ lastPosition {SELECTION} }} }}"
WAIT = "query($nip: String!, $p: Int) { careerHistory(nip: $nip, minPosition: $p) { nip } }"


def _cache(api: LiveServer) -> ResponseCache:
    for route in api.server.config.app.routes:
        endpoint = getattr(route, "endpoint", None)
        if isinstance(endpoint, RiwayatGraphQL) and endpoint.response_cache is not None:
            return endpoint.response_cache
    raise AssertionError("no response cache on /graphql")


def _caught_up(api: LiveServer) -> None:
    """Waits (with a read the cache never answers) until the views hold the log's head."""
    body = api.gql(WAIT, {"nip": NIP, "p": api.log_head()})
    assert not body.get("errors"), body


def _read(api: LiveServer, **kwargs: Any) -> dict[str, Any]:
    body = api.gql(QUERY, {"nip": NIP}, **kwargs)
    assert not body.get("errors"), body
    return cast(dict[str, Any], body["data"]["careerHistory"])


def _appointed(api: LiveServer) -> Career:
    career = Career(api)
    career.appoint_pns()
    _caught_up(api)
    return career


def _correct_birth_place(api: LiveServer, career: Career) -> None:
    correction = {"nip": NIP, "eventId": f"{NIP}:1", "changes": {"birthPlace": "Jakarta"},
                  "reason": "salah tulis tempat lahir", "legalBasis": legal("2016-04-01")}
    career.ok("correctEvent", correction)
    _caught_up(api)


def test_a_repeated_read_is_answered_from_the_cache(api: LiveServer) -> None:
    _appointed(api)
    cache = _cache(api)
    first = _read(api)
    assert (cache.hits, cache.misses) == (0, 1)
    assert _read(api) == first
    assert cache.hits == 1


def test_a_write_or_a_correction_shows_in_the_next_read(api: LiveServer) -> None:
    career = _appointed(api)
    before = _read(api)
    _read(api)  # now cached
    career.ok("recordTraining", default_input("recordTraining"))
    _caught_up(api)
    after = _read(api)
    assert after["lastPosition"] > before["lastPosition"]
    assert len(after["trainings"]) == len(before["trainings"]) + 1
    _correct_birth_place(api, career)
    corrected = _read(api)
    assert corrected["lastPosition"] > after["lastPosition"]
    assert any(row["originalValues"] for row in corrected["statusHistory"] + corrected["units"]
               + corrected["rankPeriods"] + corrected["positions"] + corrected["education"])


def test_a_viewer_never_gets_an_hr_answer(api: LiveServer) -> None:
    _correct_birth_place(api, _appointed(api))
    for _ in range(2):  # the second HR read is a hit: the entry is there
        assert _personal_keys(_read(api, role="hr")) >= {"birthDate", "gender"}
    for _ in range(2):
        assert _personal_keys(_read(api, role="viewer")) == set()
    assert _cache(api).hits == 2


def test_an_hr_token_limited_to_units_never_uses_the_cache(api: LiveServer) -> None:
    _appointed(api)
    scoped = api.token("hr", ("KEMENKEU",))
    _read(api, token=scoped)
    _read(api, token=scoped)
    assert (_cache(api).hits, _cache(api).misses) == (0, 0)
    outside = api.post(QUERY, {"nip": NIP}, token=api.token("hr", ("BKN",))).json()
    assert [e["extensions"]["code"] for e in outside["errors"]] == ["FORBIDDEN"]


def test_a_rebuild_switch_is_never_answered_from_before_it(api: LiveServer) -> None:
    _appointed(api)
    cache = _cache(api)
    _read(api)
    _read(api)
    assert cache.hits == 1
    api.services.read_models.rebuild(["career_history"], workers=0)
    _read(api)
    assert (cache.hits, cache.misses) == (1, 2)  # the new generation's first read is a miss
    _read(api)
    assert cache.hits == 2


def test_errors_are_never_cached(api: LiveServer) -> None:
    _appointed(api)
    cache = _cache(api)
    wrong = "query($nip: String!) { careerHistory(nip: $nip) { nip noSuchField } }"
    for _ in range(2):
        body = api.gql(wrong, {"nip": NIP})
        assert body["errors"] and not body.get("data")
    unknown = "query($nip: String!) { careerHistory(nip: $nip) { nip } }"
    for _ in range(2):
        assert api.gql(unknown, {"nip": "198505052010012002"})["errors"]
    assert cache.size_bytes == 0 and cache.hits == 0


def test_variables_that_change_the_selection_change_the_answer(api: LiveServer) -> None:
    _appointed(api)
    query = ("query($nip: String!, $ranks: Boolean!) { careerHistory(nip: $nip) { nip "
             "rankPeriods @include(if: $ranks) { title } } }")
    for ranks in (True, False, True, False):
        body = api.gql(query, {"nip": NIP, "ranks": ranks})
        assert ("rankPeriods" in body["data"]["careerHistory"]) is ranks, body
    assert _cache(api).hits == 2
