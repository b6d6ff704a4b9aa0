"""Career entries as rows: the periods' ends, the sequence per section, and the provenance
(event ids, positions, corrections, retraction) of each entry."""

from __future__ import annotations

from typing import Any

from domain.servant import CivilServant as CS
from domain.state import Effective
from projections.engine.view import (
    Row,
    ServantHistory,
    iso,
    json_ints,
    json_strings,
    jsonable,
    plain_json,
    to_json,
)
from projections.views.career_history.payload import event_fields

# Sections whose rows are consecutive periods: each runs until the next one starts.
PERIOD_SECTIONS = frozenset({"RANK", "POSITION", "UNIT", "STATUS"})
# An entry before it becomes a row: section, the effective event, title, details (plain JSON
# values), versions beyond the event's own (an annulment), and the retraction withdrawing it.
Entry = tuple[str, Effective, str, dict[str, Any], tuple[int, ...], "CS.EventRetracted | None"]


def entry_rows(history: ServantHistory, entries: list[Entry]) -> list[Row]:
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
        to_json(event_fields(original)) if item.corrections else None,
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
