"""Rank rules (domain.md §5 rules 5-7): one step up, 203 to the diploma's entry rank, the
education cap for KP reguler, and period dates."""

from __future__ import annotations

from datetime import date

from domain.errors import Warning
from domain.events import RankDemoted, RankPromoted
from domain.rules.base import Context, Rule, fail, need, refusal
from domain.rules.education import cap_rank, entry_rank
from domain.rules.periods import is_period_date, regime_at
from domain.values import EducationLevel, PromotionType, Rank, ServantStatus


def _off_period(e: RankPromoted, context: Context) -> bool:
    return not e.promotion_type.exempt_from_period_dates and not is_period_date(e.tmt)


def _period_dates_of(e: RankPromoted, context: Context) -> str:
    regime = regime_at(e.tmt)
    months = ", ".join(date(2000, m, 1).strftime("%b") for m in regime.months)
    return (f"A promotion TMT must be a period date ({regime.rule_id}, {regime.source}: the 1st "
            f"of {months}); {e.tmt} is not.")


def _service_figures(e: RankPromoted, context: Context) -> list[Warning]:
    if e.service_months is not None and not 0 <= e.service_months <= 11:
        raise fail("INVALID_VALUE", "Service months must be 0 to 11.", "serviceMonths")
    if e.pertek_date is not None and e.pertek_date > context.recorded_on:
        raise fail("SK_DATE_IN_FUTURE", f"Pertek date {e.pertek_date} is in the future.", "pertekDate")
    return []


def _held_and_entry(e: RankPromoted, context: Context) -> tuple[Rank, Rank]:
    """The rank held before the TMT, and the entry rank of the highest diploma by then."""
    state = need(context.before)
    return state.rank, entry_rank(state.education_at(e.tmt), e.tmt)


def _not_to_entry(e: RankPromoted, context: Context) -> bool:
    if e.promotion_type is not PromotionType.PENYESUAIAN_IJAZAH:
        return False
    current, entry = _held_and_entry(e, context)
    return e.new_rank is not entry or e.new_rank.ordinal <= current.ordinal


def _not_to_entry_says(e: RankPromoted, context: Context) -> str:
    current, entry = _held_and_entry(e, context)
    return (f"An education adjustment (203) raises {current.golongan} to the entry rank of the "
            f"highest diploma ({entry.golongan}), not to {e.new_rank.golongan}.")


def _not_one_step(e: RankPromoted, context: Context) -> bool:
    if e.promotion_type in (PromotionType.INITIAL, PromotionType.PENYESUAIAN_IJAZAH):
        return False
    return e.new_rank.ordinal != need(context.before).rank.ordinal + 1


def _not_one_step_says(e: RankPromoted, context: Context) -> str:
    current = need(context.before).rank
    expected = current.next()
    return (f"A promotion at TMT {e.tmt} must raise {current.golongan} by exactly one step "
            f"(to {expected.golongan if expected else 'nothing: IV/e is the top'}), "
            f"not to {e.new_rank.golongan}.")


def _cap_of(e: RankPromoted, context: Context) -> tuple[Rank, EducationLevel]:
    """The rank the highest diploma held at the TMT caps a regular promotion at."""
    education = need(context.before).education_at(e.tmt)
    return cap_rank(education, e.tmt), education


def _over_cap(e: RankPromoted, context: Context) -> bool:
    return (e.promotion_type is PromotionType.REGULER
            and e.new_rank.ordinal > _cap_of(e, context)[0].ordinal)


def _over_cap_says(e: RankPromoted, context: Context) -> str:
    cap, education = _cap_of(e, context)
    return (f"A regular promotion to {e.new_rank.golongan} exceeds the cap {cap.golongan} of "
            f"the highest diploma ({education.label}).")


PROMOTION_RULES: tuple[Rule[RankPromoted], ...] = (
    refusal("PERIOD-DATE", RankPromoted, "domain.md §5 rule 7, §7.1", when=_off_period,
            code="INVALID_PERIOD_DATE", field="tmt", says=_period_dates_of),
    Rule("SERVICE-FIGURES", RankPromoted, _service_figures, "SIASN riwayat golongan [DESIGN]"),
    refusal("INITIAL-FIRST", RankPromoted, "domain.md §5 rule 5 (211)", sequence=True,
            when=lambda e, c: e.promotion_type is PromotionType.INITIAL
            and len(need(c.before).ranks) > 1, code="RANK_SKIP", field=None,
            says=lambda e, c: "An initial-rank promotion (211) must precede every other promotion."),
    refusal("PNS-ONLY", RankPromoted, "PP 11/2017 [REG]", sequence=True,
            when=lambda e, c: e.promotion_type is not PromotionType.INITIAL
            and need(c.before).status is ServantStatus.CPNS, code="NOT_PNS", field=None,
            says=lambda e, c: f"A CPNS cannot be promoted (TMT {e.tmt}); record the PNS "
            "appointment first."),
    refusal("DIPLOMA-ENTRY-RANK", RankPromoted, "domain.md §5 rule 5 (203)", sequence=True,
            when=_not_to_entry, code="RANK_SKIP", field="newRank", says=_not_to_entry_says),
    refusal("RANK-ONE-STEP", RankPromoted, "domain.md §5 rule 5", sequence=True,
            when=_not_one_step, code="RANK_SKIP", field="newRank", says=_not_one_step_says),
    refusal("EDUCATION-CAP", RankPromoted, "domain.md §5 rule 6, §3.2", sequence=True,
            when=_over_cap, code="EDUCATION_CAP_EXCEEDED", field="newRank", says=_over_cap_says),
)


DEMOTION_RULES: tuple[Rule[RankDemoted], ...] = (
    refusal("DEMOTION-LOWER", RankDemoted, "PP 94/2021 penurunan pangkat [DESIGN]",
            sequence=True,
            when=lambda e, c: e.new_rank.ordinal >= need(c.before).rank.ordinal,
            code="RANK_SKIP", field="newRank",
            says=lambda e, c: f"A demotion at TMT {e.tmt} must lower the rank held "
            f"({need(c.before).rank.golongan}), not set {e.new_rank.golongan}."),
)
