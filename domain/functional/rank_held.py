"""What every rule table of a rank step reads first: the servant and the rank held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.values import Rank


@dataclass(frozen=True)
class RankHeld:
    """The rank held at the TMT, since ``rank_tmt``, proven by the event ``rank_evidence``."""

    nip: str
    rank: Rank
    rank_tmt: date
    rank_evidence: str
