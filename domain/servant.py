"""The civil servant aggregate: one append-only stream of career events per NIP."""

from __future__ import annotations

import copy
from typing import Any, TypeAlias
from uuid import NAMESPACE_URL, UUID, uuid5

from domain import events as ev
from domain.act_stream import ActStream
from domain.admission import FoldedStream, admit_appointment, advanced, folded_stream
from domain.decide import decide
from domain.envelope import Envelope
from domain.errors import Warning
from domain.events import CORRECTION_KINDS, parse_event_id, payload_fields
from domain.kinds import KINDS, kind_for

__all__ = ["CORRECTION_KINDS", "CivilServant", "parse_event_id", "payload_fields", "servant_id"]


def servant_id(nip: str) -> UUID:
    """Deterministic stream id, so a second appointment of one NIP collides in the store."""
    return uuid5(NAMESPACE_URL, f"https://riwayat.id/servants/{nip}")


class CivilServant(ActStream[ev.CareerEvent]):
    """State is never assigned by commands: it is derived by folding the effective events
    (corrections applied, retractions dropped), so a correction reaches every figure.

    The event classes live in ``domain.events``; every kind's class is reachable here under
    the name it was first stored with (its ``TOPIC``), set from ``KINDS`` below the class, so
    a new kind needs no line here. The names below are the ones code elsewhere types with
    (``CS.TrainingCompleted``), which a type checker must see statically."""

    Event: TypeAlias = ev.CareerEvent
    CpnsAppointed: TypeAlias = ev.CpnsAppointed
    PnsAppointed: TypeAlias = ev.PnsAppointed
    RankPromoted: TypeAlias = ev.RankPromoted
    PositionAssigned: TypeAlias = ev.PositionAssigned
    InstitutionTransferred: TypeAlias = ev.InstitutionTransferred
    AppraisalRecorded: TypeAlias = ev.AppraisalRecorded
    TrainingCompleted: TypeAlias = ev.TrainingCompleted
    EducationCompleted: TypeAlias = ev.EducationCompleted
    DisciplinePenaltyImposed: TypeAlias = ev.DisciplinePenaltyImposed
    DisciplinePenaltyAnnulled: TypeAlias = ev.DisciplinePenaltyAnnulled
    Retired: TypeAlias = ev.Retired
    Terminated: TypeAlias = ev.Terminated
    TrainingEvaluated: TypeAlias = ev.TrainingEvaluated
    EventCorrected: TypeAlias = ev.EventCorrected
    EventRetracted: TypeAlias = ev.EventRetracted

    def __init__(self) -> None:
        super().__init__()
        self._folded: FoldedStream | None = None  # kept while events join at the end

    def _remember(self, event: ev.CareerEvent) -> None:
        super()._remember(event)
        self._folded = advanced(self._folded, event)

    def __deepcopy__(self, memo: dict[int, Any]) -> CivilServant:
        # The repository hands out copies of cached aggregates. Events are frozen, so copying
        # the lists is enough; a generic deep copy of every event dominated command time.
        clone = copy.copy(self)
        for name, value in vars(self).items():
            if type(value) is list:  # ours and the library's (its pending events)
                setattr(clone, name, list(value))
        clone._folded = None  # its state is advanced in place: each copy folds its own
        return clone

    @property
    def nip(self) -> str:
        return self.opening(ev.CpnsAppointed).nip

    def event_id(self, version: int) -> str:
        return f"{self.nip}:{version}"

    def event_at(self, version: int) -> ev.CareerEvent | None:
        if 1 <= version <= len(self._events):
            return self._events[version - 1]
        return None

    # Commands: each decides its event before triggering it, so an event that breaks a rule
    # is never created; replaying the stream only remembers events.

    @classmethod
    def appoint_cpns(cls, envelope: Envelope, **payload: Any) -> tuple[CivilServant, list[Warning]]:
        kwargs = {**envelope.event_fields(), **payload}
        stream_id = servant_id(str(payload.get("nip")))
        warnings = admit_appointment(ev.CpnsAppointed(
            originator_id=stream_id, originator_version=cls.INITIAL_VERSION,
            originator_topic="", **kwargs,
        ), envelope.recorded_at.date())
        return cls._create(ev.CpnsAppointed, id=stream_id, **kwargs), warnings

    def record(self, command: str, envelope: Envelope, **payload: Any) -> list[Warning]:
        """Decide the event of ``command`` (a kind's command, domain.kinds) and trigger it."""
        kind = kind_for(command)
        assert not kind.opens_stream, f"{command} opens a stream: use appoint_cpns"
        settled_fields = {name: "" for name in kind.derived}
        kwargs = {**envelope.event_fields(), **settled_fields, **payload}
        candidate = kind.event_class(
            originator_id=self.id, originator_version=self.version + 1, **kwargs
        )
        if self._folded is None:
            self._folded = folded_stream(self._events)
        candidate, warnings = decide(
            list(self._events), candidate, envelope.recorded_at.date(), self._folded
        )
        # Admission may settle fields (a transfer's origin, a correction's TMT and changes).
        self.trigger_event(kind.event_class, **{name: getattr(candidate, name) for name in kwargs})
        return warnings


def _command(command: str) -> Any:
    def run(self: CivilServant, envelope: Envelope, **payload: Any) -> list[Warning]:
        return self.record(command, envelope, **payload)

    run.__name__ = run.__qualname__ = command
    run.__doc__ = f"Record a {kind_for(command).event_class.__name__} (domain.kinds)."
    return run


# Every kind's class under its stored name (``domain.servant:CivilServant.<name>``), so the
# log's topics resolve to it in a process that has recorded none of it.
for _kind in KINDS:
    _stored_as = _kind.event_class.TOPIC
    _stored_name = _stored_as.removeprefix(ev.STORED_AS)
    assert _stored_as != _stored_name, f"{_stored_as} is not stored as a CivilServant event"
    assert getattr(CivilServant, _stored_name, _kind.event_class) is _kind.event_class
    setattr(CivilServant, _stored_name, _kind.event_class)

# One method per declared kind (``servant.promote_rank(envelope, ...)``), derived from KINDS.
for _kind in KINDS:
    if not _kind.opens_stream:
        setattr(CivilServant, _kind.command, _command(_kind.command))
