"""Writing a sample servant's history through the application's commands, one event a
little after its SK, as HR staff would (``service.sample.showcase``, ``service.sample.declared``)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from domain.envelope import Actor, Envelope
from domain.errors import DomainError
from service.application import Riwayat

OFFICIALS = ["Kepala BKN", "Sekretaris Jenderal", "Walikota Surakarta", "Bupati Gowa"]


class SampleCareer:
    """Writes one servant's history in TMT order, recording each event a little after its SK."""

    def __init__(self, app: Riwayat, rng: random.Random, nip: str, today: date, counts: Counter[str]) -> None:
        self.app, self.rng, self.nip, self.today, self.counts = app, rng, nip, today, counts
        self.sk_serial = 0

    def envelope(self, tmt: date, sk_date: date | None = None, official: str | None = None) -> Envelope:
        sk_date = min(sk_date or tmt - timedelta(days=self.rng.randint(5, 40)), self.today)
        self.sk_serial += 1
        recorded_on = min(sk_date + timedelta(days=self.rng.randint(1, 20)), self.today)
        recorded = datetime.combine(recorded_on, time(9, self.rng.randint(0, 59)), UTC)
        return Envelope(
            tmt=tmt, sk_number=f"SK/{self.nip[-6:]}/{self.sk_serial:03d}", sk_date=sk_date,
            sk_official=official or self.rng.choice(OFFICIALS),
            actor=Actor(f"seed-hr-{self.rng.randint(1, 6)}", "hr"), recorded_at=recorded,
        )

    def record(self, command: str, envelope: Envelope, **payload: Any) -> int | None:
        if envelope.tmt > self.today:
            return None
        try:
            recorded = self.app.record(
                self.nip, lambda s: getattr(s, command)(envelope, **payload)
            )
        except DomainError as error:
            self.counts[f"refused:{error.code}"] += 1
            return None
        self.counts[recorded.event_type] += 1
        return recorded.version
