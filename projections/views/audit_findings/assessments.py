"""The two assessments of every promotion of a servant (``domain.audit_findings.assess``), with
the work they share done once, and remembered between batches.

A verdict (``judge``: the facts of a basis and the rule set judging them) depends on the basis
events and the promotion's TMT and type alone. *Then* and *now* usually stand on the same basis,
since what was recorded after a promotion mostly has a later TMT; they share one verdict. In
live mode every new event of a servant recomputes its rows, yet the *then* assessment reads only
the events recorded by the promotion's timestamp, and the basis of an earlier promotion rarely
changes: both are remembered from the servant's previous batch. Each is kept under the exact
versions it reads, not a count or a position, because recording times need not rise with
versions (clocks skew), and it is reused only when those events equal the ones it was computed
from, so a reused assessment is the one ``assess`` would compute. The servant's pass over its
units (``units.py``) is kept beside them."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.audit_findings import Assessment, assessment_basis, judge, servant_nip
from domain.promotion import Eligibility, PromotionFacts
from domain.servant import CivilServant as CS
from domain.state import effective_events
from domain.values import PromotionType
from projections.engine.view import ServantHistory
from projections.views.audit_findings.units import UnitsOnDates

Events = tuple[CS.Event, ...]
_ThenKey = tuple[int, tuple[int, ...]]  # the promotion's version, the versions known by then
_VerdictKey = tuple[tuple[int, ...], date, PromotionType]  # basis versions, the TMT, the type


@dataclass
class _Servant:
    nip: str
    then: dict[_ThenKey, tuple[Events, Assessment]] = field(default_factory=dict)
    verdicts: dict[_VerdictKey, tuple[Events, PromotionFacts, Eligibility | None]] = field(
        default_factory=dict)
    units: UnitsOnDates | None = None


def _same(kept: Events, events: Sequence[CS.Event]) -> bool:
    # The events a servant's batches decode are usually the very same objects.
    return len(kept) == len(events) and all(a is b or a == b for a, b in zip(kept, events, strict=True))


class ServantAssessments:
    """The assessments of one servant's history; ``kept`` is what its previous batch left."""

    def __init__(self, history: ServantHistory, kept: _Servant | None) -> None:
        self.history = history
        self.nip = servant_nip(history.events)
        self._kept = kept if kept is not None and kept.nip == self.nip else _Servant(self.nip)
        # What this history used, the next batch's ``kept``.
        self.computed = _Servant(self.nip, units=self._kept.units)

    def units(self) -> UnitsOnDates:
        """The servant's units on dates (``units.py``), going on from the previous batch's
        pass; call it once per history."""
        units = UnitsOnDates(self.history.effective, self._kept.units)
        self.computed.units = units
        return units

    def then(self, version: int) -> Assessment:
        """``assess(events, version, <the promotion's recording time>)``."""
        events = self.history.events
        known_at = events[version - 1].timestamp
        known = [e for e in events if e.timestamp <= known_at]
        key = (version, tuple(e.originator_version for e in known))
        found = self._kept.then.get(key)
        if found is None or not _same(found[0], known):
            promotion, retracted, basis = assessment_basis(
                events, known, effective_events(known), version)
            facts, eligibility = self._verdict(basis, promotion)
            found = (tuple(known), Assessment(version, known_at, promotion, retracted, basis,
                                              facts, eligibility))
        self.computed.then[key] = found
        return found[1]

    def now(self, version: int) -> Assessment:
        """``assess(events, version, None)``."""
        history = self.history
        promotion, retracted, basis = assessment_basis(
            history.events, history.events, history.effective, version)
        facts, eligibility = self._verdict(basis, promotion)
        return Assessment(version, None, promotion, retracted, basis, facts, eligibility)

    def _verdict(self, basis: Events,
                 promotion: CS.RankPromoted) -> tuple[PromotionFacts, Eligibility | None]:
        key = (tuple(e.originator_version for e in basis), promotion.tmt,
               promotion.promotion_type)
        found = self.computed.verdicts.get(key) or self._kept.verdicts.get(key)
        if found is None or not _same(found[0], basis):
            found = (basis, *judge(self.nip, basis, promotion))
        self.computed.verdicts[key] = found
        return found[1], found[2]


class KeptAssessments:
    """The assessments (and units) of the servants met last, by servant, bounded by their
    number (a generated career of 37 events keeps about 32 KB: its promotions' facts and
    verdicts, its state)."""

    def __init__(self, max_servants: int = 1_000) -> None:
        self.max_servants = max_servants
        self._kept: OrderedDict[UUID, _Servant] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def of(self, history: ServantHistory) -> ServantAssessments:
        return ServantAssessments(history, self._kept.pop(history.servant_id, None))

    def keep(self, assessments: ServantAssessments) -> None:
        self._kept[assessments.history.servant_id] = assessments.computed
        while len(self._kept) > self.max_servants:
            self._kept.popitem(last=False)
