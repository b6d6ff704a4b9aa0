"""The pages' message catalogues: Indonesian and English have the same keys, and every value
a page shows through a message (finding kinds, servant statuses, import outcomes, decisions)
has its words in both, so no page shows a bare key such as ``finding.X``."""

from __future__ import annotations

import pytest

from domain.values import ServantStatus
from service.graphql.audit_types import FindingKind
from service.importing.report import OUTCOMES
from service.pages.i18n import LANGUAGES, catalogue

SHOWN = ([f"finding.{kind.name}" for kind in FindingKind]
         + [f"status.{status.name}" for status in ServantStatus]
         + [f"imports.outcome.{outcome}" for outcome in OUTCOMES]
         + [f"decision.{d}" for d in ("ELIGIBLE", "NOT_ELIGIBLE", "UNDETERMINED")])


def test_both_languages_have_the_same_keys() -> None:
    indonesian, english = (set(catalogue(language)) for language in LANGUAGES)
    assert indonesian ^ english == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_value_shown_through_a_message_has_its_words(language: str) -> None:
    messages = catalogue(language)
    assert [key for key in SHOWN if not messages.get(key)] == []
