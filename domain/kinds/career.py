"""Entering, moving through and leaving the service (``domain.events.career``): how each kind
changes the servant's state, and its declaration."""

from __future__ import annotations

from typing import Any

from domain import events as ev
from domain.kind import EventKind, Facet, History, unchanged
from domain.kinds.common import ALL_VIEWS, LIVING
from domain.rules.appointment import APPOINTMENT_RULES
from domain.rules.envelope import ENVELOPE_RULES
from domain.rules.lifecycle import LEGAL_STATUS_RULES, PNS_RULES, TRANSFER_RULES
from domain.rules.position import POSITION_RULES
from domain.rules.rank import DEMOTION_RULES, PROMOTION_RULES
from domain.servant_state import LegalStatusPeriod, PositionState, RankPeriod, ServantState
from domain.values import ServantStatus

__all__ = ["KINDS"]


def _pns(state: ServantState, e: ev.PnsAppointed, version: int) -> None:
    state.status, state.status_tmt, state.status_version = ServantStatus.PNS, e.tmt, version
    state.pns_tmt = e.tmt


def _promoted(state: ServantState, e: ev.RankPromoted, version: int) -> None:
    state.rank, state.rank_tmt = e.new_rank, e.tmt
    state.ranks.append(RankPeriod(e.new_rank, e.tmt, e.promotion_type, version))


def _demoted(state: ServantState, e: ev.RankDemoted, version: int) -> None:
    # A demotion opens a rank period like a promotion, without a promotion type.
    state.rank, state.rank_tmt = e.new_rank, e.tmt
    state.ranks.append(RankPeriod(e.new_rank, e.tmt, None, version))


def _position(state: ServantState, e: ev.PositionAssigned, version: int) -> None:
    state.position = PositionState(
        e.position_kind, e.position_level, e.position_name, e.functional_level,
        e.unit_id, e.unit_name, e.tmt, e.supervisor_rank, version,
    )
    state.unit_id, state.unit_name = e.unit_id, e.unit_name


def _transferred(state: ServantState, e: ev.InstitutionTransferred, version: int) -> None:
    state.institution_id, state.institution_name = e.to_institution_id, e.to_institution_name
    state.unit_id, state.unit_name = e.to_unit_id, e.to_unit_name


def _from_institution(e: ev.InstitutionTransferred, on_tmt: ServantState) -> ev.InstitutionTransferred:
    # The origin is the institution the servant belongs to on the transfer's TMT.
    settled: ev.InstitutionTransferred = ev.with_fields(e, from_institution_id=on_tmt.institution_id)
    return settled


def _legal_status_changed(state: ServantState, e: ev.LegalStatusChanged, version: int) -> None:
    state.legal_statuses.append(LegalStatusPeriod(e.legal_status, e.tmt, e.until, version))


def _retired(state: ServantState, e: ev.Retired, version: int) -> None:
    state.status, state.status_tmt, state.status_version = ServantStatus.RETIRED, e.tmt, version
    state.exit_reason = e.reason


def _terminated(state: ServantState, e: ev.Terminated, version: int) -> None:
    state.status, state.status_tmt = ServantStatus.TERMINATED, e.tmt
    state.status_version, state.exit_reason = version, e.reason


KINDS: tuple[EventKind[Any], ...] = (
    EventKind(ev.CpnsAppointed, "appoint_cpns", unchanged, (*ENVELOPE_RULES, *APPOINTMENT_RULES),
              frozenset({Facet.EVERY_VIEW}), "CPNS appointment: opens a record.", day_order=0,
              opens_stream=True),
    EventKind(ev.PnsAppointed, "appoint_pns", _pns, (*LIVING, *PNS_RULES), ALL_VIEWS,
              "End of probation: CPNS becomes PNS.", day_order=1),
    EventKind(ev.RankPromoted, "promote_rank", _promoted, (*LIVING, *PROMOTION_RULES),
              ALL_VIEWS, "Kenaikan pangkat."),
    EventKind(ev.PositionAssigned, "assign_position", _position, (*LIVING, *POSITION_RULES),
              ALL_VIEWS | {Facet.TRAINING}, "Jabatan assignment."),
    EventKind(ev.InstitutionTransferred, "transfer_institution", _transferred,
              (*LIVING, *TRANSFER_RULES), ALL_VIEWS | {Facet.TRAINING},
              derived=frozenset({"from_institution_id"}), settle=_from_institution),
    EventKind(ev.RankDemoted, "demote_rank", _demoted, (*LIVING, *DEMOTION_RULES), ALL_VIEWS,
              "Penurunan pangkat (a discipline outcome): the lower rank held from the TMT.",
              history=History("RANK", lambda e: f"{e.new_rank.golongan} (demoted: {e.reason})")),
    EventKind(ev.LegalStatusChanged, "change_legal_status", _legal_status_changed,
              (*LIVING, *LEGAL_STATUS_RULES), ALL_VIEWS,
              "Kedudukan hukum (CLTN, tugas belajar, suspension, ...) from the TMT.",
              history=History("STATUS", lambda e: f"{e.legal_status.name} ({e.reason})")),
    EventKind(ev.Retired, "retire", _retired, LIVING, ALL_VIEWS | {Facet.TRAINING},
              day_order=9),
    EventKind(ev.Terminated, "terminate", _terminated, LIVING, ALL_VIEWS | {Facet.TRAINING},
              day_order=9),
)
