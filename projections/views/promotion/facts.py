"""Building ``PromotionFacts`` from a servant's events, and storing them as JSON.

Facts are taken from the domain's ``fold`` of the effective events, so a corrected or retracted
event changes the facts exactly as it changes the servant's state; every fact keeps the id of
the event that proves it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any

from domain.functional.competency_test import assessment_tree
from domain.promotion.facts import FACT_CLASSES, PromotionFacts, TalentFact
from domain.promotion.from_record import latest_talent, promotion_facts, promotion_status
from domain.values import ServantStatus
from projections import json_codec
from projections.engine.row_values import iso, per_type
from projections.engine.view import ServantHistory
from projections.views.promotion.stored_facts import facts_from_json

__all__ = ["build_facts", "facts_from_json", "facts_json", "facts_to_json"]


def build_facts(history: ServantHistory) -> PromotionFacts:
    return promotion_facts(history.nip, history.effective, history.state)


def _status(history: ServantHistory) -> tuple[ServantStatus, int, date | None, str | None]:
    return promotion_status(history.nip, history.effective, history.state)


def facts_json(history: ServantHistory) -> tuple[str, ServantStatus]:
    """``facts_to_json(build_facts(history))`` and the facts' status, written without the
    facts' dataclasses (a rebuild writes them for every servant); tests compare both."""
    found = _status(history)
    if _DIRECT:
        try:
            return json_codec.dumps_text(_facts_tree(history, *found)), found[0]
        except AttributeError:  # a value of an unexpected type: the general path decides
            pass
    return facts_to_json(build_facts(history)), found[0]


def _facts_tree(history: ServantHistory, status: ServantStatus, status_version: int,
                retirement_tmt: date | None, retirement_id: str | None) -> dict[str, Any]:
    state = history.state
    nip = history.nip
    position = state.position
    appraisal_order = sorted(
        (version, year, predikat)
        for year, recorded in state.appraisals.items() for predikat, version in recorded
    )
    return {
        "nip": state.nip,
        "status": status.name,
        "status_event_id": f"{nip}:{status_version}",
        "cpns_tmt": iso(state.cpns_tmt),
        "rank": state.rank.name,
        "rank_tmt": iso(state.rank_tmt),
        "rank_event_id": f"{nip}:{state.ranks[-1].version}",
        "appraisals": [
            {"year": year, "predikat": predikat.name, "event_id": f"{nip}:{version}"}
            for version, year, predikat in appraisal_order
        ],
        "education": [
            {"level": level.name, "recognised_on": iso(on), "event_id": f"{nip}:{version}"}
            for level, on, version in state.education
        ],
        "penalties": [
            {"level": p.level.name, "penalty_type": p.penalty_type.name,
             "start": iso(p.start), "end": _iso(p.end), "annulled_on": _iso(p.annulled_on),
             "event_id": f"{nip}:{p.version}",
             "annulment_event_id": f"{nip}:{p.annulled_by}" if p.annulled_by is not None
             else None}
            for p in sorted(state.penalties.values(), key=lambda p: p.version)
        ],
        "open_investigations": [
            {"opened_on": iso(i.opened_on), "closed_on": _iso(i.closed_on),
             "event_id": f"{nip}:{i.version}",
             "closure_event_id": f"{nip}:{i.closed_by}" if i.closed_by is not None else None}
            for i in sorted(state.investigations.values(), key=lambda i: i.version)
        ],
        "position": {
            "level": position.level.name, "kind": position.kind.name,
            "functional_level": _name(position.functional_level), "tmt": iso(position.tmt),
            "supervisor_rank": _name(position.supervisor_rank),
            "event_id": f"{nip}:{position.version}",
        } if position is not None else None,
        "trainings": [
            {"end_date": iso(end), "hours": hours, "kind": kind.name,
             "program": _name(program), "event_id": f"{nip}:{version}"}
            for end, hours, kind, program, version in state.trainings
        ],
        "talent_box": _talent_tree(latest_talent(nip, state)),
        "retirement_tmt": _iso(retirement_tmt),
        "retirement_event_id": retirement_id,
        "credits": [
            {"period_start": iso(c.period_start), "period_end": iso(c.period_end),
             "amount": str(c.credit), "level": _name(c.level), "event_id": f"{nip}:{c.version}"}
            for c in state.credits
        ],
        "assessments": [assessment_tree(replace(a, assessment_id=f"{nip}:{a.assessment_id}"))
                        for a in state.assessments],
        "legal_statuses": [
            {"legal_status": s.legal_status.name, "tmt": iso(s.tmt), "until": _iso(s.until),
             "event_id": f"{nip}:{s.version}"}
            for s in state.legal_statuses
        ],
    }


def _talent_tree(talent: TalentFact | None) -> dict[str, Any] | None:
    if talent is None:
        return None
    return {"box": talent.box, "assessed_on": iso(talent.assessed_on),
            "event_id": talent.event_id}


def _iso(day: date | None) -> str | None:
    return iso(day) if day is not None else None


def _name(member: Enum | None) -> str | None:
    return member.name if member is not None else None


# The fields ``_facts_tree`` writes, in order: if the facts change, the general path is used.
_DIRECT = [(cls.__name__, tuple(cls.__dataclass_fields__)) for cls in FACT_CLASSES] == [
    ("PromotionFacts", ("nip", "status", "status_event_id", "cpns_tmt", "rank", "rank_tmt",
                        "rank_event_id", "appraisals", "education", "penalties",
                        "open_investigations", "position", "trainings", "talent_box",
                        "retirement_tmt", "retirement_event_id", "credits",
                        "assessments", "legal_statuses")),
    ("AppraisalFact", ("year", "predikat", "event_id")),
    ("EducationFact", ("level", "recognised_on", "event_id")),
    ("PenaltyFact", ("level", "penalty_type", "start", "end", "annulled_on", "event_id",
                     "annulment_event_id")),
    ("PositionFact", ("level", "kind", "functional_level", "tmt", "supervisor_rank", "event_id")),
    ("TrainingFact", ("end_date", "hours", "kind", "program", "event_id")),
    ("TalentFact", ("box", "assessed_on", "event_id")),
    ("CreditFact", ("period_start", "period_end", "amount", "level", "event_id")),
    ("InvestigationFact", ("opened_on", "closed_on", "event_id", "closure_event_id")),
    ("LegalStatusFact", ("legal_status", "tmt", "until", "event_id")),
]


def facts_to_json(facts: PromotionFacts) -> str:
    return json_codec.dumps_text(_tree(facts))


def _converter(kind: type) -> Callable[[Any], Any]:
    # The order of the checks of the ``json`` encoder with the former ``default``.
    if issubclass(kind, (tuple, list)):
        return lambda value: [_tree(item) for item in value]
    if issubclass(kind, dict):
        return lambda value: {key: _tree(item) for key, item in value.items()}
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is not None:
        names = tuple(fields)

        def dataclass(value: Any) -> dict[str, Any]:
            out = {}
            for name in names:
                item = getattr(value, name)
                out[name] = _tree(item)
            return out
        return dataclass
    if issubclass(kind, date):
        return kind.isoformat
    if issubclass(kind, Decimal):
        return str
    if issubclass(kind, Enum):
        return attrgetter("_name_")
    raise TypeError(f"cannot store {kind.__name__} in promotion facts")


# ``value`` as plain JSON values: dataclasses as dicts (field order), dates in ISO form, enums
# by name (orjson itself would write an enum's value).
_tree = per_type(frozenset({str, int, bool, type(None)}), _converter)
