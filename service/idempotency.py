"""Finding the stored result of an idempotent request.

Keys are per subject (the token's ``sub``), stored beside it in a column of its own. Keys
stored before that as one ``subject/key`` string are still honoured, but only for the subject
that actually recorded the event the result names: ``ops`` + ``team/K`` and ``ops/team`` + ``K``
spell the same string, and the event's recorded actor tells them apart."""

from __future__ import annotations

import json
from typing import Any


def stored_request(app: Any, subject: str, key: str) -> tuple[str, str] | None:
    """(request hash, result JSON) stored for ``subject``'s ``key``, if any."""
    recorder = app.recorder
    found: tuple[str, str] | None = recorder.idempotency_record(subject, key)
    if found is not None:
        return found
    legacy: tuple[str, str] | None = recorder.legacy_idempotency_record(f"{subject}/{key}")
    if legacy is not None and _recorded_by(app, legacy[1], subject):
        return legacy
    return None


def _recorded_by(app: Any, result: str, subject: str) -> bool:
    recorded = json.loads(result)
    event = app.servant(recorded["nip"]).event_at(recorded["version"])
    return event is not None and event.actor_id == subject
