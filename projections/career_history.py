"""View 1: the riwayat of each servant, section by section, every row with its provenance.

Rows come from the effective events (corrections applied); retracted events stay listed,
flagged, so an auditor sees what was withdrawn. A corrected row keeps its original values and
the correction trail (who, when, why, what changed). The summary row is the domain's own
``fold`` of the effective events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from domain.servant import CivilServant as CS
from domain.servant import payload_fields
from domain.state import Effective
from projections.view import (
    Row,
    ServantHistory,
    Table,
    View,
    day,
    json_ints,
    json_strings,
    jsonable,
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


@dataclass
class _Entry:
    section: str
    item: Effective
    title: str
    details: dict[str, Any]
    retraction: CS.EventRetracted | None = None
    extra_versions: tuple[int, ...] = ()


class CareerHistoryView(View):
    name = "career_history"
    event_classes = (
        CS.PnsAppointed, CS.RankPromoted, CS.PositionAssigned, CS.InstitutionTransferred,
        CS.AppraisalRecorded, CS.TrainingCompleted, CS.EducationCompleted,
        CS.DisciplinePenaltyImposed, CS.DisciplinePenaltyAnnulled, CS.Retired, CS.Terminated,
    )
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
        return {"career_servant": [servant], "career_entry": list(_entry_rows(history))}


def _entries(history: ServantHistory) -> list[_Entry]:
    retractions = {
        e.target_version: e for e in history.events if isinstance(e, CS.EventRetracted)
    }
    effective = list(history.effective)
    retracted = [
        Effective(e, e, ()) for e in history.events
        if e.originator_version in retractions and not isinstance(e, CS.EventCorrected)
    ]
    annulments = {
        item.event.penalty_version: item for item in effective
        if isinstance(item.event, CS.DisciplinePenaltyAnnulled)
    }
    order = sorted(effective + retracted, key=lambda i: (i.event.tmt, i.version))
    entries: list[_Entry] = []
    unit = None
    for item in order:
        withdrawn = retractions.get(item.version)
        for entry in _describe(item, annulments, unit):
            entry.retraction = withdrawn
            entries.append(entry)
        if withdrawn is None:
            unit = _unit_after(item.event, unit)
    return entries


def _unit_after(event: CS.Event, unit: str | None) -> str | None:
    if isinstance(event, (CS.CpnsAppointed, CS.PositionAssigned)):
        return event.unit_id
    if isinstance(event, CS.InstitutionTransferred):
        return event.to_unit_id
    return unit


def _describe(
    item: Effective, annulments: dict[int, Effective], unit: str | None
) -> Iterator[_Entry]:
    e = item.event
    if isinstance(e, CS.CpnsAppointed):
        yield _Entry("RANK", item, f"{e.initial_rank.golongan} {e.initial_rank.pangkat} (initial)",
                     {"rank": e.initial_rank.name, "golongan": e.initial_rank.golongan,
                      "promotionType": "INITIAL"})
        yield _Entry("POSITION", item, e.position_name, {"positionName": e.position_name})
        yield _Entry("UNIT", item, f"{e.unit_name}, {e.institution_name}",
                     {"unitId": e.unit_id, "unitName": e.unit_name,
                      "institutionId": e.institution_id, "institutionName": e.institution_name,
                      "change": "APPOINTMENT"})
        yield _Entry("EDUCATION", item, f"{e.education_level.label} (at appointment)",
                     {"level": e.education_level.name})
        yield _Entry("STATUS", item, "CPNS", {"status": "CPNS"})
    elif isinstance(e, CS.PnsAppointed):
        yield _Entry("STATUS", item, "PNS", {"status": "PNS", **_payload(e)})
    elif isinstance(e, CS.RankPromoted):
        yield _Entry("RANK", item,
                     f"{e.new_rank.golongan} {e.new_rank.pangkat} ({e.promotion_type.name})",
                     {"golongan": e.new_rank.golongan, **_payload(e)})
    elif isinstance(e, CS.PositionAssigned):
        yield _Entry("POSITION", item, e.position_name, _payload(e))
        if e.unit_id != unit:
            yield _Entry("UNIT", item, e.unit_name,
                         {"unitId": e.unit_id, "unitName": e.unit_name, "change": "MUTATION"})
    elif isinstance(e, CS.InstitutionTransferred):
        yield _Entry("UNIT", item, f"{e.to_unit_name}, {e.to_institution_name}",
                     {**_payload(e), "change": "TRANSFER"})
    elif isinstance(e, CS.AppraisalRecorded):
        yield _Entry("SKP", item, f"SKP {e.year}: {e.predikat.name}", _payload(e))
    elif isinstance(e, CS.TrainingCompleted):
        yield _Entry("TRAINING", item, f"{e.name} ({e.hours} JP)", _payload(e))
    elif isinstance(e, CS.EducationCompleted):
        yield _Entry("EDUCATION", item, f"{e.level.label} {e.institution}", _payload(e))
    elif isinstance(e, CS.DisciplinePenaltyImposed):
        yield _discipline(item, e, annulments.get(item.version))
    elif isinstance(e, (CS.Retired, CS.Terminated)):
        status = "RETIRED" if isinstance(e, CS.Retired) else "TERMINATED"
        yield _Entry("STATUS", item, f"{status} ({e.reason.name})", {"status": status,
                                                                       **_payload(e)})


def _discipline(
    item: Effective, e: CS.DisciplinePenaltyImposed, annulment: Effective | None
) -> _Entry:
    details = _payload(e)
    # The active period ends at the end date or at the annulment, whichever comes first.
    active_until = e.end_date
    extra: tuple[int, ...] = ()
    if annulment is not None:
        annul = annulment.event
        details["annulment"] = {"eventVersion": annulment.version, "tmt": annul.tmt.isoformat(),
                                "reason": getattr(annul, "reason", ""), "skNumber": annul.sk_number}
        if active_until is None or annul.tmt < active_until:
            active_until = annul.tmt
        extra = (annulment.version,)
    details["activeFrom"] = e.tmt.isoformat()
    details["activeUntil"] = active_until.isoformat() if active_until else None
    title = f"{e.penalty_type.name} ({e.level.name})" + (" — annulled" if annulment else "")
    return _Entry("DISCIPLINE", item, title, details, extra_versions=extra)


@cache
def _payload_keys(event_class: type[CS.Event]) -> tuple[tuple[str, str], ...]:
    return tuple((name, _camel(name)) for name in payload_fields(event_class))


def _payload(event: CS.Event) -> dict[str, Any]:
    # Values stay typed (enums, dates): the JSON encoder converts them when the row is stored.
    return {key: getattr(event, name) for name, key in _payload_keys(type(event))}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _event_fields(event: CS.Event) -> dict[str, Any]:
    skip = {"originator_id", "originator_version", "originator_topic", "timestamp"}
    return {
        _camel(f.name): jsonable(getattr(event, f.name))
        for f in fields(event) if f.name not in skip and hasattr(event, f.name)
    }


def _entry_rows(history: ServantHistory) -> Iterator[Row]:
    entries = _entries(history)
    sequence: dict[str, int] = {}
    # A period runs until the next live period of its section begins.
    live_starts: dict[str, list[tuple[int, str]]] = {}
    for index, entry in enumerate(entries):
        if entry.section in PERIOD_SECTIONS and entry.retraction is None:
            live_starts.setdefault(entry.section, []).append((index, entry.item.event.tmt.isoformat()))
    for index, entry in enumerate(entries):
        seq = sequence[entry.section] = sequence.get(entry.section, 0) + 1
        yield _row(history, entry, seq, _until(entry, index, live_starts))


def _until(entry: _Entry, index: int, starts: dict[str, list[tuple[int, str]]]) -> str | None:
    if entry.section == "DISCIPLINE":
        until: str | None = entry.details.get("activeUntil")
        return until
    if entry.section not in PERIOD_SECTIONS or entry.retraction is not None:
        return None
    return next((tmt for i, tmt in starts[entry.section] if i > index), None)


def _row(history: ServantHistory, entry: _Entry, seq: int, until: str | None) -> Row:
    item, event, original = entry.item, entry.item.event, entry.item.original
    versions = (item.version, *(c.originator_version for c in item.corrections),
                *entry.extra_versions)
    if entry.retraction is not None:
        versions += (entry.retraction.originator_version,)
    corrections = [_trail(history, c, {"changes": jsonable(c.changes)}) for c in item.corrections]
    retraction = _trail(history, entry.retraction, {}) if entry.retraction is not None else None
    return (
        history.sid, history.nip, entry.section, seq, event.tmt.isoformat(), until,
        entry.title, to_json(entry.details),
        json_strings([history.event_id(v) for v in versions]),
        json_ints([history.positions[v] for v in versions]),
        item.version, history.positions[item.version], event.sk_number,
        event.sk_date.isoformat(), event.sk_official, original.actor_id, original.actor_role,
        original.timestamp.isoformat(), int(bool(item.corrections)),
        int(entry.retraction is not None), to_json(corrections) if corrections else "[]",
        to_json(_event_fields(original)) if item.corrections else None,
        to_json(retraction) if retraction is not None else None,
    )


def _trail(history: ServantHistory, event: CS.Event, extra: dict[str, Any]) -> dict[str, Any]:
    version = event.originator_version
    return {
        "eventId": history.event_id(version), "position": history.positions[version],
        "recordedAt": event.timestamp.isoformat(), "recordedById": event.actor_id,
        "recordedByRole": event.actor_role, "reason": getattr(event, "reason", ""),
        "skNumber": event.sk_number, **extra,
    }
