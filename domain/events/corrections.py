"""Fixing the record without rewriting it: a correction replaces fields of an earlier event, a
retraction voids one; both stay in the log."""

from __future__ import annotations

from typing import Any

from domain.events.base import STORED_AS, CareerEvent

__all__ = ["CORRECTION_KINDS", "EventCorrected", "EventRetracted"]


class EventCorrected(CareerEvent):
    TOPIC = STORED_AS + "EventCorrected"
    target_version: int
    changes: dict[str, Any]
    reason: str


class EventRetracted(CareerEvent):
    TOPIC = STORED_AS + "EventRetracted"
    target_version: int
    reason: str


CORRECTION_KINDS = (EventCorrected, EventRetracted)
