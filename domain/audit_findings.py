"""A recorded promotion judged against the rules, as the record stood at two moments.

A promotion is judged twice: *then*, from what the log held when the promotion was recorded,
and *now*, from everything recorded since; both describe the servant on the promotion's TMT
(the facts valid at that date, the promotion itself excluded) under the rule set in force at
that TMT. The audit findings view and the promotion audit both read these assessments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.discipline import DisciplineLevel
from domain.functional.assess import KIND_OF_PROMOTION_TYPE, evaluate
from domain.promotion import Eligibility, PromotionFacts
from domain.promotion.from_record import promotion_facts
from domain.servant import CORRECTION_KINDS
from domain.servant import CivilServant as CS
from domain.state import Effective, effective_events, fold

# KP reguler (§7.2), KP pilihan JF and structural, and penyesuaian ijazah (§7.3-7.4) have
# modelled rule sets; other types are reported NOT_ASSESSED.
ASSESSED_TYPES = frozenset(KIND_OF_PROMOTION_TYPE)
BLOCKING = frozenset({DisciplineLevel.SEDANG, DisciplineLevel.BERAT})
COMPLIANT, NON_COMPLIANT, NOT_ASSESSED = "COMPLIANT", "NON_COMPLIANT", "NOT_ASSESSED"
UNDETERMINED = "UNDETERMINED"


@dataclass(frozen=True)
class Assessment:
    """A promotion judged from the log as known at ``known_at`` (None: everything)."""

    version: int
    known_at: datetime | None
    promotion: CS.RankPromoted  # as corrected by ``known_at``
    retracted: bool
    basis: tuple[CS.Event, ...]  # the recorded events the facts come from, corrections included
    facts: PromotionFacts
    eligibility: Eligibility | None

    @property
    def verdict(self) -> str:
        if self.eligibility is None:
            return NOT_ASSESSED
        if self.eligibility.verdict == "UNDETERMINED":
            return UNDETERMINED
        return COMPLIANT if self.eligibility.eligible else NON_COMPLIANT

    @property
    def failed(self) -> tuple[str, ...]:
        return self.eligibility.failed_rule_ids if self.eligibility else ()

    @property
    def basis_versions(self) -> frozenset[int]:
        return frozenset(e.originator_version for e in self.basis)


def assess(events: Sequence[CS.Event], version: int, known_at: datetime | None) -> Assessment:
    """Promotion ``version`` of the servant whose whole record is ``events``, judged from the
    events recorded by ``known_at`` (None: all of them)."""
    known = [e for e in events if known_at is None or e.timestamp <= known_at]
    promotion, retracted, basis = assessment_basis(events, known, effective_events(known), version)
    facts, eligibility = judge(servant_nip(events), basis, promotion)
    return Assessment(version, known_at, promotion, retracted, basis, facts, eligibility)


def servant_nip(events: Sequence[CS.Event]) -> str:
    return events[0].nip if isinstance(events[0], CS.CpnsAppointed) else ""


def assessment_basis(
    events: Sequence[CS.Event], known: Sequence[CS.Event], effective: Sequence[Effective],
    version: int,
) -> tuple[CS.RankPromoted, bool, tuple[CS.Event, ...]]:
    """Promotion ``version`` as ``known`` (the events recorded by some moment, in version
    order, and ``effective``, their effective events) has it, whether it is retracted, and
    the basis it is judged on."""
    found = next((i for i in effective if i.version == version), None)
    promotion = found.event if found is not None else events[version - 1]
    assert isinstance(promotion, CS.RankPromoted), f"event v{version} is not a promotion"
    # The servant on the TMT without this promotion: effective events valid by then. A
    # dropped event's corrections and retractions go with it.
    keep = {i.version for i in effective if i.version != version and i.event.tmt <= promotion.tmt}
    basis = tuple(
        e for e in known
        if e.originator_version in keep
        or (isinstance(e, CORRECTION_KINDS) and e.target_version in keep)
    )
    return promotion, found is None, basis


def judge(nip: str, basis: Sequence[CS.Event],
          promotion: CS.RankPromoted) -> tuple[PromotionFacts, Eligibility | None]:
    """The facts of ``basis`` and the verdict on them of the rule set for ``promotion``'s type
    at its TMT (of the promotion, only its TMT and type are read)."""
    basis_effective = effective_events(basis)
    facts = promotion_facts(nip, basis_effective, fold(basis_effective))
    kind = KIND_OF_PROMOTION_TYPE.get(promotion.promotion_type)
    eligibility = evaluate(facts, promotion.tmt, kind) if kind is not None else None
    return facts, eligibility


def made_difference(events: Sequence[CS.Event], then: Assessment,
                    now: Assessment) -> list[CS.Event]:
    """Events recorded after ``then`` that changed the basis or the promotion itself."""
    assert then.known_at is not None
    touched = then.basis_versions | now.basis_versions | {then.version}
    return [
        e for e in events
        if e.timestamp > then.known_at and e.originator_version != then.version and (
            e.originator_version in now.basis_versions
            or (isinstance(e, CORRECTION_KINDS) and e.target_version in touched))
    ]


# Imported history admitted without an SK number (domain.events.CareerEvent.legacy_without_sk).
IMPORTED_WITHOUT_SK = "IMPORTED_WITHOUT_SK"


def imported_without_sk(event: CS.Event) -> bool:
    """Whether ``event`` (as corrected) is imported history that still has no SK number: a
    correction that supplies the number ends the finding."""
    return event.legacy_without_sk and not event.sk_number.strip()
