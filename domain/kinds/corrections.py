"""Corrections and retractions (``domain.events.corrections``). A correction is judged as the
event it produces (``domain.corrections``); a retraction by its own envelope, under its
target's TMT. Neither changes state by itself: both are applied to their targets before
folding."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from domain import events as ev
from domain.kind import EventKind, Facet, unchanged
from domain.rules.envelope import ENVELOPE_RULES

__all__ = ["KINDS"]

_TARGET = MappingProxyType({"event_id": "target_version"})
KINDS: tuple[EventKind[Any], ...] = (
    EventKind(ev.EventCorrected, "correct_event", unchanged, (),
              frozenset({Facet.EVERY_VIEW}),
              "Replace fields of an earlier event; the original stays in the log.",
              references=_TARGET, json_fields=frozenset({"changes"}), optional_tmt=True),
    EventKind(ev.EventRetracted, "retract_event", unchanged, ENVELOPE_RULES,
              frozenset({Facet.EVERY_VIEW}), "Void an earlier event; it stays in the log.",
              references=_TARGET, optional_tmt=True),
)
