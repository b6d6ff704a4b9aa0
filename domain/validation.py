"""Rules that judge one event on its own fields (domain.md §5 rules 1-2, 4, 7-16, §3.2, §3.5).
Rules that depend on the events around it run while folding (``domain.state``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from domain.discipline import PP94_IN_FORCE, Regulation, add_months
from domain.errors import DomainError, Warning
from domain.nip import Nip
from domain.periods import is_period_date, regime_at
from domain.servant import CivilServant as CS
from domain.state import ServantState
from domain.values import (
    ESELON_LEVELS,
    STRUCTURAL_LEVELS,
    PositionKind,
    PositionLevel,
    predikat_for,
)

# A TMT this long before its SK date is reported as back-dating (rule 4, warn).
BACKDATING_WARN_DAYS = 365
MINIMUM_CPNS_AGE_YEARS = 18

Check = Callable[[Any, ServantState | None, date], list[Warning]]


def validate(event: CS.Event, state: ServantState | None, recorded_on: date) -> list[Warning]:
    """Raise DomainError for a rule the event breaks; return the warnings it earns."""
    warnings = _envelope(event, recorded_on)
    check = _CHECKS.get(type(event).__name__)
    if check is not None:
        warnings += check(event, state, recorded_on)
    return warnings


def _fail(code: str, message: str, field: str | None = None) -> DomainError:
    return DomainError(code, message, field)


# Dates outside this range are typing errors, and date arithmetic near date.max overflows.
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2199, 12, 31)


def check_date_range(value: date, field: str) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _fail(
            "INVALID_DATE", f"{field} {value} is outside {EARLIEST_DATE} to {LATEST_DATE}.", field
        )


def _envelope(e: CS.Event, recorded_on: date) -> list[Warning]:
    for name, value in vars(e).items():
        if isinstance(value, date) and not isinstance(value, datetime):
            check_date_range(value, name)
    for name in ("sk_number", "sk_official"):
        if not str(getattr(e, name)).strip():
            raise _fail("MISSING_FIELD", f"The legal basis needs {name.replace('_', ' ')}.", name)
    if e.sk_date > recorded_on:
        raise _fail(
            "SK_DATE_IN_FUTURE",
            f"SK date {e.sk_date} is after the recording date {recorded_on}; an SK must exist "
            "before it is recorded.",
            "skDate",
        )
    if (e.sk_date - e.tmt).days > BACKDATING_WARN_DAYS:
        return [
            Warning(
                "TMT_LONG_BEFORE_SK",
                f"TMT {e.tmt} is {(e.sk_date - e.tmt).days} days before SK date {e.sk_date}.",
            )
        ]
    return []


def _cpns(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    nip = Nip.parse(e.nip)
    if e.tmt.day != 1:
        raise _fail("INVALID_TMT", f"A CPNS TMT is always the 1st of a month, not {e.tmt}.", "tmt")
    if (nip.cpns_year, nip.cpns_month) != (e.tmt.year, e.tmt.month):
        raise _fail(
            "NIP_MISMATCH",
            f"NIP {e.nip} encodes CPNS TMT {nip.cpns_year}-{nip.cpns_month:02d}, "
            f"but the TMT is {e.tmt:%Y-%m}.",
            "nip",
        )
    if nip.birth_date != e.birth_date:
        raise _fail(
            "NIP_MISMATCH", f"NIP {e.nip} encodes birth date {nip.birth_date}, not {e.birth_date}.",
            "birthDate",
        )
    if nip.gender is not e.gender:
        raise _fail(
            "NIP_MISMATCH", f"NIP {e.nip} encodes gender {nip.gender.name}, not {e.gender.name}.",
            "gender",
        )
    adult_on = add_months(e.birth_date, 12 * MINIMUM_CPNS_AGE_YEARS)
    if e.tmt < adult_on:
        raise _fail(
            "UNDERAGE", f"A CPNS must be at least 18 at the TMT; this servant is 18 on {adult_on}.",
            "tmt",
        )
    if e.initial_rank is not e.education_level.entry_rank:
        return [
            Warning(
                "INITIAL_RANK_MISMATCH",
                f"Entry rank for {e.education_level.label} is {e.education_level.entry_rank.golongan}, "
                f"not {e.initial_rank.golongan}.",
            )
        ]
    return []


def _pns(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    if not e.sttpl_number.strip():
        raise _fail("MISSING_FIELD", "The Latsar certificate (STTPL) number is required.", "sttplNumber")
    if state is not None and e.tmt < add_months(state.cpns_tmt, 12):
        return [Warning("PROBATION_UNDER_ONE_YEAR", f"PNS TMT {e.tmt} is within a year of CPNS TMT.")]
    return []


def _promotion(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    if not e.promotion_type.exempt_from_period_dates and not is_period_date(e.tmt):
        regime = regime_at(e.tmt)
        months = ", ".join(date(2000, m, 1).strftime("%b") for m in regime.months)
        raise _fail(
            "INVALID_PERIOD_DATE",
            f"A promotion TMT must be a period date ({regime.rule_id}, {regime.source}: the 1st "
            f"of {months}); {e.tmt} is not.",
            "tmt",
        )
    if e.service_months is not None and not 0 <= e.service_months <= 11:
        raise _fail("INVALID_VALUE", "Service months must be 0 to 11.", "serviceMonths")
    if e.pertek_date is not None and e.pertek_date > recorded_on:
        raise _fail("SK_DATE_IN_FUTURE", f"Pertek date {e.pertek_date} is in the future.", "pertekDate")
    return []


def _position(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    kind, level = e.position_kind, e.position_level
    if kind is PositionKind.STRUKTURAL:
        expected = ESELON_LEVELS.get(e.eselon or "99")
        if expected is None or expected is not level or level not in STRUCTURAL_LEVELS:
            raise _fail(
                "POSITION_REFERENCE_MISMATCH",
                f"A structural position needs an eselon other than 99 matching its level; "
                f"eselon {e.eselon!r} does not match {level.value}.",
                "eselon",
            )
    elif kind is PositionKind.FUNGSIONAL:
        if not e.functional_position_id or level is not PositionLevel.FUNGSIONAL or not e.functional_level:
            raise _fail(
                "POSITION_REFERENCE_MISMATCH",
                "A functional position needs a functionalPositionId, a functionalLevel and level "
                "FUNGSIONAL.",
                "functionalPositionId",
            )
    elif kind is PositionKind.PELAKSANA:
        if not e.general_position_id or level is not PositionLevel.PELAKSANA:
            raise _fail(
                "POSITION_REFERENCE_MISMATCH",
                "A pelaksana position needs a generalPositionId and level PELAKSANA.",
                "generalPositionId",
            )
    elif not (e.eselon or e.functional_position_id):
        raise _fail(
            "POSITION_REFERENCE_MISMATCH",
            "A concurrent (rangkap) position needs an eselon or a functionalPositionId.",
            "eselon",
        )
    if e.functional_level is not None and state is not None and not e.functional_level.admits(state.rank):
        return [
            Warning(
                "JF_LEVEL_RANK_MISMATCH",
                f"{e.functional_level.name} does not normally admit rank {state.rank.golongan} "
                "(allowed by PerBKN 3/2023).",
            )
        ]
    return []


def _appraisal(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    expected = predikat_for(e.work_result, e.work_behaviour)
    if e.predikat is not expected:
        raise _fail(
            "PREDIKAT_MISMATCH",
            f"Hasil kerja {e.work_result.name} with perilaku kerja {e.work_behaviour.name} gives "
            f"predikat {expected.name}, not {e.predikat.name}.",
            "predikat",
        )
    if state is not None and e.appraiser_nip == state.nip:
        raise _fail("SELF_APPRAISAL", "The appraiser cannot be the person appraised.", "appraiserNip")
    if e.tmt.year < e.year or (state is not None and e.year < state.cpns_tmt.year):
        raise _fail(
            "INVALID_YEAR",
            f"An appraisal of {e.year} needs a TMT in or after that year and a year on or after "
            "the CPNS TMT.",
            "year",
        )
    if state is not None and state.appraisals.get(e.year):
        return [Warning("DUPLICATE_APPRAISAL_YEAR", f"An annual SKP for {e.year} is already recorded.")]
    return []


def _training(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    if e.hours <= 0:
        raise _fail("INVALID_HOURS", f"JP hours must be greater than 0, not {e.hours}.", "hours")
    if e.end_date < e.start_date:
        raise _fail(
            "INVALID_DATE_RANGE", f"End date {e.end_date} is before start date {e.start_date}.",
            "endDate",
        )
    if not e.organiser.strip():
        raise _fail("MISSING_FIELD", "The organiser (institusi penyelenggara) is required.", "organiser")
    if not (e.certificate_number or "").strip():
        if e.kind.is_classical:
            raise _fail(
                "MISSING_CERTIFICATE",
                f"Classical training ({e.kind.name}) needs a certificate number.",
                "certificateNumber",
            )
        return [Warning("MISSING_CERTIFICATE", f"No certificate number for {e.kind.name} learning.")]
    return []


def _education(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    if e.graduation_date > e.tmt or e.graduation_date > recorded_on:
        raise _fail(
            "INVALID_DATE_RANGE",
            f"Graduation {e.graduation_date} must not be after the TMT {e.tmt} or the recording date.",
            "graduationDate",
        )
    return []


def _discipline(e: Any, state: ServantState | None, recorded_on: date) -> list[Warning]:
    kind = e.penalty_type
    if kind.regulation is not e.regulation:
        raise _fail(
            "REGULATION_MISMATCH",
            f"{kind.name} is a penalty of PP {kind.regulation.value}, not PP {e.regulation.value}.",
            "regulation",
        )
    pp94 = e.tmt >= PP94_IN_FORCE
    if pp94 != (kind.regulation is Regulation.PP_94_2021):
        raise _fail(
            "REGULATION_NOT_IN_FORCE",
            f"On {e.tmt} penalties follow PP {'94/2021' if pp94 else '53/2010'} "
            f"(PP 94/2021 applies from {PP94_IN_FORCE}).",
            "regulation",
        )
    if kind.level is not e.level:
        raise _fail(
            "LEVEL_MISMATCH", f"{kind.name} is level {kind.level.name}, not {e.level.name}.", "level"
        )
    if not kind.durations:
        if e.duration_months is not None or e.end_date is not None:
            raise _fail("INVALID_DURATION", f"{kind.name} has no duration or end date.", "durationMonths")
        return []
    if e.duration_months not in kind.durations:
        allowed = ", ".join(str(m) for m in kind.durations)
        raise _fail(
            "INVALID_DURATION",
            f"{kind.name} lasts {allowed} months, not {e.duration_months}.",
            "durationMonths",
        )
    expected_end = add_months(e.tmt, e.duration_months)
    if e.end_date != expected_end:
        raise _fail(
            "END_DATE_MISMATCH",
            f"A {e.duration_months}-month penalty from {e.tmt} ends on {expected_end}, not {e.end_date}.",
            "endDate",
        )
    return []


_CHECKS: dict[str, Check] = {
    "CpnsAppointed": _cpns,
    "PnsAppointed": _pns,
    "RankPromoted": _promotion,
    "PositionAssigned": _position,
    "AppraisalRecorded": _appraisal,
    "TrainingCompleted": _training,
    "EducationCompleted": _education,
    "DisciplinePenaltyImposed": _discipline,
}
