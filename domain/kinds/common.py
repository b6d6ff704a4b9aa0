"""What the kinds of every family share: the rules a living servant's event follows and the
sets of facets most kinds touch."""

from __future__ import annotations

from domain.kind import Facet
from domain.rules.envelope import ENVELOPE_RULES
from domain.rules.lifecycle import NOT_AFTER_EXIT, NOT_BEFORE_APPOINTMENT

__all__ = ["ALL_VIEWS", "FOLLOWING", "LIVING", "MERIT_VIEWS"]

# Every event follows the appointment; only annulments (and corrections, which are judged as
# the event they correct) may follow an exit.
FOLLOWING = (*ENVELOPE_RULES, NOT_BEFORE_APPOINTMENT)
LIVING = (*FOLLOWING, NOT_AFTER_EXIT)
ALL_VIEWS = frozenset({Facet.CAREER, Facet.PROMOTION, Facet.AUDIT})
# Credit and talent records feed the promotion and merit views and the audit, not the history.
MERIT_VIEWS = frozenset({Facet.PROMOTION, Facet.AUDIT})
