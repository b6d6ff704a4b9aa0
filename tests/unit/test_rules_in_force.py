"""Admission chooses a kind's rules once per span of days over which none of them comes into
or goes out of force (domain.admission.rules_in_force): on every day around every rule's
start and end, and on many others, that choice is the kind's ``rules_at``."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

from domain.admission import rules_in_force
from domain.kinds import KINDS
from domain.rules.base import Rule


def _days_to_try(rules: tuple[Rule[object], ...], rng: random.Random) -> list[date]:
    edges = {r.valid_from for r in rules} | {r.valid_to for r in rules if r.valid_to}
    days = [edge + timedelta(days=step) for edge in edges for step in (-1, 0, 1)]
    days += [date(1900, 1, 1) + timedelta(days=rng.randint(0, 120 * 365)) for _ in range(200)]
    return days


def test_the_rules_chosen_for_a_span_are_the_rules_in_force_on_each_of_its_days() -> None:
    rng = random.Random(3)
    for kind in KINDS:
        for day in _days_to_try(kind.rules, rng):
            for sequence in (False, True):
                assert rules_in_force(kind, day, sequence=sequence) == kind.rules_at(
                    day, sequence=sequence), (kind.command, day, sequence)


def test_a_kind_declared_again_with_other_rules_is_judged_by_those() -> None:
    kind = next(k for k in KINDS if len(k.rules) > 1)
    day = date(2020, 1, 1)
    assert rules_in_force(kind, day, sequence=False) == kind.rules_at(day, sequence=False)
    first = kind.rules[0]
    ended = dataclasses.replace(first, valid_to=date(2019, 12, 31))
    started = dataclasses.replace(first, valid_from=date(2030, 1, 1))
    for rules in ((ended, *kind.rules[1:]), (started, *kind.rules[1:])):
        other = dataclasses.replace(kind, rules=rules)
        for probe in (day, date(2019, 12, 31), date(2030, 1, 1)):
            assert rules_in_force(other, probe, sequence=first.sequence) == other.rules_at(
                probe, sequence=first.sequence)
    assert rules_in_force(kind, day, sequence=False) == kind.rules_at(day, sequence=False)
