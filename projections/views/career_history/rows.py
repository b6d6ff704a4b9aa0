"""View 1: the riwayat of each servant, section by section, every row with its provenance.

Rows come from the effective events (corrections applied); retracted events stay listed,
flagged, so an auditor sees what was withdrawn. A corrected row keeps its original values and
the correction trail (who, when, why, what changed). The summary row is the domain's own
``fold`` of the effective events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.kinds import Facet, classes_for, event_classes, kind_of
from domain.servant import CivilServant as CS
from domain.state import Effective
from projections.engine.view import Row, ServantHistory, Table, View, day, iso, plain
from projections.views.career_history.entry_rows import Entry, entry_rows
from projections.views.career_history.payload import payload

SECTIONS = ("RANK", "POSITION", "UNIT", "SKP", "TRAINING", "EDUCATION", "DISCIPLINE", "STATUS",
            "COMPETENCY")

SERVANT_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"), ("name", "TEXT NOT NULL"),
    ("status", "TEXT NOT NULL"), ("status_tmt", "TEXT"), ("cpns_tmt", "TEXT NOT NULL"),
    ("pns_tmt", "TEXT"), ("rank", "TEXT NOT NULL"), ("rank_tmt", "TEXT NOT NULL"),
    ("position_name", "TEXT"), ("position_level", "TEXT"), ("unit_id", "TEXT NOT NULL"),
    ("unit_name", "TEXT NOT NULL"), ("institution_id", "TEXT NOT NULL"),
    ("institution_name", "TEXT NOT NULL"), ("highest_education", "TEXT NOT NULL"),
    ("last_version", "INTEGER NOT NULL"), ("last_position", "BIGINT NOT NULL"),
)
ENTRY_COLUMNS = (
    ("servant_id", "TEXT NOT NULL"), ("nip", "TEXT NOT NULL"), ("section", "TEXT NOT NULL"),
    ("seq", "INTEGER NOT NULL"), ("tmt", "TEXT NOT NULL"), ("until_tmt", "TEXT"),
    ("title", "TEXT NOT NULL"), ("details", "TEXT NOT NULL"), ("event_ids", "TEXT NOT NULL"),
    ("positions", "TEXT NOT NULL"), ("version", "INTEGER NOT NULL"),
    ("position", "BIGINT NOT NULL"), ("sk_number", "TEXT NOT NULL"), ("sk_date", "TEXT NOT NULL"),
    ("sk_official", "TEXT NOT NULL"), ("recorded_by_id", "TEXT NOT NULL"),
    ("recorded_by_role", "TEXT NOT NULL"), ("recorded_at", "TEXT NOT NULL"),
    ("corrected", "INTEGER NOT NULL"), ("retracted", "INTEGER NOT NULL"),
    ("corrections", "TEXT NOT NULL"), ("original", "TEXT"), ("retraction", "TEXT"),
)


class CareerHistoryView(View):
    name = "career_history"
    event_classes = classes_for(Facet.CAREER)
    tables = (
        Table("career_servant", SERVANT_COLUMNS, (("nip",), ("unit_id",))),
        Table("career_entry", ENTRY_COLUMNS, (("nip", "section", "seq"),)),
    )

    def rows(self, history: ServantHistory) -> dict[str, list[Row]]:
        state = history.state
        last_version = max(history.positions)
        position = state.position
        servant: Row = (
            history.sid, state.nip, state.name, state.status.name,
            day(state.status_tmt), day(state.cpns_tmt), day(state.pns_tmt), state.rank.name,
            day(state.rank_tmt), position.name if position else None,
            position.level.name if position else None, state.unit_id, state.unit_name,
            state.institution_id, state.institution_name, state.highest_education.name,
            last_version, history.positions[last_version],
        )
        return {"career_servant": [servant], "career_entry": entry_rows(history, _entries(history))}


_Entry = Entry


def _entries(history: ServantHistory) -> list[_Entry]:
    retractions = {
        e.target_version: e for e in history.events if isinstance(e, CS.EventRetracted)
    }
    effective = list(history.effective)
    retracted = [
        Effective(e, e, ()) for e in history.events
        if e.originator_version in retractions and not isinstance(e, CS.EventCorrected)
    ] if retractions else []
    annulments = {
        item.event.penalty_version: item for item in effective
        if isinstance(item.event, CS.DisciplinePenaltyAnnulled)
    }
    order = sorted(effective + retracted, key=lambda i: (i.event.tmt, i.original.originator_version))
    entries: list[_Entry] = []
    unit = None
    describers = _DESCRIBERS
    for item in order:
        e = item.event
        withdrawn = retractions.get(item.original.originator_version) if retractions else None
        describe = describers.get(type(e))
        if describe is None:
            describe = _describer(type(e))
        for section, title, details, extra in describe(item, e, annulments, unit):
            entries.append((section, item, title, details, extra, withdrawn))
        if withdrawn is None:
            unit = _unit_after(e, unit)
    return entries


def _unit_after(event: CS.Event, unit: str | None) -> str | None:
    if isinstance(event, (CS.CpnsAppointed, CS.PositionAssigned)):
        return event.unit_id
    if isinstance(event, CS.InstitutionTransferred):
        return event.to_unit_id
    return unit


_Part = tuple[str, str, dict[str, Any], tuple[int, ...]]
_Describe = Callable[[Effective, Any, dict[int, Effective], "str | None"], list[_Part]]


def _cpns(item: Effective, e: CS.CpnsAppointed, annulments: dict[int, Effective],
          unit: str | None) -> list[_Part]:
    return [
        ("RANK", f"{e.initial_rank.golongan} {e.initial_rank.pangkat} (initial)",
         {"rank": e.initial_rank.name, "golongan": e.initial_rank.golongan,
          "promotionType": "INITIAL"}, ()),
        ("POSITION", e.position_name, {"positionName": e.position_name}, ()),
        ("UNIT", f"{e.unit_name}, {e.institution_name}",
         {"unitId": e.unit_id, "unitName": e.unit_name, "institutionId": e.institution_id,
          "institutionName": e.institution_name, "change": "APPOINTMENT"}, ()),
        ("EDUCATION", f"{e.education_level.label} (at appointment)",
         {"level": e.education_level.name}, ()),
        ("STATUS", "CPNS", {"status": "CPNS"}, ()),
    ]


def _pns(item: Effective, e: CS.PnsAppointed, annulments: dict[int, Effective],
         unit: str | None) -> list[_Part]:
    return [("STATUS", "PNS", {"status": "PNS", **payload(e)}, ())]


def _rank(item: Effective, e: CS.RankPromoted, annulments: dict[int, Effective],
          unit: str | None) -> list[_Part]:
    return [("RANK", f"{e.new_rank.golongan} {e.new_rank.pangkat} ({e.promotion_type.name})",
             {"golongan": e.new_rank.golongan, **payload(e)}, ())]


def _position(item: Effective, e: CS.PositionAssigned, annulments: dict[int, Effective],
              unit: str | None) -> list[_Part]:
    parts: list[_Part] = [("POSITION", e.position_name, payload(e), ())]
    if e.unit_id != unit:
        parts.append(("UNIT", e.unit_name,
                      {"unitId": e.unit_id, "unitName": e.unit_name, "change": "MUTATION"}, ()))
    return parts


def _transfer(item: Effective, e: CS.InstitutionTransferred, annulments: dict[int, Effective],
              unit: str | None) -> list[_Part]:
    return [("UNIT", f"{e.to_unit_name}, {e.to_institution_name}",
             {**payload(e), "change": "TRANSFER"}, ())]


def _evaluation(item: Effective, e: CS.TrainingEvaluated, annulments: dict[int, Effective],
                unit: str | None) -> list[_Part]:
    # The evaluated training's version is evidence of the entry too.
    title = f"Evaluation of training {e.training_version} by {e.evaluator}"
    return [("TRAINING", title, payload(e), (e.training_version,))]


def _penalty(item: Effective, e: CS.DisciplinePenaltyImposed, annulments: dict[int, Effective],
             unit: str | None) -> list[_Part]:
    return [_discipline(item, e, annulments.get(item.version))]


def _exit(item: Effective, e: CS.Retired | CS.Terminated, annulments: dict[int, Effective],
          unit: str | None) -> list[_Part]:
    status = "RETIRED" if isinstance(e, CS.Retired) else "TERMINATED"
    return [("STATUS", f"{status} ({e.reason.name})", {"status": status, **payload(e)}, ())]


def _nothing(item: Effective, e: CS.Event, annulments: dict[int, Effective],
             unit: str | None) -> list[_Part]:
    return []


# The kinds whose entries need more than their declared ``history`` (domain.kinds): several
# sections, the servant's unit before, an annulment, a status of their own.
_HANDLERS: tuple[tuple[type[CS.Event] | tuple[type[CS.Event], ...], _Describe], ...] = (
    (CS.CpnsAppointed, _cpns), (CS.PnsAppointed, _pns), (CS.RankPromoted, _rank),
    (CS.PositionAssigned, _position), (CS.InstitutionTransferred, _transfer),
    (CS.DisciplinePenaltyImposed, _penalty), ((CS.Retired, CS.Terminated), _exit),
    (CS.TrainingEvaluated, _evaluation),
)
# Per event class, the describer its first matching ``isinstance`` check picks.
_DESCRIBERS: dict[type, _Describe] = {}


def _describer(kind: type) -> _Describe:
    found = next((f for classes, f in _HANDLERS if issubclass(kind, classes)), None)
    if found is None:
        found = _declared(kind)
    _DESCRIBERS[kind] = found
    return found


def _declared(event_class: type) -> _Describe:
    """The describer of a kind's declared ``history`` (domain.kinds): one entry of its section
    and title, the payload as details; no entry for a kind that declares none."""
    history = kind_of(event_class).history if event_class in set(event_classes()) else None
    if history is None:
        return _nothing

    def describe(item: Effective, e: CS.Event, annulments: dict[int, Effective],
                 unit: str | None) -> list[_Part]:
        return [(history.section, history.title(e), payload(e), ())]
    return describe


def _discipline(
    item: Effective, e: CS.DisciplinePenaltyImposed, annulment: Effective | None
) -> _Part:
    details = payload(e)
    # The active period ends at the end date or at the annulment, whichever comes first.
    active_until = e.end_date
    extra: tuple[int, ...] = ()
    if annulment is not None:
        annul = annulment.event
        details["annulment"] = {"eventVersion": annulment.version, "tmt": iso(annul.tmt),
                                "reason": plain(getattr(annul, "reason", "")),
                                "skNumber": annul.sk_number}
        if active_until is None or annul.tmt < active_until:
            active_until = annul.tmt
        extra = (annulment.version,)
    details["activeFrom"] = iso(e.tmt)
    details["activeUntil"] = iso(active_until) if active_until else None
    title = f"{e.penalty_type.name} ({e.level.name})" + (" — annulled" if annulment else "")
    return ("DISCIPLINE", title, details, extra)
