"""GraphQL types of the read side: career history rows with provenance, promotion
assessments with rule checks and merit, training ledgers and projection status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from strawberry.scalars import JSON
from strawberry.types import Info

from projections.views.career_history import queries as career_queries
from service.graphql.change_types import EventChanges
from service.graphql.derived_types import OPTIONAL_TEXT, output_type
from service.graphql.event_types import ENUMS, EventPayload
from service.graphql.history_payloads import HistoryPayloads
from service.graphql.relay import NODE_KEYS, Node
from service.graphql.types import CareerEvent, RecordedBy
from service.redaction import visible_to

RankEnum: Any = ENUMS["Rank"]


def _visible(info: Info[Any, Any], payload: Any) -> Any:
    """Payloads become GraphQL values here, through the one redaction policy."""
    return visible_to(info.context["principal"]().role, payload)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class _OfEntry:
    @classmethod
    def of_entry(cls, e: career_queries.CareerEntry) -> Any:
        """Where a history row comes from, as the view stores it (dates as text)."""
        return Provenance.from_domain(
            e, sk_date=date.fromisoformat(e.sk_date),
            recorded_by=RecordedBy(id=e.recorded_by_id, role=e.recorded_by_role),
            recorded_at=datetime.fromisoformat(e.recorded_at))


Provenance: Any = output_type("Provenance", bases=(_OfEntry,), given={
    "event_ids": list[str], "positions": list[int], "sk_number": str, "sk_date": date,
    "sk_official": str, "recorded_by": RecordedBy, "recorded_at": datetime})


def _changes(self: Any, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
    changes: JSON | None = _visible(info, self.raw_changes)
    return changes


async def _corrected(self: Any, info: Info[Any, Any]) -> Optional[EventChanges]:  # type: ignore[valid-type]  # noqa: UP045
    found = await HistoryPayloads.of(info).load(self.row_key)
    return found.corrections.get(self.event_id) if found is not None else None


class _OfTrail:
    @classmethod
    def from_trail(cls, trail: dict[str, Any], row_key: tuple[str, ...] = ()) -> Any:
        """An amendment as the view's trail of a row stores it (camelCase keys)."""
        return Amendment(
            row_key=row_key, event_id=trail["eventId"], position=trail["position"],
            recorded_at=datetime.fromisoformat(trail["recordedAt"]),
            recorded_by=RecordedBy(id=trail["recordedById"], role=trail["recordedByRole"]),
            reason=trail["reason"], sk_number=trail["skNumber"], raw_changes=trail.get("changes"))


Amendment: Any = output_type(
    "Amendment", bases=(_OfTrail,), given={
        "event_id": str, "position": int, "recorded_at": datetime, "recorded_by": RecordedBy,
        "reason": str, "sk_number": str},
    resolved={"changes": _changes, "corrected": _corrected},
    private={"raw_changes": Any, "row_key": tuple[str, ...]},
    options={"row_key": {"default": ()}, "changes": {"deprecation_reason":
             "Use corrected, which is typed by the kind of event."}})


async def _event(self: Any, info: Info[Any, Any]) -> Optional[CareerEvent]:  # noqa: UP045
    from service.graphql.loaders import Loaders  # loaders build on these types

    found: CareerEvent | None = await Loaders.of(info).event.load(self.provenance.event_ids[0])
    return found


def _details(self: Any, info: Info[Any, Any]) -> JSON:
    details: JSON = _visible(info, self.raw_details)
    return details


def _original_values(self: Any, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
    original: JSON | None = _visible(info, self.raw_original)
    return original


async def _payload(self: Any, info: Info[Any, Any]) -> Optional[EventPayload]:  # type: ignore[valid-type]  # noqa: UP045
    found = await HistoryPayloads.of(info).load(tuple(self.provenance.event_ids))
    return found.current if found is not None else None


async def _original_payload(self: Any, info: Info[Any, Any]) -> Optional[EventPayload]:  # type: ignore[valid-type]  # noqa: UP045
    found = await HistoryPayloads.of(info).load(tuple(self.provenance.event_ids))
    return found.original if found is not None else None


class _OfCareerEntry:
    @classmethod
    def from_entry(cls, e: career_queries.CareerEntry, nip: str = "") -> Any:
        """A row of the view, its dates stored as text, with its amendments."""
        return HistoryEntry(
            nip=nip, section=e.section, sequence=e.seq, tmt=date.fromisoformat(e.tmt),
            until_tmt=_day(e.until_tmt), title=e.title, raw_details=e.details,
            provenance=Provenance.of_entry(e), corrected=e.corrected, retracted=e.retracted,
            corrections=[Amendment.from_trail(c, tuple(e.event_ids)) for c in e.corrections],
            retraction=Amendment.from_trail(e.retraction) if e.retraction else None,
            raw_original=e.original)


HistoryEntry: Any = output_type(
    "HistoryEntry", bases=(Node, _OfCareerEntry), given={
        "section": str, "sequence": int, "tmt": date, "until_tmt": Optional[date],  # noqa: UP045
        "title": str, "provenance": Provenance, "corrected": bool, "retracted": bool,
        "corrections": list[Amendment], "retraction": Optional[Amendment]},  # noqa: UP045
    resolved={"event": _event, "details": _details, "original_values": _original_values,
              "payload": _payload, "original_payload": _original_payload},
    private={"raw_details": Any, "raw_original": Any, "nip": str},
    options={"nip": {"default": ""},
             "details": {"deprecation_reason": "Use payload, which is typed by the kind of event."},
             "original_values": {"deprecation_reason": "Use originalPayload, which is typed by "
                                 "the kind of event."}})


# The history's lists, each one section of the view.
_SECTIONS = {"rank_periods": "RANK", "positions": "POSITION", "units": "UNIT",
             "appraisals": "SKP", "trainings": "TRAINING", "education": "EDUCATION",
             "discipline": "DISCIPLINE", "status_history": "STATUS",
             "competency_assessments": "COMPETENCY"}
# The summary's fields, as the view stores them (dates as text).
_SUMMARY: dict[str, Any] = {
    "nip": str, "name": str, "status": str, "status_tmt": Optional[date],  # noqa: UP045
    "cpns_tmt": date, "pns_tmt": Optional[date], "rank": RankEnum,  # noqa: UP045
    "rank_tmt": date, "position_name": OPTIONAL_TEXT, "unit_id": str, "unit_name": str,
    "institution_id": str, "institution_name": str, "last_version": int, "last_position": int}


def _summary_value(kind: Any, stored: Any) -> Any:
    if kind is RankEnum:
        return RankEnum[stored]
    if kind is date:
        return date.fromisoformat(stored)
    return _day(stored) if kind == Optional[date] else stored  # noqa: UP045


class _OfRecord:
    @classmethod
    def from_record(cls, record: career_queries.CareerHistory) -> Any:
        """The history of one servant: the summary and each section's rows."""
        s = record.summary
        return CareerHistory(
            **{name: _summary_value(kind, s[name]) for name, kind in _SUMMARY.items()},
            **{name: [HistoryEntry.from_entry(e, s["nip"]) for e in record.section(section)]
               for name, section in _SECTIONS.items()})


assert set(_SECTIONS.values()) == set(career_queries.CAREER_SECTIONS)
CareerHistory: Any = output_type("CareerHistory", bases=(_OfRecord,), given={
    **_SUMMARY, **{name: list[HistoryEntry] for name in _SECTIONS}})


NODE_KEYS[HistoryEntry] = lambda e: f"{e.nip}:{e.section}:{e.sequence}"
