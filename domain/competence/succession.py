"""A succession list for one position, ranked and explained (domain.md §6.3 [DESIGN]).

Candidates come with rank eligibility, JPM against the position's standard, talent box,
integrity and development status, each with the evidence it rests on. The order is:
talent-pool members first, then rank eligibility (pass, undetermined, fail), JPM, box,
integrity and fewest open needs. Candidates equal on all of these share a place: no
tie-breaker may read the NIP, which encodes birth date and sex (§8: never used).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.competence.talent import in_talent_pool
from domain.functional.verdict import Outcome

_ELIGIBILITY_ORDER = {Outcome.PASS: 0, Outcome.UNKNOWN: 1, Outcome.FAIL: 2}


@dataclass(frozen=True)
class SuccessionCandidate:
    nip: str
    rank_eligibility: Outcome  # for the position's lowest rank
    jpm_percent: Decimal | None  # against the position's standard in force
    box: int | None
    integrity: Decimal | None  # the merit view's integrity component, 0-100
    open_needs: int
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class SuccessionEntry:
    place: int  # 1-based; equal candidates share a place
    candidate: SuccessionCandidate
    in_pool: bool


def _key(
    candidate: SuccessionCandidate, policy: str
) -> tuple[int, int, Decimal, int, Decimal, int]:
    in_pool = candidate.box is not None and in_talent_pool(candidate.box, policy)
    missing = Decimal(-1)  # below every real value
    return (
        0 if in_pool else 1,
        _ELIGIBILITY_ORDER[candidate.rank_eligibility],
        -(candidate.jpm_percent if candidate.jpm_percent is not None else missing),
        -(candidate.box or 0),
        -(candidate.integrity if candidate.integrity is not None else missing),
        candidate.open_needs,
    )


def succession_list(
    candidates: Iterable[SuccessionCandidate], policy: str = "DEFAULT", pool_only: bool = False
) -> tuple[SuccessionEntry, ...]:
    """Candidates in succession order; ``pool_only`` keeps talent-pool members only."""
    keyed = [(_key(c, policy), c) for c in candidates]
    keyed.sort(key=lambda pair: pair[0])
    entries: list[SuccessionEntry] = []
    previous = None
    for index, (key, candidate) in enumerate(keyed, start=1):
        in_pool = key[0] == 0
        if pool_only and not in_pool:
            continue
        place = entries[-1].place if key == previous and entries else index
        entries.append(SuccessionEntry(place, candidate, in_pool))
        previous = key
    return tuple(entries)
