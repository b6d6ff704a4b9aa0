"""The write side: load a servant, run one domain command, save, with retries,
expected versions and durable idempotency keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from domain.envelope import Envelope
from domain.errors import DomainError, ServantNotFoundError, Warning
from domain.nip import validate_nip
from domain.servant import CivilServant, servant_id
from projections import json_codec
from service.acknowledgement import Idempotency as Idempotency
from service.acknowledgement import Recorded as Recorded
from service.acknowledgement import (
    duplicate_appointment,
    key_reused,
    recorded,
    version_conflict,
)
from service.acknowledgement import request_hash as request_hash
from service.contention import CONFLICT_RETRIES, back_off, one_writer_per_servant
from service.group_commit import GroupWriter, Pending, require_absent
from service.idempotency import stored_request
from service.servant_batches import append_events
from service.store.chain import IdempotencyClaim
from service.store.transcodings import register_domain_transcodings


class WriteOptions(TypedDict, total=False):
    """How a write to a servant's stream is made (``record`` and ``submit_record``)."""

    expected_version: int | None  # refuse unless the stream is at this version
    idempotency: Idempotency | None  # replay the first result of a repeated request
    authorize: Callable[[CivilServant], None] | None  # may refuse by the servant's state


@dataclass(frozen=True)
class WriteGuard:
    """What a write checks on the servant's latest state before its command runs."""

    nip: str
    expected_version: int | None = None
    authorize: Callable[[CivilServant], None] | None = None

    def check(self, servant: CivilServant) -> None:
        if self.authorize is not None:
            self.authorize(servant)
        if self.expected_version is not None and servant.version != self.expected_version:
            raise version_conflict(self.nip, self.expected_version, servant.version)


def _guard(nip: str, options: WriteOptions) -> WriteGuard:
    return WriteGuard(nip, options.get("expected_version"), options.get("authorize"))


class Riwayat(Application[UUID]):
    # Pinned: the name prefixes the PostgreSQL tables and keys the projections' tracking.
    name = "Riwayat"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    def __init__(self, env: Any = None) -> None:
        super().__init__(env)
        self.group_writer = GroupWriter(self)

    def close(self) -> None:
        self.group_writer.close()
        super().close()

    def submit_record(self, nip: str, command: Callable[[CivilServant], list[Warning]],
                      **options: Unpack[WriteOptions]) -> Future[Recorded]:
        """``record`` through group commit: the future is settled once the command's group
        has committed (or the command failed)."""
        guard, idempotency = _guard(nip, options), options.get("idempotency")

        def act(servant: CivilServant | None) -> tuple[CivilServant, list[Warning]]:
            if servant is None:
                raise ServantNotFoundError(nip)
            guard.check(servant)
            return servant, command(servant)

        def alone() -> Recorded:
            return self._record_with_retries(guard, command, idempotency)

        return self.group_writer.submit(Pending(validate_nip(nip), act, alone, idempotency))

    def submit_appointment(
        self, envelope: Envelope, payload: dict[str, Any], idempotency: Idempotency | None = None
    ) -> Future[Recorded]:
        """``appoint_cpns`` through group commit."""
        nip = validate_nip(str(payload.get("nip")))

        def act(servant: CivilServant | None) -> tuple[CivilServant, list[Warning]]:
            require_absent(nip, servant)
            return CivilServant.appoint_cpns(envelope, **payload)

        def alone() -> Recorded:
            return self._appoint_cpns(nip, envelope, payload, idempotency)

        return self.group_writer.submit(Pending(nip, act, alone, idempotency))

    def append_bulk(self, events: Sequence[Any]) -> list[int]:
        """``servant_batches.append_events``: many servants' events in one transaction."""
        return append_events(self, events)

    def existing(self, nip: str) -> CivilServant | None:
        try:
            return self.servant(nip)
        except ServantNotFoundError:
            return None

    def servant(self, nip: str) -> CivilServant:
        validate_nip(nip)
        try:
            servant: CivilServant = self.repository.get(servant_id(nip))
        except AggregateNotFoundError:
            raise ServantNotFoundError(nip) from None
        return servant

    def appoint_cpns(
        self, envelope: Envelope, payload: dict[str, Any], idempotency: Idempotency | None = None
    ) -> Recorded:
        nip = validate_nip(str(payload.get("nip")))
        with one_writer_per_servant(nip):
            return self._appoint_cpns(nip, envelope, payload, idempotency)

    def _appoint_cpns(
        self, nip: str, envelope: Envelope, payload: dict[str, Any], idempotency: Idempotency | None
    ) -> Recorded:
        replay = self.replay(idempotency)
        if replay is not None:
            return replay
        if servant_id(nip) in self.repository:
            # An identical request (another process) may have committed since the first look.
            replay = self.replay(idempotency)
            if replay is not None:
                return replay
            raise duplicate_appointment(nip)
        servant, warnings = CivilServant.appoint_cpns(envelope, **payload)
        recorded = self._save_or_replay(servant, warnings, idempotency)
        if recorded is None:
            raise duplicate_appointment(nip)
        return recorded

    def record(self, nip: str, command: Callable[[CivilServant], list[Warning]],
               **options: Unpack[WriteOptions]) -> Recorded:
        """Run ``command`` on the servant's latest state and save what it triggers. Without an
        expected version a concurrent write is retried on fresh state."""
        with one_writer_per_servant(nip):
            return self._record_with_retries(_guard(nip, options), command,
                                             options.get("idempotency"))

    def _record_with_retries(self, guard: WriteGuard,
                             command: Callable[[CivilServant], list[Warning]],
                             idempotency: Idempotency | None) -> Recorded:
        nip, expected_version = guard.nip, guard.expected_version
        replay = self.replay(idempotency)
        if replay is not None:
            return replay
        for attempt in range(CONFLICT_RETRIES):
            if attempt:
                back_off(attempt - 1)
            servant = self.servant(nip)
            guard.check(servant)
            warnings = command(servant)
            recorded = self._save_or_replay(servant, warnings, idempotency)
            if recorded is not None:
                return recorded
            if expected_version is not None:
                raise version_conflict(nip, expected_version, None)
        raise DomainError(
            "VERSION_CONFLICT",
            f"Servant {nip} kept changing during {CONFLICT_RETRIES} attempts; try again.",
        )

    def _save_or_replay(self, servant: CivilServant, warnings: list[Warning],
                        idempotency: Idempotency | None) -> Recorded | None:
        """Save what the command triggered. When another writer saved first (the store refuses
        the version), the first result of an identical request, or None when there is none."""
        try:
            return self._save(servant, warnings, idempotency)
        except IntegrityError:
            return self.replay(idempotency)

    def result_of(self, servant: CivilServant, warnings: list[Warning]) -> dict[str, Any]:
        """What the acknowledgement of the servant's latest event says, but its positions."""
        event = servant.event_at(servant.version)
        assert event is not None
        return {
            "event_id": servant.event_id(servant.version),
            "nip": servant.nip,
            "event_type": type(event).__name__,
            "version": servant.version,
            "recorded_at": event.timestamp.isoformat(),
            "warnings": [[w.code, w.message] for w in warnings],
        }

    def acknowledgement(self, result: dict[str, Any], *, replayed: bool = False) -> Recorded:
        return recorded(result, replayed=replayed)

    def _save(
        self, servant: CivilServant, warnings: list[Warning], idempotency: Idempotency | None
    ) -> Recorded:
        result = self.result_of(servant, warnings)
        claim = (
            IdempotencyClaim(idempotency.key, idempotency.request_hash, result, idempotency.subject)
            if idempotency is not None
            else None
        )
        recordings = self.save(servant, idempotency=claim)
        position = recordings[-1].notification.id
        return recorded({**result, "positions": [position]}, replayed=False)

    def replay(self, idempotency: Idempotency | None) -> Recorded | None:
        if idempotency is None:
            return None
        return self.replay_of(idempotency, stored_request(self, idempotency.subject, idempotency.key))

    def replay_of(self, idempotency: Idempotency, stored: tuple[str, str] | None) -> Recorded | None:
        """The replay of a request whose key has ``stored`` (request hash, result), if any."""
        if stored is None:
            return None
        stored_hash, result = stored
        if stored_hash != idempotency.request_hash:
            raise self.key_reused()
        return recorded(json_codec.loads(result), replayed=True)

    key_reused = staticmethod(key_reused)

    def positions_of(self, nip: str) -> dict[int, int]:
        positions: dict[int, int] = self.recorder.positions_of(servant_id(nip))  # type: ignore[attr-defined]
        return positions
