"""One definition of the highest recognised ijazah, shared by the write path and eligibility."""

from __future__ import annotations

from datetime import date

from domain.promotion import evaluate_reguler
from domain.rules.education import highest_recognised
from domain.values import EducationLevel, Rank
from projections.engine.view import ServantHistory
from projections.views.promotion.facts import build_facts
from tests.unit.given import a_pns, education, envelope, promoted, state_of


def test_of_two_diplomas_of_one_tier_the_one_with_the_higher_cap_is_the_highest() -> None:
    recognised = [(EducationLevel.D2, date(2015, 3, 1)), (EducationLevel.SGPLB, date(2020, 9, 1))]
    assert highest_recognised(recognised, date(2020, 8, 31)) is EducationLevel.D2
    assert highest_recognised(recognised, date(2020, 9, 1)) is EducationLevel.SGPLB
    assert highest_recognised(recognised, date(2015, 2, 1)) is None


def test_with_d2_then_sgplb_eligibility_and_promote_rank_agree_on_the_cap() -> None:
    # Given a D-II servant at III/b (the D-II cap) who later has an SGPLB diploma (cap III/c),
    servant = a_pns(EducationLevel.D2, Rank.II_B)
    for rank, tmt in ((Rank.II_C, date(2017, 4, 1)), (Rank.II_D, date(2018, 4, 1)),
                      (Rank.III_A, date(2019, 4, 1)), (Rank.III_B, date(2020, 4, 1))):
        promoted(servant, rank, tmt)
    servant.record_education(envelope(date(2020, 9, 1)),
                             **education(EducationLevel.SGPLB, graduation_date=date(2020, 8, 1)))
    tmt = date(2024, 4, 1)
    # when eligibility judges III/c at a TMT,
    history = ServantHistory(servant.id, list(servant.events),
                             {e.originator_version: e.originator_version for e in servant.events})
    r3 = next(o for o in evaluate_reguler(build_facts(history), tmt).outcomes if o.rule_id == "R3")
    # then it finds the cap within reach, citing SGPLB,
    assert r3.passed and "SGPLB" in r3.explanation
    assert state_of(servant).highest_education is EducationLevel.SGPLB
    # and the write path admits the same promotion instead of EDUCATION_CAP_EXCEEDED.
    promoted(servant, Rank.III_C, tmt)
    assert state_of(servant).rank is Rank.III_C
