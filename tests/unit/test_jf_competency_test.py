"""J2, the level step's competency test, read from CompetencyAssessed (domain.md §7.3)."""

from __future__ import annotations

from datetime import date

from domain.competence.assessment import AssessmentMethod, CompetencyAssessment
from domain.competence.dictionary import MANAGERIAL
from domain.functional.competency_test import (
    assessment_from_tree,
    assessment_tree,
    competency_test,
)
from domain.values import FunctionalLevel

SINCE, TMT = date(2020, 1, 2), date(2025, 4, 1)


def uji(on: date, level: int = 2, method: AssessmentMethod = AssessmentMethod.UJI_KOMPETENSI,
         skip: str | None = None, vid: str = "N:9") -> CompetencyAssessment:
    levels = tuple((c.code, level) for c in MANAGERIAL if c.code != skip)
    return CompetencyAssessment(vid, on, method, "BKN", levels)


def test_a_uji_kompetensi_at_the_next_levels_managerial_level_passes() -> None:
    found = competency_test([uji(date(2024, 5, 1))], FunctionalLevel.AHLI_MUDA, SINCE, TMT)
    assert (found.passed, found.evidence, found.note) == (True, "N:9", "")


def test_a_competency_below_the_next_level_fails_and_is_named() -> None:
    weak = CompetencyAssessment("N:9", date(2024, 5, 1), AssessmentMethod.UJI_KOMPETENSI, "BKN",
                                tuple((c.code, 3 if c.code != "KOMUNIKASI" else 2)
                                      for c in MANAGERIAL))
    found = competency_test([weak], FunctionalLevel.AHLI_MADYA, SINCE, TMT)
    assert found.passed is False and found.evidence == "N:9"
    assert found.shortfalls == (("KOMUNIKASI", 2, 3),)
    assert "KOMUNIKASI at level 2, 3 needed" in found.note


def test_an_unmeasured_managerial_competency_leaves_the_test_unknown() -> None:
    found = competency_test([uji(date(2024, 5, 1), skip="INTEGRITAS")],
                            FunctionalLevel.AHLI_MUDA, SINCE, TMT)
    assert found.passed is None and found.unmeasured == ("INTEGRITAS",)


def test_only_a_uji_kompetensi_made_at_the_current_level_and_before_the_tmt_counts() -> None:
    before_level = uji(date(2019, 5, 1))
    after_tmt = uji(date(2025, 5, 1))
    centre = uji(date(2024, 5, 1), method=AssessmentMethod.ASSESSMENT_CENTRE)
    found = competency_test([before_level, after_tmt, centre], FunctionalLevel.AHLI_MUDA,
                            SINCE, TMT)
    assert found.passed is None and found.evidence is None


def test_the_latest_test_decides() -> None:
    failed, passed = uji(date(2023, 5, 1), level=1, vid="N:5"), uji(date(2024, 5, 1))
    found = competency_test([passed, failed], FunctionalLevel.AHLI_MUDA, SINCE, TMT)
    assert (found.passed, found.evidence) == (True, "N:9")


def test_an_assessment_survives_the_views_json_unchanged() -> None:
    original = uji(date(2024, 5, 1))
    assert assessment_from_tree(assessment_tree(original)) == original
