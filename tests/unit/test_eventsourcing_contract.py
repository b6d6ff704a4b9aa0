"""The eventsourcing internals the adapter overrides are there, as the pinned version has
them: an upgrade that renames, re-signs or stops calling one of them fails here, loudly,
rather than silently skipping chain links, idempotency claims or metrics."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from service.store import eventsourcing_adapter
from service.store.eventsourcing_adapter import PINNED_VERSION, contract_breaches


def test_installed_eventsourcing_has_every_internal_the_adapter_overrides() -> None:
    assert contract_breaches() == []


def test_pyproject_pins_the_exact_version_the_adapter_is_written_for() -> None:
    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    pins = [d for d in project["project"]["dependencies"] if d.startswith("eventsourcing")]
    assert pins == [f"eventsourcing[postgres]=={PINNED_VERSION}"]


def test_a_renamed_internal_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = ((eventsourcing_adapter.OVERRIDDEN[0][0], "_insert_events_renamed", ("self",)),
               *eventsourcing_adapter.OVERRIDDEN[1:])
    monkeypatch.setattr(eventsourcing_adapter, "OVERRIDDEN", changed)
    assert contract_breaches() == ["SQLiteApplicationRecorder._insert_events_renamed is gone"]


def test_only_the_adapter_overrides_eventsourcing_internals() -> None:
    hooks = {name for _cls, name, _params in eventsourcing_adapter.OVERRIDDEN}
    root = Path(__file__).parents[2]
    offenders = [
        f"{path.relative_to(root)}: {hook}"
        for package in ("domain", "projections", "service")
        for path in (root / package).rglob("*.py")
        if path.name != "eventsourcing_adapter.py"
        for hook in (*hooks, "_pending_events")
        if re.search(rf"\b{hook}\b", path.read_text())
    ]
    assert offenders == []
