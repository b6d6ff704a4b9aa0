"""Annual-credit coefficients and credit thresholds of PermenPANRB 1/2023 as data (§7.3).

Before PermenPANRB 1/2023 credit came from itemised activities (butir kegiatan) under each
JF's own regulation; those tables are not modelled, so no regime covers earlier dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from types import MappingProxyType

from domain.rules.validity import InForce
from domain.values import FunctionalLevel, Predikat, Rank

_L, _R, _P = FunctionalLevel, Rank, Predikat


class Track(Enum):
    EXPERT = "EXPERT"  # keahlian
    SKILLED = "SKILLED"  # keterampilan


TRACK_OF_LEVEL: MappingProxyType[FunctionalLevel, Track] = MappingProxyType(
    {
        _L.AHLI_PERTAMA: Track.EXPERT,
        _L.AHLI_MUDA: Track.EXPERT,
        _L.AHLI_MADYA: Track.EXPERT,
        _L.AHLI_UTAMA: Track.EXPERT,
        _L.PEMULA: Track.SKILLED,
        _L.TERAMPIL: Track.SKILLED,
        _L.MAHIR: Track.SKILLED,
        _L.PENYELIA: Track.SKILLED,
    }
)
# The next level on each track; the top of each track has none.
NEXT_LEVEL: MappingProxyType[FunctionalLevel, FunctionalLevel | None] = MappingProxyType(
    {
        _L.AHLI_PERTAMA: _L.AHLI_MUDA,
        _L.AHLI_MUDA: _L.AHLI_MADYA,
        _L.AHLI_MADYA: _L.AHLI_UTAMA,
        _L.AHLI_UTAMA: None,
        _L.PEMULA: _L.TERAMPIL,
        _L.TERAMPIL: _L.MAHIR,
        _L.MAHIR: _L.PENYELIA,
        _L.PENYELIA: None,
    }
)


@dataclass(frozen=True)
class CreditRegime(InForce):
    regime_id: str
    valid_from: date
    valid_to: date | None
    predikat_percent: MappingProxyType[Predikat, int]
    coefficient: MappingProxyType[FunctionalLevel, Decimal]
    # Credit for one rank step, keyed by track and current rank (AKK_KP).
    rank_step: MappingProxyType[tuple[Track, Rank], int]
    # Credit for one level step, keyed by the current level; absent = not in the table.
    level_step: MappingProxyType[FunctionalLevel, int]
    degree_bonus_percent: int  # of AKK, granted once for a higher degree
    source: str
    verify_note: str


_EXPERT, _SKILLED = Track.EXPERT, Track.SKILLED
PERMENPANRB_1_2023 = CreditRegime(
    regime_id="AK-2023.1",
    # The regulation is of January 2023 and credit is converted from the 2023 SKP onward;
    # the exact day of entry into force is not checked [VERIFY].
    valid_from=date(2023, 1, 1),
    valid_to=None,
    predikat_percent=MappingProxyType(
        {
            _P.SANGAT_BAIK: 150,
            _P.BAIK: 100,
            _P.BUTUH_PERBAIKAN: 75,
            _P.KURANG: 50,
            _P.SANGAT_KURANG: 25,
        }
    ),
    coefficient=MappingProxyType(
        {
            _L.AHLI_PERTAMA: Decimal("12.5"),
            _L.AHLI_MUDA: Decimal("25"),
            _L.AHLI_MADYA: Decimal("37.5"),
            _L.AHLI_UTAMA: Decimal("50"),
            _L.PEMULA: Decimal("3.75"),
            _L.TERAMPIL: Decimal("5"),
            _L.MAHIR: Decimal("12.5"),
            _L.PENYELIA: Decimal("25"),
        }
    ),
    rank_step=MappingProxyType(
        {
            (_EXPERT, _R.III_A): 50,
            (_EXPERT, _R.III_B): 50,
            (_EXPERT, _R.III_C): 100,
            (_EXPERT, _R.III_D): 100,
            (_EXPERT, _R.IV_A): 150,
            (_EXPERT, _R.IV_B): 150,
            (_EXPERT, _R.IV_C): 150,
            (_EXPERT, _R.IV_D): 200,
            # Skilled track thresholds are [VERIFY] (domain.md §10 item 10).
            (_SKILLED, _R.II_A): 15,
            (_SKILLED, _R.II_B): 20,
            (_SKILLED, _R.II_C): 20,
            (_SKILLED, _R.II_D): 20,
            (_SKILLED, _R.III_A): 50,
            (_SKILLED, _R.III_B): 50,
            (_SKILLED, _R.III_C): 100,
        }
    ),
    # Skilled-track level steps are not in domain.md, so they are left out (UNKNOWN).
    level_step=MappingProxyType({_L.AHLI_PERTAMA: 100, _L.AHLI_MUDA: 200, _L.AHLI_MADYA: 450}),
    degree_bonus_percent=25,
    source="PermenPANRB 1/2023 and its annex [REG S14]; coefficients as in SIASN [SIASN]",
    verify_note="day of entry into force; skilled-track thresholds (domain.md §10 item 10)",
)
CREDIT_REGIMES: tuple[CreditRegime, ...] = (PERMENPANRB_1_2023,)


def credit_regime_at(day: date) -> CreditRegime | None:
    for regime in CREDIT_REGIMES:
        if regime.covers(day):
            return regime
    return None
