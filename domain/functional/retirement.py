"""Retirement age (batas usia pensiun, BUP) per position, as versioned data (§7.5 [REG S18]).

The age comes first from the position's own reference value (SIASN
``jabatanFungsional.usiaBup`` has exceptions such as 60, 62 or 70), then from the table by
position level. The retirement TMT is the first day of the month after the BUP birthday
[VERIFY]; someone born on 29 February reaches BUP on 28 February in a common year, so the
month, and with it the TMT, stays the birth month's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.functional import errors
from domain.functional.errors import FunctionalError
from domain.rules.validity import InForce
from domain.values import FunctionalLevel, PositionLevel

RETIREMENT_TMT_VERIFY = True
# The ages of §7.5 are those of UU 5/2014 (in force 15 Jan 2014) and PP 11/2017; earlier
# ages (PP 32/1979) are not modelled, so no rule covers earlier dates [VERIFY start].
BUP_TABLE_FROM = date(2014, 1, 15)
_SOURCE = "domain.md §7.5: UU 5/2014; PP 11/2017 [REG S18]"


@dataclass(frozen=True)
class BupRule(InForce):
    """``key`` is a PositionLevel name, or a FunctionalLevel code for functional positions."""

    key: str
    age: int
    valid_from: date
    valid_to: date | None
    source: str
    verify: bool = False


@dataclass(frozen=True)
class PositionBup(InForce):
    """A position's own BUP from reference data (e.g. SIASN usiaBup), valid in a period."""

    position_id: str
    age: int
    valid_from: date
    valid_to: date | None
    source: str


def _rule(key: str, age: int) -> BupRule:
    return BupRule(key, age, BUP_TABLE_FROM, None, _SOURCE, verify=True)


BUP_RULES: tuple[BupRule, ...] = (
    _rule("JPT_UTAMA", 60),
    _rule("JPT_MADYA", 60),
    _rule("JPT_PRATAMA", 60),
    _rule("ADMINISTRATOR", 58),
    _rule("PENGAWAS", 58),
    _rule("PELAKSANA", 58),
    _rule("PT", 58),
    _rule("MU", 58),
    _rule("MA", 60),
    _rule("UT", 65),
    _rule("PM", 58),
    _rule("TR", 58),
    _rule("MH", 58),
    _rule("PY", 58),
)


@dataclass(frozen=True)
class PositionRef:
    level: PositionLevel
    functional_level: FunctionalLevel | None = None
    position_id: str | None = None


@dataclass(frozen=True)
class BupAge:
    age: int
    basis: str  # the rule key or position id used
    source: str
    verify: bool


@dataclass(frozen=True)
class RetirementAge:
    age: int
    reaches_bup_on: date
    retirement_tmt: date
    basis: str  # the rule key or position id used
    source: str
    verify: bool


def bup_age(
    position: PositionRef,
    on: date,
    overrides: Iterable[PositionBup] = (),
    rules: Iterable[BupRule] = BUP_RULES,
) -> BupAge:
    """The BUP of ``position`` held on ``on``: its own value first, else the level table."""
    if position.position_id is not None:
        for own in overrides:
            if own.position_id == position.position_id and own.covers(on):
                return BupAge(own.age, own.position_id, own.source, False)
    key = position.level.name
    if position.level is PositionLevel.FUNGSIONAL:
        if position.functional_level is None:
            raise FunctionalError(
                errors.NO_RETIREMENT_AGE,
                "A functional position needs its level (jenjang) to find its BUP.",
                "position",
            )
        key = position.functional_level.code
    for rule in rules:
        if rule.key == key and rule.covers(on):
            return BupAge(rule.age, rule.key, rule.source, rule.verify)
    raise FunctionalError(
        errors.NO_RETIREMENT_AGE, f"No retirement age for {key} is recorded for {on}.", "position"
    )


def retirement_for(
    birth_date: date,
    position: PositionRef,
    on: date,
    overrides: Iterable[PositionBup] = (),
) -> RetirementAge:
    """The BUP date and retirement TMT of a servant born on ``birth_date`` holding
    ``position`` on ``on``."""
    bup = bup_age(position, on, overrides)
    reaches = _birthday(birth_date, birth_date.year + bup.age)
    tmt = date(reaches.year + reaches.month // 12, reaches.month % 12 + 1, 1)
    verify = bup.verify or RETIREMENT_TMT_VERIFY
    return RetirementAge(bup.age, reaches, tmt, bup.basis, bup.source, verify)


def _birthday(birth_date: date, year: int) -> date:
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)
