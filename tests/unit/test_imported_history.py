"""Imported history older than the SK discipline: an event without an SK number is admitted
only when it is marked ``legacy_without_sk`` (which only an import sets), keeps its source
record id, and is an audit finding (IMPORTED_WITHOUT_SK) until a correction gives it an SK."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.audit_findings import imported_without_sk
from domain.envelope import Envelope
from domain.state import effective_events
from domain.values import Rank
from tests.unit.given import a_pns, envelope, promotion, refused

TMT = date(2019, 4, 1)


def legacy(tmt: date) -> Envelope:
    return replace(envelope(tmt, sk_number="", sk_official=""), legacy_without_sk=True,
                   source_record_id="SIASN:rw-golongan:abc")


def test_an_event_without_an_sk_number_is_refused_unless_marked_as_legacy_history() -> None:
    servant = a_pns()
    refused("MISSING_FIELD", servant.promote_rank, envelope(TMT, sk_number=""),
            **promotion(Rank.III_B))
    servant.promote_rank(legacy(TMT), **promotion(Rank.III_B))
    recorded = servant.events[-1]
    assert (recorded.sk_number, recorded.legacy_without_sk, recorded.source_record_id) == (
        "", True, "SIASN:rw-golongan:abc")


def test_events_recorded_without_the_import_marks_read_the_defaults() -> None:
    servant = a_pns()
    assert {(e.legacy_without_sk, e.source_record_id) for e in servant.events} == {(False, None)}


def test_a_legacy_event_is_a_finding_until_a_correction_gives_it_an_sk_number() -> None:
    servant = a_pns()
    servant.promote_rank(legacy(TMT), **promotion(Rank.III_B))
    version = servant.version
    flagged = [i.version for i in effective_events(servant.events) if imported_without_sk(i.event)]
    assert flagged == [version]
    servant.correct_event(envelope(TMT), target_version=version,
                          changes={"sk_number": "SK/KP/2019", "sk_official": "Kepala BKN"},
                          reason="SK ditemukan di arsip")
    assert not any(imported_without_sk(i.event) for i in effective_events(servant.events))


def test_an_event_with_an_sk_number_is_no_finding_whatever_its_mark() -> None:
    servant = a_pns()
    marked = replace(envelope(TMT), legacy_without_sk=True)
    servant.promote_rank(marked, **promotion(Rank.III_B))
    assert not imported_without_sk(servant.events[-1])
