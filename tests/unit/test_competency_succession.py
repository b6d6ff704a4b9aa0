"""The succession list for a position (domain.md §6.3): order, pool, shared places."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.competence.succession import SuccessionCandidate, succession_list
from domain.functional.verdict import Outcome

BASE = SuccessionCandidate(
    nip="198001012005011001",
    rank_eligibility=Outcome.PASS,
    jpm_percent=Decimal("85.00"),
    box=8,
    integrity=Decimal("100"),
    open_needs=0,
    evidence=("as-1", "talent-1"),
)


def nips(entries: tuple[object, ...]) -> list[str]:
    return [entry.candidate.nip for entry in entries]  # type: ignore[attr-defined]


def test_pool_members_come_first_then_eligibility_then_jpm() -> None:
    outside = replace(BASE, nip="outside", box=5, jpm_percent=Decimal("99"))
    undecided = replace(BASE, nip="undecided", rank_eligibility=Outcome.UNKNOWN)
    failing = replace(BASE, nip="failing", rank_eligibility=Outcome.FAIL, jpm_percent=Decimal("99"))
    lower_jpm = replace(BASE, nip="lower-jpm", jpm_percent=Decimal("80"))
    no_jpm = replace(BASE, nip="no-jpm", jpm_percent=None)
    ranked = succession_list([outside, failing, undecided, no_jpm, lower_jpm, BASE])
    assert nips(ranked) == [BASE.nip, "lower-jpm", "no-jpm", "undecided", "failing", "outside"]
    assert [entry.in_pool for entry in ranked] == [True] * 5 + [False]
    assert ranked[0].candidate.evidence == ("as-1", "talent-1")


def test_box_integrity_and_open_needs_break_ties_in_that_order() -> None:
    box9 = replace(BASE, nip="box9", box=9)
    less_integrity = replace(BASE, nip="integrity-85", integrity=Decimal("85"))
    with_needs = replace(BASE, nip="two-needs", open_needs=2)
    ranked = succession_list([with_needs, less_integrity, BASE, box9])
    assert nips(ranked) == ["box9", BASE.nip, "two-needs", "integrity-85"]


def test_equal_candidates_share_a_place_and_the_nip_never_orders_them() -> None:
    twin = replace(BASE, nip="197001012000012001")
    ranked = succession_list([BASE, twin, replace(BASE, nip="third", open_needs=1)])
    assert [entry.place for entry in ranked] == [1, 1, 3]
    assert nips(ranked)[:2] == [BASE.nip, twin.nip]  # input order kept, not NIP order
    reversed_input = succession_list([twin, BASE])
    assert nips(reversed_input) == [twin.nip, BASE.nip]


def test_pool_only_and_strict_policy_narrow_the_list() -> None:
    box7 = replace(BASE, nip="box7", box=7)
    unmapped = replace(BASE, nip="unmapped", box=None)
    assert nips(succession_list([box7, BASE, unmapped], pool_only=True)) == [BASE.nip, "box7"]
    strict = succession_list([box7, BASE, unmapped], policy="STRICT", pool_only=True)
    assert nips(strict) == [BASE.nip]
