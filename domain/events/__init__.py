"""The career events (domain.md §4): one frozen class per event kind, grouped by concept, and
nothing else. ``from domain.events import X`` names every one of them.

Every class keeps the topic it was first stored under (``TOPIC``, see ``domain.events.base``),
so moving a class never renames what is already stored."""

from domain.events.base import (
    STORED_AS,
    CareerEvent,
    LegalAct,
    field_enums,
    parse_event_id,
    payload_fields,
    with_fields,
)
from domain.events.career import (
    EXIT_KINDS,
    CpnsAppointed,
    InstitutionTransferred,
    PnsAppointed,
    PositionAssigned,
    RankPromoted,
    Retired,
    Terminated,
)
from domain.events.corrections import CORRECTION_KINDS, EventCorrected, EventRetracted
from domain.events.development import (
    AppraisalRecorded,
    CompetencyAssessed,
    CreditScoreDetermined,
    EducationCompleted,
    PotentialAssessed,
    TalentMapped,
    TrainingCompleted,
    TrainingEvaluated,
)
from domain.events.discipline import DisciplinePenaltyAnnulled, DisciplinePenaltyImposed

__all__ = [
    "CORRECTION_KINDS",
    "EXIT_KINDS",
    "STORED_AS",
    "AppraisalRecorded",
    "CareerEvent",
    "CompetencyAssessed",
    "CpnsAppointed",
    "CreditScoreDetermined",
    "DisciplinePenaltyAnnulled",
    "DisciplinePenaltyImposed",
    "EducationCompleted",
    "EventCorrected",
    "EventRetracted",
    "InstitutionTransferred",
    "LegalAct",
    "PnsAppointed",
    "PositionAssigned",
    "PotentialAssessed",
    "RankPromoted",
    "Retired",
    "TalentMapped",
    "Terminated",
    "TrainingCompleted",
    "TrainingEvaluated",
    "field_enums",
    "parse_event_id",
    "payload_fields",
    "with_fields",
]
