"""Rank rules (domain.md §5 rules 5-7): one step up, 203 to the diploma's entry rank, the
education cap for KP reguler, and period dates."""

from __future__ import annotations

from datetime import date

from domain.errors import Warning
from domain.events import RankDemoted, RankPromoted
from domain.rules.base import Context, Rule, fail, need, refusal
from domain.rules.education import cap_rank, entry_rank
from domain.rules.periods import is_period_date, regime_at
from domain.values import PromotionType, ServantStatus


def _period_date(e: RankPromoted, context: Context) -> list[Warning]:
    if not e.promotion_type.exempt_from_period_dates and not is_period_date(e.tmt):
        regime = regime_at(e.tmt)
        months = ", ".join(date(2000, m, 1).strftime("%b") for m in regime.months)
        raise fail(
            "INVALID_PERIOD_DATE",
            f"A promotion TMT must be a period date ({regime.rule_id}, {regime.source}: the 1st "
            f"of {months}); {e.tmt} is not.",
            "tmt",
        )
    return []


def _service_figures(e: RankPromoted, context: Context) -> list[Warning]:
    if e.service_months is not None and not 0 <= e.service_months <= 11:
        raise fail("INVALID_VALUE", "Service months must be 0 to 11.", "serviceMonths")
    if e.pertek_date is not None and e.pertek_date > context.recorded_on:
        raise fail("SK_DATE_IN_FUTURE", f"Pertek date {e.pertek_date} is in the future.", "pertekDate")
    return []


def _diploma_entry_rank(e: RankPromoted, context: Context) -> list[Warning]:
    if e.promotion_type is not PromotionType.PENYESUAIAN_IJAZAH:
        return []
    state = need(context.before)
    current, entry = state.rank, entry_rank(state.education_at(e.tmt), e.tmt)
    if e.new_rank is not entry or e.new_rank.ordinal <= current.ordinal:
        raise fail(
            "RANK_SKIP",
            f"An education adjustment (203) raises {current.golongan} to the entry rank of "
            f"the highest diploma ({entry.golongan}), not to {e.new_rank.golongan}.",
            "newRank",
        )
    return []


def _one_step(e: RankPromoted, context: Context) -> list[Warning]:
    if e.promotion_type in (PromotionType.INITIAL, PromotionType.PENYESUAIAN_IJAZAH):
        return []
    current = need(context.before).rank
    if e.new_rank.ordinal != current.ordinal + 1:
        expected = current.next()
        raise fail(
            "RANK_SKIP",
            f"A promotion at TMT {e.tmt} must raise {current.golongan} by exactly one step "
            f"(to {expected.golongan if expected else 'nothing: IV/e is the top'}), "
            f"not to {e.new_rank.golongan}.",
            "newRank",
        )
    return []


def _education_cap(e: RankPromoted, context: Context) -> list[Warning]:
    if e.promotion_type is not PromotionType.REGULER:
        return []
    education = need(context.before).education_at(e.tmt)
    cap = cap_rank(education, e.tmt)
    if e.new_rank.ordinal > cap.ordinal:
        raise fail(
            "EDUCATION_CAP_EXCEEDED",
            f"A regular promotion to {e.new_rank.golongan} exceeds the cap "
            f"{cap.golongan} of the highest diploma ({education.label}).",
            "newRank",
        )
    return []


PROMOTION_RULES: tuple[Rule[RankPromoted], ...] = (
    Rule("PERIOD-DATE", RankPromoted, _period_date, "domain.md §5 rule 7, §7.1"),
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
    Rule("DIPLOMA-ENTRY-RANK", RankPromoted, _diploma_entry_rank, "domain.md §5 rule 5 (203)",
         sequence=True),
    Rule("RANK-ONE-STEP", RankPromoted, _one_step, "domain.md §5 rule 5", sequence=True),
    Rule("EDUCATION-CAP", RankPromoted, _education_cap, "domain.md §5 rule 6, §3.2",
         sequence=True),
)


DEMOTION_RULES: tuple[Rule[RankDemoted], ...] = (
    refusal("DEMOTION-LOWER", RankDemoted, "PP 94/2021 penurunan pangkat [DESIGN]",
            sequence=True,
            when=lambda e, c: e.new_rank.ordinal >= need(c.before).rank.ordinal,
            code="RANK_SKIP", field="newRank",
            says=lambda e, c: f"A demotion at TMT {e.tmt} must lower the rank held "
            f"({need(c.before).rank.golongan}), not set {e.new_rank.golongan}."),
)
