"""GraphQL types of the read side: career history rows with provenance, promotion
assessments with rule checks and merit, training ledgers and projection status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

import strawberry
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


@strawberry.type(description="A correction or retraction applied to a history row.")
class Amendment:
    event_id: str = strawberry.field(description="The correction's or retraction's own event id.")
    position: int = strawberry.field(description="Its log position.")
    recorded_at: datetime = strawberry.field(description="When it was recorded.")
    recorded_by: RecordedBy = strawberry.field(description="Who recorded it.")
    reason: str = strawberry.field(description="Why the record was amended.")
    sk_number: str = strawberry.field(description="The SK number the amendment rests on.")
    raw_changes: strawberry.Private[Any]
    row_key: strawberry.Private[tuple[str, ...]] = ()

    @strawberry.field(description="The fields the correction changed, with their new values "
                      "(personal fields left out for viewers).",
                      deprecation_reason="Use corrected, which is typed by the kind of event.")
    def changes(self, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
        changes: JSON | None = _visible(info, self.raw_changes)
        return changes

    @strawberry.field(description="For a correction, what it replaced, typed by the kind of "
                      "the corrected event (personal fields are null for viewers); null for a "
                      "retraction.")
    async def corrected(self, info: Info[Any, Any]) -> Optional[EventChanges]:  # type: ignore[valid-type]  # noqa: UP045
        found = await HistoryPayloads.of(info).load(self.row_key)
        return found.corrections.get(self.event_id) if found is not None else None

    @classmethod
    def from_trail(cls, trail: dict[str, Any], row_key: tuple[str, ...] = ()) -> Amendment:
        return cls(
            row_key=row_key, event_id=trail["eventId"], position=trail["position"],
            recorded_at=datetime.fromisoformat(trail["recordedAt"]),
            recorded_by=RecordedBy(id=trail["recordedById"], role=trail["recordedByRole"]),
            reason=trail["reason"], sk_number=trail["skNumber"], raw_changes=trail.get("changes"),
        )


@strawberry.type(description="One row of a servant's riwayat, after corrections.")
class HistoryEntry(Node):
    section: str = strawberry.field(
        description="The part of the riwayat: RANK, POSITION, UNIT, SKP, TRAINING, EDUCATION, "
        "DISCIPLINE, STATUS or COMPETENCY.")
    sequence: int = strawberry.field(
        description="The row's place within its section, earliest first.")
    tmt: date = strawberry.field(description="The effective date (TMT).")
    until_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="End of the period (exclusive), or of the penalty's active period."
    )
    title: str = strawberry.field(description="A one-line summary of the row.")
    raw_details: strawberry.Private[Any]
    provenance: Provenance = strawberry.field(description="Where the row comes from.")
    corrected: bool = strawberry.field(description="True when a correction changed the row.")
    retracted: bool = strawberry.field(
        description="True when the row was retracted (it stays, marked).")
    corrections: list[Amendment] = strawberry.field(
        description="The corrections applied to the row, in order.")
    retraction: Optional[Amendment] = strawberry.field(  # noqa: UP045
        description="The retraction, if the row was retracted.")
    raw_original: strawberry.Private[Any]
    nip: strawberry.Private[str] = ""

    @strawberry.field(description="The event this row was first recorded by (null when the "
                      "token may not read the raw log).")
    async def event(self, info: Info[Any, Any]) -> Optional[CareerEvent]:  # noqa: UP045
        from service.graphql.loaders import Loaders  # loaders build on these types

        found: CareerEvent | None = await Loaders.of(info).event.load(self.provenance.event_ids[0])
        return found

    @strawberry.field(description="The row's particulars by field (personal fields left out "
                      "for viewers).",
                      deprecation_reason="Use payload, which is typed by the kind of event.")
    def details(self, info: Info[Any, Any]) -> JSON:
        details: JSON = _visible(info, self.raw_details)
        return details

    @strawberry.field(description="The event as first recorded, when it was corrected since.",
                      deprecation_reason="Use originalPayload, which is typed by the kind of "
                      "event.")
    def original_values(self, info: Info[Any, Any]) -> Optional[JSON]:  # noqa: UP045
        original: JSON | None = _visible(info, self.raw_original)
        return original

    @strawberry.field(description="The facts of the row's event as the row shows them, its "
                      "corrections applied, typed by the kind of event (personal fields are "
                      "null for viewers; null when the servant is out of the token's scope).")
    async def payload(self, info: Info[Any, Any]) -> Optional[EventPayload]:  # type: ignore[valid-type]  # noqa: UP045
        found = await HistoryPayloads.of(info).load(tuple(self.provenance.event_ids))
        return found.current if found is not None else None

    @strawberry.field(description="The facts of the row's event as first recorded, when a "
                      "correction changed them since; null otherwise (personal fields are null "
                      "for viewers).")
    async def original_payload(self, info: Info[Any, Any]) -> Optional[EventPayload]:  # type: ignore[valid-type]  # noqa: UP045
        found = await HistoryPayloads.of(info).load(tuple(self.provenance.event_ids))
        return found.original if found is not None else None

    @classmethod
    def from_entry(cls, e: career_queries.CareerEntry, nip: str = "") -> HistoryEntry:
        return cls(nip=nip,
            section=e.section, sequence=e.seq, tmt=date.fromisoformat(e.tmt),
            until_tmt=_day(e.until_tmt), title=e.title, raw_details=e.details,
            provenance=Provenance.of_entry(e),
            corrected=e.corrected, retracted=e.retracted,
            corrections=[Amendment.from_trail(c, tuple(e.event_ids)) for c in e.corrections],
            retraction=Amendment.from_trail(e.retraction) if e.retraction else None,
            raw_original=e.original,
        )


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
