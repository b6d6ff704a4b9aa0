"""View 1: the riwayat of each servant, section by section, every row with its provenance.

Rows come from the effective events (corrections applied); retracted events stay listed,
flagged, so an auditor sees what was withdrawn. A corrected row keeps its original values and
the correction trail (who, when, why, what changed). The summary row is the domain's own
``fold`` of the effective events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache
from typing import Any

from domain.kinds import Facet, classes_for
from domain.servant import CivilServant as CS
from domain.servant import payload_fields
from domain.state import Effective
from projections.view import (
    Row,
    ServantHistory,
    Table,
    View,
    day,
    iso,
    json_ints,
    json_strings,
    jsonable,
    plain,
    plain_converter,
    plain_json,
    to_json,
)

SECTIONS = ("RANK", "POSITION", "UNIT", "SKP", "TRAINING", "EDUCATION", "DISCIPLINE", "STATUS")
# Sections whose rows are consecutive periods: each runs until the next one starts.
PERIOD_SECTIONS = frozenset({"RANK", "POSITION", "UNIT", "STATUS"})

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
        return {"career_servant": [servant], "career_entry": _entry_rows(history)}


# An entry before it becomes a row: section, the effective event, title, details (plain JSON
# values), versions beyond the event's own (an annulment), and the retraction withdrawing it.
_Entry = tuple[str, Effective, str, dict[str, Any], tuple[int, ...], "CS.EventRetracted | None"]


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
    return [("STATUS", "PNS", {"status": "PNS", **_payload(e)}, ())]


def _rank(item: Effective, e: CS.RankPromoted, annulments: dict[int, Effective],
          unit: str | None) -> list[_Part]:
    return [("RANK", f"{e.new_rank.golongan} {e.new_rank.pangkat} ({e.promotion_type.name})",
             {"golongan": e.new_rank.golongan, **_payload(e)}, ())]


def _position(item: Effective, e: CS.PositionAssigned, annulments: dict[int, Effective],
              unit: str | None) -> list[_Part]:
    parts: list[_Part] = [("POSITION", e.position_name, _payload(e), ())]
    if e.unit_id != unit:
        parts.append(("UNIT", e.unit_name,
                      {"unitId": e.unit_id, "unitName": e.unit_name, "change": "MUTATION"}, ()))
    return parts


def _transfer(item: Effective, e: CS.InstitutionTransferred, annulments: dict[int, Effective],
              unit: str | None) -> list[_Part]:
    return [("UNIT", f"{e.to_unit_name}, {e.to_institution_name}",
             {**_payload(e), "change": "TRANSFER"}, ())]


def _skp(item: Effective, e: CS.AppraisalRecorded, annulments: dict[int, Effective],
         unit: str | None) -> list[_Part]:
    return [("SKP", f"SKP {e.year}: {e.predikat.name}", _payload(e), ())]


def _training(item: Effective, e: CS.TrainingCompleted, annulments: dict[int, Effective],
              unit: str | None) -> list[_Part]:
    return [("TRAINING", f"{e.name} ({e.hours} JP)", _payload(e), ())]


def _education(item: Effective, e: CS.EducationCompleted, annulments: dict[int, Effective],
               unit: str | None) -> list[_Part]:
    return [("EDUCATION", f"{e.level.label} {e.institution}", _payload(e), ())]


def _penalty(item: Effective, e: CS.DisciplinePenaltyImposed, annulments: dict[int, Effective],
             unit: str | None) -> list[_Part]:
    return [_discipline(item, e, annulments.get(item.version))]


def _exit(item: Effective, e: CS.Retired | CS.Terminated, annulments: dict[int, Effective],
          unit: str | None) -> list[_Part]:
    status = "RETIRED" if isinstance(e, CS.Retired) else "TERMINATED"
    return [("STATUS", f"{status} ({e.reason.name})", {"status": status, **_payload(e)}, ())]


def _nothing(item: Effective, e: CS.Event, annulments: dict[int, Effective],
             unit: str | None) -> list[_Part]:
    return []


_HANDLERS: tuple[tuple[type[CS.Event] | tuple[type[CS.Event], ...], _Describe], ...] = (
    (CS.CpnsAppointed, _cpns), (CS.PnsAppointed, _pns), (CS.RankPromoted, _rank),
    (CS.PositionAssigned, _position), (CS.InstitutionTransferred, _transfer),
    (CS.AppraisalRecorded, _skp), (CS.TrainingCompleted, _training),
    (CS.EducationCompleted, _education), (CS.DisciplinePenaltyImposed, _penalty),
    ((CS.Retired, CS.Terminated), _exit),
)
# Per event class, the describer its first matching ``isinstance`` check picks.
_DESCRIBERS: dict[type, _Describe] = {}


def _describer(kind: type) -> _Describe:
    found = next((f for classes, f in _HANDLERS if issubclass(kind, classes)), _nothing)
    _DESCRIBERS[kind] = found
    return found


def _discipline(
    item: Effective, e: CS.DisciplinePenaltyImposed, annulment: Effective | None
) -> _Part:
    details = _payload(e)
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


@cache
def _payload_keys(event_class: type[CS.Event]) -> tuple[tuple[str, str], ...]:
    return tuple((name, _camel(name)) for name in payload_fields(event_class))


def _payload(event: CS.Event) -> dict[str, Any]:
    # Values as JSON has them (enums by name, dates in ISO form), ready for ``plain_json``;
    # most are strings, numbers or None, kept as they are (``plain`` per type, looked up once).
    keys = _PAYLOAD_KEYS.get(type(event))
    if keys is None:
        keys = _PAYLOAD_KEYS[type(event)] = _payload_keys(type(event))
    converters = _CONVERTERS
    out = {}
    for name, key in keys:
        value = getattr(event, name)
        convert = converters[type(value)]
        out[key] = value if convert is None else convert(value)
    return out


class _Converters(dict[type, Callable[[Any], Any] | None]):
    """Per value type, ``plain``'s conversion, or None where ``plain`` keeps the value."""

    def __missing__(self, kind: type) -> Callable[[Any], Any] | None:
        found = self[kind] = plain_converter(kind)
        return found


_PAYLOAD_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}
_CONVERTERS = _Converters()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _event_fields(event: CS.Event) -> dict[str, Any]:
    skip = {"originator_id", "originator_version", "originator_topic", "timestamp"}
    return {
        _camel(f.name): jsonable(getattr(event, f.name))
        for f in fields(event) if f.name not in skip and hasattr(event, f.name)
    }


def _entry_rows(history: ServantHistory) -> list[Row]:
    entries = _entries(history)
    # A period runs until the next live period of its section begins: walking backwards,
    # the start of the nearest later live period of each section.
    untils: list[str | None] = [None] * len(entries)
    following: dict[str, str] = {}
    for index in range(len(entries) - 1, -1, -1):
        section, item, _title, details, _extra, withdrawn = entries[index]
        if section == "DISCIPLINE":
            untils[index] = details.get("activeUntil")
        elif section in PERIOD_SECTIONS and withdrawn is None:
            untils[index] = following.get(section)
            following[section] = iso(item.event.tmt)
    sequence: dict[str, int] = {}
    rows: list[Row] = []
    sid, nip, positions = history.sid, history.nip, history.positions
    for index, (section, item, title, details, extra, withdrawn) in enumerate(entries):
        seq = sequence[section] = sequence.get(section, 0) + 1
        event, original = item.event, item.original
        version = original.originator_version
        if item.corrections or extra or withdrawn is not None:
            rows.append(_row(history, section, item, title, details, extra, withdrawn, seq,
                             untils[index]))
            continue
        position = positions[version]
        rows.append((
            sid, nip, section, seq, iso(event.tmt), untils[index], title,
            plain_json(details), f'["{nip}:{version}"]', f"[{position}]", version, position,
            event.sk_number, iso(event.sk_date), event.sk_official, original.actor_id,
            original.actor_role, iso(original.timestamp), 0, 0, "[]", None, None,
        ))
    return rows


def _row(history: ServantHistory, section: str, item: Effective, title: str,
         details: dict[str, Any], extra: tuple[int, ...], withdrawn: CS.EventRetracted | None,
         seq: int, until: str | None) -> Row:
    event, original = item.event, item.original
    versions = (item.version, *(c.originator_version for c in item.corrections), *extra)
    if withdrawn is not None:
        versions += (withdrawn.originator_version,)
    corrections = [_trail(history, c, {"changes": jsonable(c.changes)}) for c in item.corrections]
    retraction = _trail(history, withdrawn, {}) if withdrawn is not None else None
    return (
        history.sid, history.nip, section, seq, iso(event.tmt), until,
        title, plain_json(details),
        json_strings([history.event_id(v) for v in versions]),
        json_ints([history.positions[v] for v in versions]),
        item.version, history.positions[item.version], event.sk_number,
        iso(event.sk_date), event.sk_official, original.actor_id, original.actor_role,
        iso(original.timestamp), int(bool(item.corrections)),
        int(withdrawn is not None), to_json(corrections) if corrections else "[]",
        to_json(_event_fields(original)) if item.corrections else None,
        to_json(retraction) if retraction is not None else None,
    )


def _trail(history: ServantHistory, event: CS.Event, extra: dict[str, Any]) -> dict[str, Any]:
    version = event.originator_version
    return {
        "eventId": history.event_id(version), "position": history.positions[version],
        "recordedAt": iso(event.timestamp), "recordedById": event.actor_id,
        "recordedByRole": event.actor_role, "reason": getattr(event, "reason", ""),
        "skNumber": event.sk_number, **extra,
    }
