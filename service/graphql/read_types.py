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


@strawberry.type(description="Where a row comes from: its events, log positions and SK, who "
                 "recorded the original event and when.")
class Provenance:
    event_ids: list[str] = strawberry.field(
        description="The events the row is built from, the original first.")
    positions: list[int] = strawberry.field(description="The log positions of those events.")
    sk_number: str = strawberry.field(description="The SK (decision letter) number.")
    sk_date: date = strawberry.field(description="The SK's date.")
    sk_official: str = strawberry.field(description="The official who signed the SK.")
    recorded_by: RecordedBy = strawberry.field(description="Who recorded the original event.")
    recorded_at: datetime = strawberry.field(description="When the original event was recorded.")


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
            provenance=Provenance(
                event_ids=e.event_ids, positions=e.positions, sk_number=e.sk_number,
                sk_date=date.fromisoformat(e.sk_date), sk_official=e.sk_official,
                recorded_by=RecordedBy(id=e.recorded_by_id, role=e.recorded_by_role),
                recorded_at=datetime.fromisoformat(e.recorded_at),
            ),
            corrected=e.corrected, retracted=e.retracted,
            corrections=[Amendment.from_trail(c, tuple(e.event_ids)) for c in e.corrections],
            retraction=Amendment.from_trail(e.retraction) if e.retraction else None,
            raw_original=e.original,
        )


@strawberry.type(description="A servant's career history from the career_history view.")
class CareerHistory:
    nip: str = strawberry.field(description="The servant's NIP.")
    name: str = strawberry.field(description="The servant's name.")
    status: str = strawberry.field(
        description="The status today: CPNS, PNS, RETIRED or TERMINATED.")
    status_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="Since when the status holds.")
    cpns_tmt: date = strawberry.field(description="The CPNS appointment's TMT.")
    pns_tmt: Optional[date] = strawberry.field(  # noqa: UP045
        description="The PNS appointment's TMT, once appointed.")
    rank: RankEnum = strawberry.field(description="The rank held.")
    rank_tmt: date = strawberry.field(description="Since when the rank is held.")
    position_name: Optional[str] = strawberry.field(description="The position held.")  # noqa: UP045
    unit_id: str = strawberry.field(description="The work unit's id.")
    unit_name: str = strawberry.field(description="The work unit's name.")
    institution_id: str = strawberry.field(description="The agency's id.")
    institution_name: str = strawberry.field(description="The agency's name.")
    last_version: int = strawberry.field(description="The version of the servant's latest event.")
    last_position: int = strawberry.field(
        description="The log position of the servant's latest event.")
    rank_periods: list[HistoryEntry] = strawberry.field(
        description="Riwayat pangkat: each rank held.")
    positions: list[HistoryEntry] = strawberry.field(
        description="Riwayat jabatan: each position held.")
    units: list[HistoryEntry] = strawberry.field(description="Each work unit and agency served in.")
    appraisals: list[HistoryEntry] = strawberry.field(
        description="Riwayat SKP: the annual appraisals.")
    trainings: list[HistoryEntry] = strawberry.field(
        description="Riwayat diklat: trainings and courses.")
    education: list[HistoryEntry] = strawberry.field(
        description="Riwayat pendidikan: recognised education.")
    discipline: list[HistoryEntry] = strawberry.field(
        description="Riwayat hukdis: discipline penalties.")
    status_history: list[HistoryEntry] = strawberry.field(description="Appointments and exits.")
    competency_assessments: list[HistoryEntry] = strawberry.field(
        description="Competency assessments (CompetencyAssessed), each with its evidence.")

    @classmethod
    def from_record(cls, record: career_queries.CareerHistory) -> CareerHistory:
        s = record.summary
        rows = {name: [HistoryEntry.from_entry(e, s["nip"]) for e in record.section(name)]
                for name in career_queries.CAREER_SECTIONS}
        return cls(
            nip=s["nip"], name=s["name"], status=s["status"], status_tmt=_day(s["status_tmt"]),
            cpns_tmt=date.fromisoformat(s["cpns_tmt"]), pns_tmt=_day(s["pns_tmt"]),
            rank=RankEnum[s["rank"]], rank_tmt=date.fromisoformat(s["rank_tmt"]),
            position_name=s["position_name"], unit_id=s["unit_id"], unit_name=s["unit_name"],
            institution_id=s["institution_id"], institution_name=s["institution_name"],
            last_version=s["last_version"], last_position=s["last_position"],
            rank_periods=rows["RANK"], positions=rows["POSITION"], units=rows["UNIT"],
            appraisals=rows["SKP"], trainings=rows["TRAINING"], education=rows["EDUCATION"],
            discipline=rows["DISCIPLINE"], status_history=rows["STATUS"],
            competency_assessments=rows["COMPETENCY"],
        )


NODE_KEYS[HistoryEntry] = lambda e: f"{e.nip}:{e.section}:{e.sequence}"
