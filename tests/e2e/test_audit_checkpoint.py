"""``integrityCheckpoint`` and ``integrityInclusionProof`` over HTTP: an auditor takes a
checkpoint, proves an event against it offline, and after more writes gets a consistency proof
from the saved head; bad sizes and unknown events get codes; other roles are refused."""

from __future__ import annotations

import json
from typing import Any

from service.audit.checkpoint import parse_checkpoint
from service.audit.merkle import leaf_hash, verify_consistency, verify_inclusion
from tests.e2e.career import NIP, Career
from tests.support import LiveServer

CHECKPOINT = """query($since: Int) { integrityCheckpoint(sinceTreeSize: $since) {
  treeSize rootHash headPosition chainDigest takenAt digest savedForm consistencyProof } }"""
INCLUSION = """query($id: String!, $size: Int) { integrityInclusionProof(eventId: $id, treeSize: $size) {
  eventId position leafIndex eventHash leafHash treeSize proof } }"""


def ask(api: LiveServer, query: str, variables: dict[str, Any], field: str) -> dict[str, Any]:
    body = api.gql(query, variables, role="auditor")
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"][field]
    return result


def codes(api: LiveServer, query: str, variables: dict[str, Any], role: str = "auditor"
          ) -> list[str]:
    return [e["extensions"]["code"] for e in api.gql(query, variables, role=role)["errors"]]


def test_an_event_is_proved_against_a_saved_checkpoint_and_the_log_stays_consistent(
        api: LiveServer) -> None:
    career = Career(api).appoint_pns()
    appraisal = career.ok("recordAppraisal")
    head = ask(api, CHECKPOINT, {}, "integrityCheckpoint")
    saved = parse_checkpoint(json.loads(head["savedForm"]))
    assert (saved.tree_size, saved.root_hash, saved.digest) == (3, head["rootHash"], head["digest"])
    assert head["headPosition"] == appraisal["position"] and head["consistencyProof"] is None
    proof = ask(api, INCLUSION, {"id": f"{NIP}:3"}, "integrityInclusionProof")
    assert proof["leafIndex"] == 2 and proof["leafHash"] == leaf_hash(
        bytes.fromhex(proof["eventHash"])).hex()
    assert verify_inclusion(2, 3, bytes.fromhex(proof["leafHash"]),
                            [bytes.fromhex(h) for h in proof["proof"]], saved.root)
    career.ok("recordTraining")
    later = ask(api, CHECKPOINT, {"since": saved.tree_size}, "integrityCheckpoint")
    assert later["treeSize"] == 4
    assert verify_consistency(3, 4, saved.root, bytes.fromhex(later["rootHash"]),
                              [bytes.fromhex(h) for h in later["consistencyProof"]])
    old = ask(api, INCLUSION, {"id": f"{NIP}:3", "size": 3}, "integrityInclusionProof")
    assert old["proof"] == proof["proof"] and old["treeSize"] == 3


def test_bad_sizes_and_unknown_events_are_refused_with_codes(api: LiveServer) -> None:
    Career(api).appoint_pns()
    assert codes(api, CHECKPOINT, {"since": 99}) == ["CHECKPOINT_AHEAD"]
    assert codes(api, CHECKPOINT, {"since": -1}) == ["INVALID_CHECKPOINT"]
    assert codes(api, INCLUSION, {"id": f"{NIP}:9"}) == ["EVENT_NOT_FOUND"]
    assert codes(api, INCLUSION, {"id": "nonsense"}) == ["EVENT_NOT_FOUND"]
    assert codes(api, INCLUSION, {"id": f"{NIP}:2", "size": 1}) == ["INVALID_CHECKPOINT"]
    assert codes(api, INCLUSION, {"id": f"{NIP}:2", "size": 50}) == ["CHECKPOINT_AHEAD"]
    assert codes(api, CHECKPOINT, {}, role="hr") == ["FORBIDDEN"]
    assert codes(api, INCLUSION, {"id": f"{NIP}:1"}, role="viewer") == ["FORBIDDEN"]
