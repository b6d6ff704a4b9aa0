"""The chain checker on hand-built rows: each kind of break, including the ones only the
stored links (or only a saved digest) can reveal."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from domain.errors import DomainError
from service.audit.integrity import check, check_digest, parse_digest
from service.audit.package import hash_from_payload_digest
from service.audit.tables import LinkRow, StoredRow
from service.store.chain import GENESIS, event_hash, links_for


def chain(rows: list[StoredRow]) -> list[LinkRow]:
    """The links the recorders would write for ``rows``."""
    stored = [SimpleNamespace(originator_id=r.originator_id, originator_version=r.version,
                              topic=r.topic, state=r.state) for r in rows]
    return [LinkRow(x.position, x.originator_id, x.originator_version, x.event_hash, x.chain_hash)
            for x in links_for(GENESIS, stored, [r.position for r in rows])]


class Table:
    """An events table and its chain, as the recorders would have written them."""

    def __init__(self, count: int, gap_after: int | None = None) -> None:
        self.rows: list[StoredRow] = []
        position = 0
        for n in range(1, count + 1):
            position += 2 if gap_after is not None and n == gap_after + 1 else 1
            self.rows.append(StoredRow(position, f"00000000-0000-0000-0000-00000000000{n % 3}",
                                       n, "topic", f'{{"n": {n}}}'.encode()))
        self.links = chain(self.rows)

    def event_position(self, originator_id: str, version: int) -> int | None:
        return next((r.position for r in self.rows
                     if (r.originator_id, r.version) == (originator_id, version)), None)

    def link_position(self, originator_id: str, version: int) -> int | None:
        return next((x.position for x in self.links
                     if (x.originator_id, x.version) == (originator_id, version)), None)

    def check(self):  # type: ignore[no-untyped-def]
        return check(self.rows, self.links, self)


def test_intact_table_verifies_even_across_a_sequence_gap() -> None:
    table = Table(6, gap_after=3)
    report = table.check()
    assert report.ok and report.checked == 6 and report.head_position == 7
    assert report.head_hash == table.links[-1].chain_hash


def test_event_removed_with_its_link_is_missing_where_the_chain_jumps() -> None:
    table = Table(6)
    del table.rows[2], table.links[2]
    brk = table.check().first_break
    assert brk is not None and (brk.position, brk.kind) == (4, "MISSING")


def test_edited_link_row_is_changed() -> None:
    table = Table(5)
    table.links[1] = replace(table.links[1], chain_hash="f" * 64)
    brk = table.check().first_break
    assert brk is not None and (brk.position, brk.kind) == (2, "CHANGED")


def test_event_identity_rewritten_in_place_is_changed() -> None:
    table = Table(5)
    table.rows[3] = replace(table.rows[3], version=42)
    brk = table.check().first_break
    assert brk is not None and (brk.position, brk.kind) == (4, "CHANGED")


def test_rewritten_event_with_recomputed_links_passes_the_links_but_not_the_digest() -> None:
    table = Table(5)
    digest = table.check().digest
    assert digest is not None
    table.rows[1] = replace(table.rows[1], state=b'{"n": 999}')
    table.links = chain(table.rows)
    assert table.check().ok
    failed = check_digest(table.check(), digest)
    assert not failed.ok and failed.first_break is not None
    assert failed.first_break.kind == "DIGEST_MISMATCH"


def test_digest_position_beyond_the_log_fails() -> None:
    table = Table(3)
    report = table.check()
    failed = check_digest(report, f"{report.head_hash}@9")
    assert not failed.ok and failed.first_break is not None
    assert failed.first_break.kind == "MISSING"


@pytest.mark.parametrize("text", ["", "abc@1", "g" * 64 + "@1", "a" * 64 + "@x", "a" * 64])
def test_malformed_digests_are_refused(text: str) -> None:
    with pytest.raises(DomainError) as raised:
        parse_digest(text)
    assert raised.value.code == "INVALID_DIGEST"


def test_package_hash_from_payload_digest_matches_the_recorders_event_hash() -> None:
    import hashlib

    state = b'{"x": 1}'
    assert hash_from_payload_digest(7, "id", 2, "t", hashlib.sha256(state).hexdigest()) == \
        event_hash(7, "id", 2, "t", state)
