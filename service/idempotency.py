"""Finding the stored result of an idempotent request.

Keys are per subject (the token's ``sub``), stored beside it in a column of its own. Keys
stored before that as one ``subject/key`` string are still honoured, but only for the subject
that actually recorded the event the result names: ``ops`` + ``team/K`` and ``ops/team`` + ``K``
spell the same string, and the event's recorded actor tells them apart."""

from __future__ import annotations

from typing import Any

from projections import json_codec


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


def stored_requests(
    app: Any, pairs: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """``stored_request`` of many (subject, key) pairs, in two statements (keys stored in the
    old combined form among them only if their subject recorded the event)."""
    recorder = app.recorder
    found: dict[tuple[str, str], tuple[str, str]] = recorder.idempotency_records(pairs)
    missing = [pair for pair in pairs if pair not in found]
    legacy: dict[str, tuple[str, str]] = recorder.legacy_idempotency_records(
        [f"{subject}/{key}" for subject, key in missing]
    )
    for subject, key in missing:
        stored = legacy.get(f"{subject}/{key}")
        if stored is not None and _recorded_by(app, stored[1], subject):
            found[(subject, key)] = stored
    return found


def _recorded_by(app: Any, result: str, subject: str) -> bool:
    recorded = json_codec.loads(result)
    event = app.servant(recorded["nip"]).event_at(recorded["version"])
    return event is not None and event.actor_id == subject
