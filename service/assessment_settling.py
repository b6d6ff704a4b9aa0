"""What a servant command relies on from streams that are not the servant's, settled at
admission into the event (so the decision is taken once and the servant's stream alone shows
what it rested on): for a competency assessment, the agency technical definitions of the
codes it names and the standard in force for the position held on its TMT."""

from __future__ import annotations

from typing import Any

from domain.competence.agency_dictionary import relied_on
from domain.competence.record import competence_record, position_keys, standard_for
from domain.competence.records import standard_text
from domain.effective import effective_events
from domain.envelope import Envelope
from domain.events import PositionAssigned
from service.application import Riwayat
from service.position_standards import standards_for
from service.technical_competencies import definitions_in_force


def settle_assessment(app: Riwayat, nip: str, envelope: Envelope, payload: dict[str, Any]
                      ) -> dict[str, Any]:
    """An assessment's payload with the technical definitions it is admitted against and the
    standard in force for the position held on its TMT (so the needs it opens are a fact of
    the servant's own stream)."""
    levels = payload.get("levels")
    if not isinstance(levels, dict):
        return payload
    found = definitions_in_force(app, (str(code) for code in levels), envelope.tmt)
    servant = app.existing(nip)
    standard = None
    if servant is not None:
        effective = effective_events(servant.events)
        keys = [k for item in effective if isinstance(item.event, PositionAssigned)
                for k in position_keys(item.event)]
        standards = standards_for(app, keys)
        held = competence_record(nip, effective, standards, envelope.tmt).position_keys
        standard = standard_for(held, envelope.tmt, standards)
    return {**payload, "technical_definitions": relied_on(found),
            "standard_relied_on": standard_text(standard)}


def settle_from_other_streams(app: Riwayat, command: str, nip: str, envelope: Envelope,
                              payload: dict[str, Any]) -> dict[str, Any]:
    """A servant command's payload with what it relies on from streams not the servant's."""
    if command == "record_competency_assessment":
        return settle_assessment(app, nip, envelope, payload)
    return payload
