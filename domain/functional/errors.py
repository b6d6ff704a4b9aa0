"""Errors of functional-career records, each with a stable code."""

from __future__ import annotations

from domain.errors import DomainError

NOT_FUNCTIONAL = "CREDIT_FOR_NON_FUNCTIONAL_SERVANT"
NO_CREDIT_REGIME = "NO_CREDIT_REGIME_IN_FORCE"
INVALID_CREDIT_PERIOD = "INVALID_CREDIT_PERIOD"
NEGATIVE_CREDIT = "NEGATIVE_CREDIT"
NO_RETIREMENT_AGE = "NO_RETIREMENT_AGE_FOR_POSITION"


class FunctionalError(DomainError):
    """A functional-career command broke a rule; nothing is recorded."""
