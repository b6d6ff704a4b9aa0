"""The sample events the kinds declare (``EventKind.sample``): one of each kind the scripted
careers left out, recorded in the first scripted record that has room for it, so a new kind
shows in ``riwayat seed`` without a line in the script. A kind the script records already is
left alone, so the sample stays as it was."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from domain.effective import effective_events
from domain.kind import EventKind
from domain.kinds import KINDS
from domain.state import fold
from service.application import Riwayat
from service.sample.recording import SampleCareer


def declared_samples(app: Riwayat, today: date, nips: Iterable[str], recorded: Counter[str],
                     kinds: Iterable[EventKind[Any]] = KINDS) -> Counter[str]:
    """Record the declared sample of each kind in ``kinds`` that ``recorded`` has none of."""
    counts = Counter[str]()
    for kind in kinds:
        if kind.sample is None or recorded[kind.event_class.__name__]:
            continue
        for nip in nips:
            drafted = kind.sample(fold(effective_events(app.servant(nip).events)))
            if drafted is None or drafted[0] > today:
                continue
            tmt, payload = drafted
            career = SampleCareer(app, random.Random(kind.command), nip, today, counts)
            if career.record(kind.command, career.envelope(tmt), **payload) is not None:
                break
    return counts
