"""HR scope follows the servant's state valid today: historical reads are checked against the
unit the servant is in now, and a transfer dated in the future moves nobody before its TMT."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.e2e.career import NIP, Career, default_input, legal
from tests.support import LiveServer, errors_of

OLD_UNIT, NEW_UNIT = "KEU-01", "BKN-02"  # the transfer in default_input goes KEMENKEU -> BKN

HISTORICAL_READS = {
    "careerHistory(validAt)": f'{{ careerHistory(nip: "{NIP}", validAt: "2020-06-01") {{ nip }} }}',
    "careerHistory(knownAt)": '{ careerHistory(nip: "%s", knownAt: "%s") { nip } }',
    "promotionEligibility(knownAt)": '{ promotionEligibility(nip: "%s", knownAt: "%s") { nip } }',
    "servant(validAt)": f'{{ servant(nip: "{NIP}", validAt: "2020-06-01") {{ nip }} }}',
    "careerEvents": f'{{ careerEvents(nip: "{NIP}") {{ totalCount }} }}',
    "trainingLedger": f'{{ trainingLedger(nip: "{NIP}", year: 2016) {{ nip }} }}',
}


def _moved_servant(api: LiveServer) -> str:
    """A servant of KEU-01 transferred to BKN-02 (TMT 2021); returns a time before the transfer
    was recorded."""
    career = Career(api)
    career.appoint_pns()
    career.ok("recordTraining")
    time.sleep(0.05)
    before = datetime.now(UTC).isoformat()
    time.sleep(0.05)
    career.ok("transferInstitution")
    return before


@pytest.mark.parametrize("read", HISTORICAL_READS, ids=HISTORICAL_READS.keys())
def test_historical_reads_check_scope_at_the_unit_the_servant_is_in_today(
    api: LiveServer, read: str
) -> None:
    before = _moved_servant(api)
    query = HISTORICAL_READS[read]
    if "%s" in query:
        query = query % (NIP, before)
    old_hr, new_hr = api.token("hr", scopes=(OLD_UNIT,)), api.token("hr", scopes=(NEW_UNIT,))
    # Wait for the views, so a refusal is the scope and not a view still catching up.
    api.gql(f'{{ careerHistory(nip: "{NIP}", minPosition: {api.log_head()}) {{ nip }} }}')
    api.gql(f'{{ trainingLedger(nip: "{NIP}", year: 2016, minPosition: {api.log_head()}) '
            '{ nip } }', token=new_hr)
    assert errors_of(api.gql(query, token=old_hr)) == ["FORBIDDEN"]
    assert errors_of(api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=old_hr)) == ["FORBIDDEN"]
    assert not api.gql(query, token=new_hr).get("errors")


FUTURE_TRANSFER = {
    **default_input("transferInstitution"), "tmt": "2030-01-02", "legalBasis": legal("2025-06-01"),
}


def test_future_dated_transfer_leaves_scope_with_the_current_unit_until_its_tmt(
    api: LiveServer,
) -> None:
    career = Career(api)
    career.appoint_pns()
    old_hr, new_hr = api.token("hr", scopes=(OLD_UNIT,)), api.token("hr", scopes=(NEW_UNIT,))
    transfer = career.post("transferInstitution", FUTURE_TRANSFER, token=old_hr)
    assert not transfer.get("errors"), transfer
    transfer_id = transfer["data"]["transferInstitution"]["eventId"]

    # The new unit can neither read nor write before the TMT...
    assert errors_of(api.gql(f'{{ servant(nip: "{NIP}") {{ nip }} }}', token=new_hr)) == ["FORBIDDEN"]
    career.rejects("recordTraining", default_input("recordTraining"), "FORBIDDEN", token=new_hr)
    # ...while the current unit still reads, writes and can retract the transfer.
    body = api.gql(f'{{ servant(nip: "{NIP}") {{ unitId }} }}', token=old_hr)
    assert body["data"]["servant"]["unitId"] == OLD_UNIT, body
    assert not career.post("recordTraining", default_input("recordTraining"), token=old_hr).get("errors")
    retraction = {"nip": NIP, "eventId": transfer_id, "reason": "batal", "legalBasis": legal("2025-07-01")}
    body = career.post("retractEvent", retraction, token=old_hr)
    assert not body.get("errors"), body
