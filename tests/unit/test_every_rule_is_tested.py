"""Every admission rule of every declared kind has a given/when/then unit test that makes it
refuse or warn: the rule unit tests are run here with each rule's verdicts recorded."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

from domain.errors import DomainError
from domain.kinds import KINDS
from domain.rules.base import Context, Rule

RULE_TEST_MODULES = (
    "tests.unit.test_admission_rules",
    "tests.unit.test_sequence_rules",
    "tests.unit.test_competence_rules",
    "tests.unit.test_functional_rules",
    "tests.unit.test_fold",
    "tests.unit.test_record_rules",
    "tests.unit.test_investigation_rules",
    "tests.unit.test_legal_status_rules",
    "tests.unit.test_rank_demotion_rules",
)


def test_every_rule_of_every_kind_refuses_or_warns_in_some_unit_test(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fired: set[str] = set()
    judge = Rule.judge

    def recording(rule: Rule[Any], event: Any, context: Context) -> list[Any]:
        try:
            warnings = judge(rule, event, context)
        except DomainError:
            fired.add(rule.rule_id)
            raise
        if warnings:
            fired.add(rule.rule_id)
        return warnings

    monkeypatch.setattr(Rule, "judge", recording)
    for name in RULE_TEST_MODULES:
        module = importlib.import_module(name)
        for test_name, test in vars(module).items():
            if test_name.startswith("test_") and not inspect.signature(test).parameters:
                test()
    declared = {rule.rule_id for kind in KINDS for rule in kind.rules}
    untested = sorted(declared - fired)
    assert not untested, f"rules no unit test makes refuse or warn: {untested}"
