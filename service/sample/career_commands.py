"""The generated careers (service.sample.careers) as the commands that build them, for the
bulk append path and its benchmark: each servant's appointment, then every command in the
order the generator issued it."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from domain.envelope import Actor, Envelope
from domain.events import CpnsAppointed
from service.bulk_append import APPOINTMENT, BulkCommand
from service.sample.careers import Career

_APPOINTMENT_FIELDS = tuple(CpnsAppointed.__annotations__)


class _RecordedCareer(Career):
    def __init__(self, rng: random.Random, index: int) -> None:
        super().__init__(rng, index)
        self.commands: list[BulkCommand] = []

    def do(self, command: str, tmt: date, *, actor_rng: random.Random | None = None,
           **payload: Any) -> None:
        assert self.servant is not None
        envelope = self.envelope(tmt, actor_rng)
        getattr(self.servant, command)(envelope, **payload)
        self.commands.append(BulkCommand(self.servant.nip, command, envelope, payload))


def career_commands(first_index: int, count: int, seed: int = 7) -> list[BulkCommand]:
    """The commands of ``count`` careers, servant after servant (the same careers as
    ``build_servants`` with the same seed)."""
    commands: list[BulkCommand] = []
    for index in range(first_index, first_index + count):
        career = _RecordedCareer(random.Random(seed * 1_000_003 + index), index)
        servant = career.build()
        appointed = servant.event_at(1)
        assert isinstance(appointed, CpnsAppointed)
        envelope = Envelope(
            appointed.tmt, appointed.sk_number, appointed.sk_date, appointed.sk_official,
            Actor(appointed.actor_id, appointed.actor_role), appointed.timestamp,
            appointed.source, appointed.document_hash,
        )
        payload = {name: getattr(appointed, name) for name in _APPOINTMENT_FIELDS}
        commands.append(BulkCommand(servant.nip, APPOINTMENT, envelope, payload))
        commands += career.commands
    return commands
