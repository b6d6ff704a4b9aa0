"""Given/when/then for a rank demotion (penurunan pangkat, a discipline outcome)."""

from __future__ import annotations

from datetime import date

from domain.values import Rank
from tests.unit.given import a_pns, envelope, promoted, refused, state_of


def test_a_demotion_to_a_lower_rank_sets_the_rank_and_its_tmt() -> None:
    servant = a_pns(rank=Rank.III_A)
    promoted(servant, Rank.III_B, date(2019, 4, 1))
    servant.demote_rank(envelope(date(2021, 3, 1)), new_rank=Rank.III_A, reason="hukuman disiplin")
    state = state_of(servant)
    assert (state.rank, state.rank_tmt) == (Rank.III_A, date(2021, 3, 1))
    assert state.ranks[-1].version == servant.version
    assert state.ranks[-1].promotion_type is None


def test_a_demotion_to_the_rank_held_is_refused_and_writes_nothing() -> None:
    servant = a_pns(rank=Rank.III_A)
    before = servant.version
    error = refused("RANK_SKIP", servant.demote_rank, envelope(date(2021, 3, 1)),
                    new_rank=Rank.III_A, reason="hukuman disiplin")
    assert error.field == "newRank"
    assert servant.version == before


def test_a_demotion_to_a_higher_rank_is_refused() -> None:
    servant = a_pns(rank=Rank.III_A)
    refused("RANK_SKIP", servant.demote_rank, envelope(date(2021, 3, 1)),
            new_rank=Rank.III_B, reason="hukuman disiplin")
