"""DataLoaders of one request: links between types (a finding's or an event's servant, a
history row's event) resolved in batches, so a nested page costs a fixed number of reads."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from domain.errors import DomainError
from domain.positions import PositionKind, PositionLevel
from domain.ranks import Rank
from domain.values import EducationLevel, Gender, ServantStatus
from projections.views.servant_directory.queries import DirectoryEntry
from service.auth import Principal
from service.graphql.career_types import Retirement
from service.graphql.request_scoped import RequestScoped
from service.graphql.types import CareerEvent, Servant
from service.scope import authorize_servant

# The raw log carries personal fields (the appointment's birth date): not for viewers.
LOG_READERS = frozenset({"hr", "auditor"})


def servant_of_entry(e: DirectoryEntry) -> Servant:
    """The directory's row of a servant as the ``Servant`` type (the state valid today)."""
    rank = Rank[e["rank"]]
    level = e["position_level"]
    return Servant(
        nip=e["nip"], name=e["name"], status=ServantStatus[e["status"]],
        status_since=e.date("status_tmt"), cpns_tmt=e.date("cpns_tmt"),
        pns_tmt=e.date("pns_tmt"), rank=rank, golongan=rank.golongan, pangkat=rank.pangkat,
        rank_tmt=e.date("rank_tmt"), position_name=e["position_name"],
        position_level=PositionLevel[level] if level else None,
        position_tmt=e.date("position_tmt"), unit_id=e["unit_id"], unit_name=e["unit_name"],
        institution_id=e["institution_id"], institution_name=e["institution_name"],
        highest_education=EducationLevel[e["highest_education"]], version=e["version"],
        birth_date=e.date("birth_date"), gender=Gender[e["gender"]],
        position_kind=PositionKind[e["position_kind"]] if e["position_kind"] else None,
        retirement=None if e["bup_age"] is None else Retirement(
            bup_age=e["bup_age"], reaches_bup_on=e.date("reaches_bup_on"),
            retirement_tmt=e.date("retirement_tmt"),
            basis=e["bup_basis"], source=e["bup_source"], verify=bool(e["bup_verify"])),
    )


def visible(principal: Principal, entry: DirectoryEntry) -> bool:
    """An HR token sees the servants of its units or agencies (as they stand today)."""
    return principal.role != "hr" or principal.covers(entry["unit_id"], entry["institution_id"])


class Loaders(RequestScoped):
    """The request's loaders."""

    context_key = "loaders"

    def __init__(self, info: Info[Any, Any]) -> None:
        super().__init__(info)
        self.servant = DataLoader(load_fn=self._servants)
        self.event = DataLoader(load_fn=self._events)
        self.calls = 0  # batched reads made, for tests and metrics

    async def _servants(self, nips: Sequence[str]) -> list[Servant | None]:
        """Servants by NIP from the directory, in one statement; None where out of scope."""
        self.calls += 1
        models = self.services.read_models
        if models is None:
            raise DomainError("PROJECTION_BEHIND", "The read models are not running.")
        found = await asyncio.to_thread(models.directory_entries, self.today, list(nips))
        return [servant_of_entry(found[n]) if n in found and visible(self.principal, found[n])
                else None for n in nips]

    async def _events(self, ids: Sequence[str]) -> list[CareerEvent | None]:
        """Events by id, reading each servant's stream once; None where out of scope."""
        self.calls += 1
        nips = sorted({i.partition(":")[0] for i in ids})
        streams = await asyncio.to_thread(self._streams, nips)
        return [streams.get(i) for i in ids]

    def _streams(self, nips: Sequence[str]) -> dict[str, CareerEvent]:
        app, found = self.services.app, dict[str, CareerEvent]()
        if self.principal.role not in LOG_READERS:
            return found
        for nip in nips:
            try:
                servant = app.servant(nip)
                authorize_servant(self.principal, servant, self.today)
            except DomainError:
                continue
            positions = app.positions_of(nip)
            for event in servant.events:
                node = CareerEvent.from_event(event, nip, positions.get(event.originator_version))
                found[node.event_id] = node
        return found
